import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link mom}. */
export interface MomOptions {
  /** Bars back, integer >= 1. Default 10. */
  period?: number;
}

/**
 * Momentum (TA-Lib `MOM`): `close - close[t - period]`.
 *
 * Lookback `period`.
 *
 * @example mom(close, 10)
 */
export const mom: Indicator<[close: Series], MomOptions, Float64Array> = indicator('mom');
