import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link rollingMax}. */
export interface RollingMaxOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
}

/**
 * Rolling maximum (TA-Lib `MAX`): the maximum of the last `period` values, in O(1)
 * amortised time a bar (monotonic deque).
 *
 * Lookback `period - 1`. TA-Lib's default period is 30; ours is 20.
 *
 * @example rollingMax(close, 20)
 */
export const rollingMax: Indicator<[close: Series], RollingMaxOptions, Float64Array> = indicator('rollingMax');
