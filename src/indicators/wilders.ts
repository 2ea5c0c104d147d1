import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link wilders}. */
export interface WildersOptions {
  /** Smoothing period, integer >= 1; k = 1 / period. Default 14. */
  period?: number;
}

/**
 * Wilder's moving average (RMA, SMMA): an EMA with `k = 1 / period`, seeded with the SMA
 * of the first `period` values. The smoothing used inside RSI, ATR and ADX.
 *
 * Lookback `period - 1`. TA-Lib has no standalone RMA; equals TradingView's `ta.rma`.
 *
 * @example wilders(close, 14)
 */
export const wilders: Indicator<[close: Series], WildersOptions, Float64Array> = indicator('wilders');
