import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Average price (TA-Lib `AVGPRICE`): `(open + high + low + close) / 4`.
 *
 * No warm-up.
 *
 * @example avgprice(open, high, low, close)
 */
export const avgprice: OptionlessIndicator<[open: Series, high: Series, low: Series, close: Series], Float64Array> = indicator('avgprice');
