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
 * Lookback `period - 1`. The sums slide a bar at a time (O(1) a bar) and are taken afresh
 * every 32·period bars and on a bar whose departing value outweighs the window, as TA-Lib
 * 0.8.1 does, to its bits.
 *
 * @example linearreg(close, 14)
 */
export const linearreg: Indicator<[close: Series], LinearregOptions, Float64Array> = indicator('linearreg');
