import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Hyperbolic tangent of each value (TA-Lib `TANH`): `tanh(x)`.
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example tanh(x)
 */
export const tanh: OptionlessIndicator<[x: Series], Float64Array> = indicator('tanh');
