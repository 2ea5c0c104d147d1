import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link maxIndex}. */
export interface MaxIndexOptions {
  /** Window length, integer >= 2. Default 30. */
  period?: number;
}

/**
 * Bar index of the highest value over the last `period` bars (TA-Lib `MAXINDEX`), as an absolute
 * index into the input (a double; NaN in the warm-up), gaps or not. O(1) a bar. Ties follow
 * TA-Lib's scan exactly: a new value equal to the highest takes over, and when the highest
 * leaves the window the oldest of the tied highest values is taken.
 *
 * Lookback `period - 1`.
 *
 * @example maxIndex(close, 30)
 */
export const maxIndex: Indicator<[close: Series], MaxIndexOptions, Float64Array> = indicator('maxIndex');
