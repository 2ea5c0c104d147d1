import { indicator, type Indicator, type Series } from '../core/indicator.js';
import type { MaType } from './ma.js';

/** Options of {@link stoch}. */
export interface StochOptions {
  /** Bars in the highest-high / lowest-low window of fast %K, integer >= 1. Default 14. */
  fastK?: number;
  /** MA period smoothing fast %K into slow %K, integer >= 1. Default 3. */
  slowK?: number;
  /** MA period smoothing slow %K into %D, integer >= 1. Default 3. */
  slowD?: number;
  /** Moving average type of slow %K. Default `'sma'` (TA-Lib's default). */
  slowKMaType?: MaType;
  /** Moving average type of %D. Default `'sma'` (TA-Lib's default). */
  slowDMaType?: MaType;
}

/** Outputs of {@link stoch}. */
export interface StochResult {
  /** Slow %K: MA of fast %K over `slowK` bars, 0..100. */
  k: Float64Array;
  /** Slow %D: MA of slow %K over `slowD` bars, 0..100. */
  d: Float64Array;
}

/**
 * Stochastic oscillator (TA-Lib `STOCH`; Lane): fast
 * `%K = 100 * (close - lowest low) / (highest high - lowest low)` over the last `fastK`
 * bars (0 when the range is 0), slow `%K = MA(fast %K, slowK)`, `%D = MA(slow %K, slowD)`,
 * both SMAs unless `slowKMaType` / `slowDMaType` say otherwise.
 *
 * Lookback `fastK - 1 + slowK - 1 + slowD - 1` (17 for 14/3/3; with other types the
 * averages' lookbacks) for both outputs, as in TA-Lib. TA-Lib's default fastK is 5; traders' (and ours) is 14.
 *
 * @example const { k, d } = stoch(high, low, close, { fastK: 14, slowK: 3, slowD: 3 })
 */
export const stoch: Indicator<[high: Series, low: Series, close: Series], StochOptions, StochResult> = indicator('stoch');
