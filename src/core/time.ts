// The one rounding rule for times: a time belongs to the interval that starts at or before
// it, i.e. floor, never truncation toward zero (which would put times before the epoch or
// before a grid offset into the wrong interval). Bars (CandleAggregator, and the C++
// resample's std::floor) and chart times (ms → UTC seconds) all go through here.

/** Index of the interval of length `unit` (counted from `offset`) that holds time `t`: `floor((t - offset) / unit)`. */
export function intervalIndex(t: number, unit: number, offset = 0): number {
  return Math.floor((t - offset) / unit);
}
