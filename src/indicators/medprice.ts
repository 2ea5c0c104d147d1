import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Median price (TA-Lib `MEDPRICE`): `(high + low) / 2`.
 *
 * No warm-up.
 *
 * @example medprice(high, low)
 */
export const medprice: OptionlessIndicator<[high: Series, low: Series], Float64Array> = indicator('medprice');
