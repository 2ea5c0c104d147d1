import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Product of two series bar by bar (TA-Lib `MULT`): `x * y`.
 *
 * No warm-up.
 *
 * @example mult(close, volume)
 */
export const mult: OptionlessIndicator<[x: Series, y: Series], Float64Array> = indicator('mult');
