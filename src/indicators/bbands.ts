import { indicator, type Indicator, type Series } from '../core/indicator.js';
import type { MaType } from './ma.js';

/** Options of {@link bbands}. */
export interface BbandsOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
  /** Band width in population standard deviations, >= 0. Default 2. */
  stdDev?: number;
  /** Moving average type of the middle band. Default `'sma'` (TA-Lib's default); streaming supports `'sma'` only. */
  maType?: MaType;
}

/** Outputs of {@link bbands}. */
export interface BbandsResult {
  upper: Float64Array;
  /** The moving average (the SMA by default). */
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Bollinger Bands (TA-Lib `BBANDS`): `middle = MA(period)` (an SMA unless `maType` says otherwise),
 * `upper/lower = middle ± stdDev * σ` with σ the population standard deviation of the
 * window. One fused pass; the variance is taken about a shifted origin and re-summed
 * periodically, so it stays accurate at large prices.
 *
 * Lookback `period - 1` (or the average's, if longer). TA-Lib's default period is 5; traders' (and ours) is 20.
 *
 * @example const { upper, middle, lower } = bbands(close, { period: 20, stdDev: 2 })
 */
export const bbands: Indicator<[close: Series], BbandsOptions, BbandsResult> = indicator('bbands');
