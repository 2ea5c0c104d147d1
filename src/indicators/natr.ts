import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link natr}. */
export interface NatrOptions {
  /** Smoothing period, integer >= 1. Default 14. */
  period?: number;
}

/**
 * Normalized average true range (TA-Lib `NATR`): `100 * ATR / close`, 0 where close is 0.
 *
 * Lookback `period`.
 *
 * @example natr(high, low, close, 14)
 */
export const natr: Indicator<[high: Series, low: Series, close: Series], NatrOptions, Float64Array> = indicator('natr');
