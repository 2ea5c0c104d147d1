import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Arc sine of each value (TA-Lib `ASIN`): `asin(x)` in radians, -π/2..π/2; NaN outside [-1, 1].
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example asin(x)
 */
export const asin: OptionlessIndicator<[x: Series], Float64Array> = indicator('asin');
