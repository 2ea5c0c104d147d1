import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link rocp}. */
export interface RocpOptions {
  /** Bars back, integer >= 1. Default 10. */
  period?: number;
}

/**
 * Rate of change as a fraction (TA-Lib `ROCP`): `(close - close[t - period]) / close[t - period]`,
 * and 0 where `close[t - period]` is exactly 0, as TA-Lib.
 *
 * Lookback `period`.
 *
 * @example rocp(close, 10)
 */
export const rocp: Indicator<[close: Series], RocpOptions, Float64Array> = indicator('rocp');
