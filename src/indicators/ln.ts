import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Natural logarithm of each value (TA-Lib `LN`): `ln(x)`; -Infinity at 0, NaN below.
 * Computed by hean's own portable implementation (`llog`, < 1 ulp), so the native and WASM
 * engines give the same bits.
 *
 * No warm-up; a non-finite input is a gap (NaN).
 *
 * @example ln(x)
 */
export const ln: OptionlessIndicator<[x: Series], Float64Array> = indicator('ln');
