import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link midprice}. */
export interface MidpriceOptions {
  /** Window length, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Midpoint price of the window (TA-Lib `MIDPRICE`): `(highest high + lowest low) / 2` over
 * the last `period` bars; the extremes are exact, O(1) a bar.
 *
 * Lookback `period - 1`.
 *
 * @example midprice(high, low, 14)
 */
export const midprice: Indicator<[high: Series, low: Series], MidpriceOptions, Float64Array> = indicator('midprice');
