import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * True range (TA-Lib `TRANGE`, Wilder):
 * `max(high - low, |high - prevClose|, |low - prevClose|)`.
 *
 * Lookback 1. Takes no options, so `out` may follow the inputs directly.
 *
 * @example trange(high, low, close); trange(high, low, close, out)
 */
export const trange: OptionlessIndicator<[high: Series, low: Series, close: Series], Float64Array> =
  indicator('trange');
