import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * Balance of power (TA-Lib `BOP`): `(close - open) / (high - low)`, -1..1 for consistent bars,
 * and 0 where `high - low` is not positive, as TA-Lib.
 *
 * No warm-up.
 *
 * @example bop(open, high, low, close)
 */
export const bop: OptionlessIndicator<[open: Series, high: Series, low: Series, close: Series], Float64Array> = indicator('bop');
