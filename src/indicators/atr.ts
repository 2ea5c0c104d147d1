import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link atr}. */
export interface AtrOptions {
  /** Smoothing period, integer >= 1. Default 14. */
  period?: number;
}

/**
 * Average true range (TA-Lib `ATR`, Wilder): the true range from bar 1, seeded with its
 * mean over bars 1..period, then Wilder-smoothed.
 *
 * Lookback `period`.
 *
 * @example atr(high, low, close, 14)
 */
export const atr: Indicator<[high: Series, low: Series, close: Series], AtrOptions, Float64Array> = indicator('atr');
