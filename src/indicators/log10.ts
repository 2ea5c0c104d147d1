import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Base-10 logarithm of each value (TA-Lib `LOG10`): `log10(x)`; -Infinity at 0, NaN below.
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example log10(x)
 */
export const log10: OptionlessIndicator<[x: Series], Float64Array> = indicator('log10');
