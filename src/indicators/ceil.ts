import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Ceiling of each value (TA-Lib `CEIL`): the smallest integer >= x.
 * IEEE-exact (the same bits on every platform).
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example ceil(x)
 */
export const ceil: OptionlessIndicator<[x: Series], Float64Array> = indicator('ceil');
