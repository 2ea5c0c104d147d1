import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Quotient of two series bar by bar (TA-Lib `DIV`): `x / y`, with no zero test (as TA-Lib,
 * `y = 0` gives ±Infinity or NaN).
 *
 * No warm-up.
 *
 * @example div(close, open)
 */
export const div: OptionlessIndicator<[x: Series, y: Series], Float64Array> = indicator('div');
