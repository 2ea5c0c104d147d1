import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link willr}. */
export interface WillrOptions {
  /** Bars in the highest-high / lowest-low window, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Williams %R, -100..0 (TA-Lib `WILLR`):
 * `-100 * (highest high - close) / (highest high - lowest low)` over the last `period`
 * bars; 0 where the range is exactly 0.
 *
 * Lookback `period - 1`.
 *
 * @example willr(high, low, close, 14)
 */
export const willr: Indicator<[high: Series, low: Series, close: Series], WillrOptions, Float64Array> = indicator('willr');
