import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link rocr100}. */
export interface Rocr100Options {
  /** Bars back, integer >= 1. Default 10. */
  period?: number;
}

/**
 * Rate of change ratio in percent (TA-Lib `ROCR100`): `100 * close / close[t - period]`,
 * and 0 where `close[t - period]` is exactly 0, as TA-Lib.
 *
 * Lookback `period`.
 *
 * @example rocr100(close, 10)
 */
export const rocr100: Indicator<[close: Series], Rocr100Options, Float64Array> = indicator('rocr100');
