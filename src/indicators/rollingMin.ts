import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link rollingMin}. */
export interface RollingMinOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
}

/**
 * Rolling minimum (TA-Lib `MIN`): the minimum of the last `period` values, in O(1)
 * amortised time a bar (monotonic deque).
 *
 * Lookback `period - 1`. TA-Lib's default period is 30; ours is 20.
 *
 * @example rollingMin(close, 20)
 */
export const rollingMin: Indicator<[close: Series], RollingMinOptions, Float64Array> = indicator('rollingMin');
