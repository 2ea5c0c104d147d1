import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link cci}. */
export interface CciOptions {
  /** Window length, integer >= 2. Default 20. */
  period?: number;
}

/**
 * Commodity channel index (TA-Lib `CCI`, Lambert 1980): with the typical price
 * `tp = (high + low + close) / 3`, `cci = (tp - SMA(tp)) / (0.015 * meanDeviation(tp))`
 * over the last `period` bars; 0 where the numerator or the mean deviation is within 1e-14 of
 * |SMA(tp)| (TA-Lib 0.8.1's scaled test: a flat window gives 0 at any price scale).
 *
 * Lookback `period - 1`. O(period) per bar (the mean deviation needs the whole window),
 * as in TA-Lib. TA-Lib's default period is 14; the common one (and ours) is 20.
 *
 * @example cci(high, low, close, 20)
 */
export const cci: Indicator<[high: Series, low: Series, close: Series], CciOptions, Float64Array> = indicator('cci');
