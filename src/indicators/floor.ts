import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Floor of each value (TA-Lib `FLOOR`): the largest integer <= x.
 * IEEE-exact (the same bits on every platform).
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example floor(x)
 */
export const floor: OptionlessIndicator<[x: Series], Float64Array> = indicator('floor');
