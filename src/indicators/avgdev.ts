import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link avgdev}. */
export interface AvgdevOptions {
  /** Window length, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Mean absolute deviation (TA-Lib `AVGDEV`): the mean of `|x - mean|` over the last `period`
 * values. Both sums are taken over the whole window each bar, as TA-Lib (O(period) a bar,
 * no drift).
 *
 * Lookback `period - 1`.
 *
 * @example avgdev(close, 14)
 */
export const avgdev: Indicator<[close: Series], AvgdevOptions, Float64Array> = indicator('avgdev');
