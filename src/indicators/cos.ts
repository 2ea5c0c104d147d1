import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Cosine of each value (TA-Lib `COS`): `cos(x)`, x in radians.
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example cos(x)
 */
export const cos: OptionlessIndicator<[x: Series], Float64Array> = indicator('cos');
