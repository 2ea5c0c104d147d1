import { indicator, type Indicator, type Series } from '../core/indicator.js';

/**
 * Chaikin accumulation/distribution line (TA-Lib `AD`): the running sum of
 * `volume * ((close - low) - (high - close)) / (high - low)`; bars with `high <= low` add 0.
 *
 * Lookback 0 (the first bar's own flow). After a gap (a non-finite bar) the sum restarts
 * from 0. Takes no options.
 *
 * @example ad(high, low, close, volume)
 */
export const ad: Indicator<[high: Series, low: Series, close: Series, volume: Series], Record<string, never>, Float64Array> =
  indicator('ad');
