import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Typical price (TA-Lib `TYPPRICE`): `(high + low + close) / 3`.
 *
 * No warm-up.
 *
 * @example typprice(high, low, close)
 */
export const typprice: OptionlessIndicator<[high: Series, low: Series, close: Series], Float64Array> = indicator('typprice');
