import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Hyperbolic sine of each value (TA-Lib `SINH`): `sinh(x)`.
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example sinh(x)
 */
export const sinh: OptionlessIndicator<[x: Series], Float64Array> = indicator('sinh');
