import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link rocr}. */
export interface RocrOptions {
  /** Bars back, integer >= 1. Default 10. */
  period?: number;
}

/**
 * Rate of change ratio (TA-Lib `ROCR`): `close / close[t - period]`, and 0 where
 * `close[t - period]` is exactly 0, as TA-Lib.
 *
 * Lookback `period`.
 *
 * @example rocr(close, 10)
 */
export const rocr: Indicator<[close: Series], RocrOptions, Float64Array> = indicator('rocr');
