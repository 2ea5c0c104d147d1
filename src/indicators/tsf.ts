import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link tsf}. */
export interface TsfOptions {
  /** Window length, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Time series forecast (TA-Lib `TSF`): the least-squares line through the last `period`
 * values, extended one bar past the latest (`intercept + slope * period`). Same arithmetic
 * as `linearreg`.
 *
 * Lookback `period - 1`.
 *
 * @example tsf(close, 14)
 */
export const tsf: Indicator<[close: Series], TsfOptions, Float64Array> = indicator('tsf');
