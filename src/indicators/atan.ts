import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Arc tangent of each value (TA-Lib `ATAN`): `atan(x)` in radians, -π/2..π/2.
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example atan(x)
 */
export const atan: OptionlessIndicator<[x: Series], Float64Array> = indicator('atan');
