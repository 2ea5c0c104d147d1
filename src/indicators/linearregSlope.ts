import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link linearregSlope}. */
export interface LinearregSlopeOptions {
  /** Window length, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Linear regression slope (TA-Lib `LINEARREG_SLOPE`): the slope per bar of the least-squares
 * line through the last `period` values. Same arithmetic as `linearreg`.
 *
 * Lookback `period - 1`.
 *
 * @example linearregSlope(close, 14)
 */
export const linearregSlope: Indicator<[close: Series], LinearregSlopeOptions, Float64Array> = indicator('linearregSlope');
