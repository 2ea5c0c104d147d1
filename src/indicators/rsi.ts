import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link rsi}. */
export interface RsiOptions {
  /** Number of price changes averaged, integer >= 1. Default 14. */
  period?: number;
}

/**
 * Relative strength index, 0..100 (TA-Lib `RSI`, Wilder 1978): average gain and loss of
 * the price changes, seeded with their means over the first `period` changes and then
 * Wilder-smoothed; `rsi = 100 * gain / (gain + loss)`, 0 when both are ~0.
 *
 * Lookback `period`.
 *
 * @example rsi(close, 14)
 */
export const rsi: Indicator<[close: Series], RsiOptions, Float64Array> = indicator('rsi');
