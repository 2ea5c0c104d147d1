import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link linearregIntercept}. */
export interface LinearregInterceptOptions {
  /** Window length, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Linear regression intercept (TA-Lib `LINEARREG_INTERCEPT`): the least-squares line through
 * the last `period` values, evaluated at the window's oldest bar. Same arithmetic as
 * `linearreg` (TA-Lib 0.8.1's sliding sums).
 *
 * Lookback `period - 1`.
 *
 * @example linearregIntercept(close, 14)
 */
export const linearregIntercept: Indicator<[close: Series], LinearregInterceptOptions, Float64Array> = indicator('linearregIntercept');
