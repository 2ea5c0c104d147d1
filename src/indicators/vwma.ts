import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link vwma}. */
export interface VwmaOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
}

/**
 * Volume-weighted moving average (not in TA-Lib): `sum(close * volume) / sum(volume)` over
 * the last `period` bars. NaN where every volume in the window is 0.
 *
 * Lookback `period - 1`. Running sums, re-summed exactly every few thousand bars.
 *
 * @example vwma(close, volume, 20)
 */
export const vwma: Indicator<[close: Series, volume: Series], VwmaOptions, Float64Array> = indicator('vwma');
