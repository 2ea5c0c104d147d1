import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link stochf}. */
export interface StochfOptions {
  /** Bars in the highest-high / lowest-low window of fast %K, integer >= 1. Default 5. */
  fastK?: number;
  /** SMA period smoothing fast %K into %D, integer >= 1. Default 3. */
  fastD?: number;
}

/** Outputs of {@link stochf}. */
export interface StochfResult {
  /** Fast %K = 100 * (close - lowest low) / (highest high - lowest low), 0 where the range is 0. */
  k: Float64Array;
  /** %D = SMA(fast %K, fastD). */
  d: Float64Array;
}

/**
 * Fast stochastic oscillator (TA-Lib `STOCHF` with SMA smoothing), 0..100: `stoch` without the
 * slow %K smoothing, from the same kernel.
 *
 * Lookback `fastK - 1 + fastD - 1` for both outputs, as TA-Lib.
 *
 * @example const { k, d } = stochf(high, low, close, { fastK: 5, fastD: 3 })
 */
export const stochf: Indicator<[high: Series, low: Series, close: Series], StochfOptions, StochfResult> = indicator('stochf');
