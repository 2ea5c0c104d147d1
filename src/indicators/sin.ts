import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Sine of each value (TA-Lib `SIN`): `sin(x)`, x in radians.
 * Computed by hean's own portable implementation (hean/lmath.hpp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example sin(x)
 */
export const sin: OptionlessIndicator<[x: Series], Float64Array> = indicator('sin');
