import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link hma}. */
export interface HmaOptions {
  /** Window length, integer >= 2. Default 20. */
  period?: number;
}

/**
 * Hull moving average (Alan Hull, 2005; not in TA-Lib):
 * `WMA(2 * WMA(close, floor(period / 2)) - WMA(close, period), floor(sqrt(period)))`,
 * with WMA the linearly weighted average of `wma`.
 *
 * Lookback `(period - 1) + (floor(sqrt(period)) - 1)` (22 for the default 20).
 *
 * @example hma(close, 20)
 */
export const hma: Indicator<[close: Series], HmaOptions, Float64Array> = indicator('hma');
