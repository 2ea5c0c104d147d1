import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link minMaxIndex}. */
export interface MinMaxIndexOptions {
  /** Window length, integer >= 2. Default 30. */
  period?: number;
}

/** Outputs of {@link minMaxIndex}. */
export interface MinMaxIndexResult {
  /** Absolute bar index of the lowest value (as `minIndex`). */
  minIndex: Float64Array;
  /** Absolute bar index of the highest value (as `maxIndex`). */
  maxIndex: Float64Array;
}

/**
 * Bar indices of the lowest and highest value over the last `period` bars (TA-Lib
 * `MINMAXINDEX`): absolute indices into the input (doubles; NaN in the warm-up), with
 * TA-Lib's tie rules (see `maxIndex`). O(1) a bar.
 *
 * Lookback `period - 1`.
 *
 * @example const { minIndex, maxIndex } = minMaxIndex(close, 30)
 */
export const minMaxIndex: Indicator<[close: Series], MinMaxIndexOptions, MinMaxIndexResult> = indicator('minMaxIndex');
