import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link variance}. */
export interface VarianceOptions {
  /** Window length, integer >= 1. Default 5. */
  period?: number;
}

/**
 * Rolling population variance (TA-Lib `VAR`): the mean squared deviation from the mean of
 * the last `period` values, from the same window moments as `stddev` (Welford slide, exact
 * re-sum every `max(8·period, 128)` bars; no `E[x²] - E[x]²` cancellation). TA-Lib's
 * `nbDev` option does not change `VAR`, so hean has none (hean/talib accepts and ignores it).
 *
 * Lookback `period - 1`.
 *
 * @example variance(close, 5)
 */
export const variance: Indicator<[close: Series], VarianceOptions, Float64Array> = indicator('variance');
