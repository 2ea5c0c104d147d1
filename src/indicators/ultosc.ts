import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link ultosc}. The three periods are sorted ascending before use, as in TA-Lib. */
export interface UltoscOptions {
  /** Shortest window (weight 4), integer >= 1. Default 7. */
  period1?: number;
  /** Middle window (weight 2), integer >= 1. Default 14. */
  period2?: number;
  /** Longest window (weight 1), integer >= 1. Default 28. */
  period3?: number;
}

/**
 * Ultimate oscillator, 0..100 (TA-Lib `ULTOSC`, Williams 1985): with buying pressure
 * `bp = close - min(low, prevClose)` and the true range `tr`, `avg_k = sum(bp) / sum(tr)`
 * over each period, and `ultosc = 100 * (4*avg1 + 2*avg2 + avg3) / 7` with periods sorted
 * ascending. An average whose TR sum is ~0 counts as 0, as in TA-Lib.
 *
 * Lookback: the longest period (28 by default).
 *
 * @example ultosc(high, low, close, { period1: 7, period2: 14, period3: 28 })
 */
export const ultosc: Indicator<[high: Series, low: Series, close: Series], UltoscOptions, Float64Array> = indicator('ultosc');
