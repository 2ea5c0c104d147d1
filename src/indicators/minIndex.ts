import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link minIndex}. */
export interface MinIndexOptions {
  /** Window length, integer >= 2. Default 30. */
  period?: number;
}

/**
 * Bar index of the lowest value over the last `period` bars (TA-Lib `MININDEX`), as an absolute
 * index into the input (a double; NaN in the warm-up), gaps or not. O(1) a bar. Ties follow
 * TA-Lib's scan exactly: a new value equal to the lowest takes over, and when the lowest
 * leaves the window the oldest of the tied lowest values is taken.
 *
 * Lookback `period - 1`.
 *
 * @example minIndex(close, 30)
 */
export const minIndex: Indicator<[close: Series], MinIndexOptions, Float64Array> = indicator('minIndex');
