import { indicator, type Indicator, type Series } from '../core/indicator.js';

/**
 * True range (TA-Lib `TRANGE`, Wilder):
 * `max(high - low, |high - prevClose|, |low - prevClose|)`.
 *
 * Lookback 1. Takes no options.
 *
 * @example trange(high, low, close)
 */
export const trange: Indicator<[high: Series, low: Series, close: Series], Record<string, never>, Float64Array> =
  indicator('trange');
