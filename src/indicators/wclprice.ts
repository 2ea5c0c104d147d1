import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Weighted close price (TA-Lib `WCLPRICE`): `(high + low + 2 * close) / 4`.
 *
 * No warm-up.
 *
 * @example wclprice(high, low, close)
 */
export const wclprice: OptionlessIndicator<[high: Series, low: Series, close: Series], Float64Array> = indicator('wclprice');
