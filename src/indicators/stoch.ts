import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link stoch}. */
export interface StochOptions {
  /** Bars in the highest-high / lowest-low window of fast %K, integer >= 1. Default 14. */
  fastK?: number;
  /** SMA period smoothing fast %K into slow %K, integer >= 1. Default 3. */
  slowK?: number;
  /** SMA period smoothing slow %K into %D, integer >= 1. Default 3. */
  slowD?: number;
}

/** Outputs of {@link stoch}. */
export interface StochResult {
  /** Slow %K: SMA of fast %K over `slowK` bars, 0..100. */
  k: Float64Array;
  /** Slow %D: SMA of slow %K over `slowD` bars, 0..100. */
  d: Float64Array;
}

/**
 * Stochastic oscillator (TA-Lib `STOCH` with both MA types SMA; Lane): fast
 * `%K = 100 * (close - lowest low) / (highest high - lowest low)` over the last `fastK`
 * bars (0 when the range is 0), slow `%K = SMA(fast %K, slowK)`, `%D = SMA(slow %K, slowD)`.
 *
 * Lookback `fastK - 1 + slowK - 1 + slowD - 1` (17 for 14/3/3) for both outputs, as in
 * TA-Lib. TA-Lib's default fastK is 5; traders' (and ours) is 14.
 *
 * @example const { k, d } = stoch(high, low, close, { fastK: 14, slowK: 3, slowD: 3 })
 */
export const stoch: Indicator<[high: Series, low: Series, close: Series], StochOptions, StochResult> = indicator('stoch');
