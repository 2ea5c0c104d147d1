import { indicator, type Indicator, type Series } from '../core/indicator.js';
import type { MaType } from './ma.js';

/** Options of {@link apo}. */
export interface ApoOptions {
  /** Fast MA period, integer >= 2. Default 12. */
  fast?: number;
  /** Slow MA period, integer >= 2. Default 26. (If fast > slow they are swapped, as in TA-Lib.) */
  slow?: number;
  /** Moving average type. Default `'sma'` (TA-Lib's default). */
  maType?: MaType;
}

/**
 * Absolute price oscillator (TA-Lib `APO`): `fastMA - slowMA`, both averages started at the
 * first bar (as TA-Lib's price-oscillator core does; shared with {@link ppo}). Lookback: the
 * slow average's.
 *
 * @example apo(close, { fast: 12, slow: 26, maType: 'ema' })
 */
export const apo: Indicator<[close: Series], ApoOptions, Float64Array> = indicator('apo');
