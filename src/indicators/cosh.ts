import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Hyperbolic cosine of each value (TA-Lib `COSH`): `cosh(x)`.
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example cosh(x)
 */
export const cosh: OptionlessIndicator<[x: Series], Float64Array> = indicator('cosh');
