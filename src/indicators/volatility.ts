import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link volatility}. */
export interface VolatilityOptions {
  /** Number of 1-bar log returns in the window, integer >= 2. Default 20. */
  period?: number;
  /** Bars per year to annualise with (252 daily, 52 weekly, …), > 0. Default 1 (not annualised). */
  periodsPerYear?: number;
}

/**
 * Historical (close-to-close) volatility (not in TA-Lib): the sample standard deviation
 * (ddof 1) of the last `period` 1-bar log returns `ln(close / prevClose)`, times
 * `sqrt(periodsPerYear)`.
 *
 * Lookback `period` (the first return needs one earlier close). The log returns use hean's
 * own platform-independent natural log (error < 0.8 ulp), so values are the same bits
 * everywhere, and equal the streaming `Volatility`'s, but may differ from a `Math.log`
 * computation in the last bit.
 *
 * @example volatility(close, { period: 20, periodsPerYear: 252 })
 */
export const volatility: Indicator<[close: Series], VolatilityOptions, Float64Array> = indicator('volatility');
