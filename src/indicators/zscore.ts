import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link zscore}. */
export interface ZscoreOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
}

/**
 * Rolling z-score (not in TA-Lib): `(close - SMA(period)) / σ`, with σ the population
 * standard deviation of the same window (as `stddev` and `bbands`), and 0 where the window
 * is constant (σ = 0).
 *
 * Lookback `period - 1`. Constant windows are detected exactly (not by a threshold on σ),
 * so a window that turns flat after volatile bars gives 0, not a ratio of rounding residues.
 *
 * @example zscore(close, 20)
 */
export const zscore: Indicator<[close: Series], ZscoreOptions, Float64Array> = indicator('zscore');
