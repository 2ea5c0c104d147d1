import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Square root of each value (TA-Lib `SQRT`): `sqrt(x)`; NaN below 0.
 * IEEE-exact (the same bits on every platform).
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example sqrt(x)
 */
export const sqrt: OptionlessIndicator<[x: Series], Float64Array> = indicator('sqrt');
