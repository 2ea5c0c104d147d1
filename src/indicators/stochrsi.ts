import { indicator, type Indicator, type Series } from '../core/indicator.js';
import type { MaType } from './ma.js';

/** Options of {@link stochrsi}. */
export interface StochrsiOptions {
  /** RSI period, integer >= 1. Default 14. */
  period?: number;
  /** RSI values in the highest / lowest window of %K, integer >= 1. Default 14. */
  fastK?: number;
  /** MA period of %D, integer >= 1. Default 3. */
  fastD?: number;
  /** Moving average type of %D. Default `'sma'` (TA-Lib's default). */
  fastDMaType?: MaType;
}

/** Outputs of {@link stochrsi}. */
export interface StochrsiResult {
  /** %K: where the RSI sits in its `fastK`-bar range, 0..100. */
  k: Float64Array;
  /** %D: SMA of %K over `fastD` bars. */
  d: Float64Array;
}

/**
 * Stochastic RSI (TA-Lib `STOCHRSI` with an SMA %D; Chande & Kroll): the fast stochastic
 * of `RSI(period)`: `%K = 100 * (rsi - lowest rsi) / (highest rsi - lowest rsi)` over the
 * last `fastK` RSI values (0 when their range is within 1e-14 of |highest| + |lowest|, as
 * TA-Lib 0.8.1: on a flat stretch RSI wiggles in its last ulps), `%D = SMA(%K, fastD)`.
 *
 * Lookback `period + fastK - 1 + fastD - 1` (29 for 14/14/3) for both outputs, as in
 * TA-Lib. TA-Lib's default fastK is 5; the common one (and ours) is 14.
 *
 * @example const { k, d } = stochrsi(close, { period: 14, fastK: 14, fastD: 3 })
 */
export const stochrsi: Indicator<[close: Series], StochrsiOptions, StochrsiResult> = indicator('stochrsi');
