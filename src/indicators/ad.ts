import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Chaikin accumulation/distribution line (TA-Lib `AD`): the running sum of
 * `volume * ((close - low) - (high - close)) / (high - low)`; bars with `high <= low` add 0.
 *
 * Lookback 0 (the first bar's own flow). After a gap (a non-finite bar) the sum restarts
 * from 0. Takes no options, so `out` may follow the inputs directly.
 *
 * @example ad(high, low, close, volume); ad(high, low, close, volume, out)
 */
export const ad: OptionlessIndicator<[high: Series, low: Series, close: Series, volume: Series], Float64Array> =
  indicator('ad');
