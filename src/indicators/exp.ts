import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Exponential of each value (TA-Lib `EXP`): `e^x`.
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example exp(x)
 */
export const exp: OptionlessIndicator<[x: Series], Float64Array> = indicator('exp');
