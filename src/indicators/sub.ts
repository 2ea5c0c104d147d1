import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Difference of two series bar by bar (TA-Lib `SUB`): `x - y`.
 *
 * No warm-up.
 *
 * @example sub(high, low)
 */
export const sub: OptionlessIndicator<[x: Series, y: Series], Float64Array> = indicator('sub');
