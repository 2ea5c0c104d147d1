import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link midpoint}. */
export interface MidpointOptions {
  /** Window length, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Midpoint of the window (TA-Lib `MIDPOINT`): `(highest + lowest) / 2` of the last `period`
 * values; the extremes are exact, O(1) a bar.
 *
 * Lookback `period - 1`.
 *
 * @example midpoint(close, 14)
 */
export const midpoint: Indicator<[close: Series], MidpointOptions, Float64Array> = indicator('midpoint');
