import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link cmo}. */
export interface CmoOptions {
  /** Number of price changes averaged, integer >= 1. Default 14. */
  period?: number;
}

/**
 * Chande momentum oscillator (TA-Lib `CMO`), -100..100:
 * `100 * (avgGain - avgLoss) / (avgGain + avgLoss)`, 0 where the denominator is zero
 * (|x| < 1e-14, TA-Lib 0.6).
 *
 * As TA-Lib's CMO, the average gain and loss are smoothed exactly like `rsi`'s (Wilder,
 * seeded with their plain means over the first `period` changes), not summed over a
 * sliding window as in Chande's original. Lookback `period`.
 *
 * @example cmo(close, 14)
 */
export const cmo: Indicator<[close: Series], CmoOptions, Float64Array> = indicator('cmo');
