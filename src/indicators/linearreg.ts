import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link linearreg}. */
export interface LinearregOptions {
  /** Window length, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Linear regression (TA-Lib `LINEARREG`): the least-squares line through the last
 * `period` values, evaluated at the latest bar (the "end point moving average").
 *
 * Lookback `period - 1`. Both sums are taken over the whole window each bar, as TA-Lib
 * does, so there is no drift (O(period) a bar).
 *
 * @example linearreg(close, 14)
 */
export const linearreg: Indicator<[close: Series], LinearregOptions, Float64Array> = indicator('linearreg');
