import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Sum of two series bar by bar (TA-Lib `ADD`): `x + y`.
 *
 * No warm-up.
 *
 * @example add(high, low)
 */
export const add: OptionlessIndicator<[x: Series, y: Series], Float64Array> = indicator('add');
