import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Arc cosine of each value (TA-Lib `ACOS`): `acos(x)` in radians, 0..π; NaN outside [-1, 1].
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example acos(x)
 */
export const acos: OptionlessIndicator<[x: Series], Float64Array> = indicator('acos');
