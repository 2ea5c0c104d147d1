import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Tangent of each value (TA-Lib `TAN`): `tan(x)`, x in radians.
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example tan(x)
 */
export const tan: OptionlessIndicator<[x: Series], Float64Array> = indicator('tan');
