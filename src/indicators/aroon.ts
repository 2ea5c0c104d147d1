import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link aroon}. */
export interface AroonOptions {
  /** Look-back in bars, integer >= 2; the window holds `period + 1` bars. Default 14. */
  period?: number;
}

/** Outputs of {@link aroon}. */
export interface AroonResult {
  /** `100 / period * (period - bars since the lowest low)`, 0..100. */
  down: Float64Array;
  /** `100 / period * (period - bars since the highest high)`, 0..100. */
  up: Float64Array;
}

/**
 * Aroon (TA-Lib `AROON`, Chande 1995): how recently the window of the last `period + 1`
 * bars made its highest high (`up`) and lowest low (`down`); 100 means on this bar, 0
 * means `period` bars ago. On ties the most recent bar counts, as in TA-Lib.
 *
 * Lookback `period`.
 *
 * @example const { up, down } = aroon(high, low, 14)
 */
export const aroon: Indicator<[high: Series, low: Series], AroonOptions, AroonResult> = indicator('aroon');
