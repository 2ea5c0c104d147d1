import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link minMax}. */
export interface MinMaxOptions {
  /** Window length, integer >= 2. Default 30. */
  period?: number;
}

/** Outputs of {@link minMax}. */
export interface MinMaxResult {
  /** Lowest value of the window (as `rollingMin`). */
  min: Float64Array;
  /** Highest value of the window (as `rollingMax`). */
  max: Float64Array;
}

/**
 * Lowest and highest value over the last `period` bars (TA-Lib `MINMAX`), O(1) a bar.
 *
 * Lookback `period - 1`.
 *
 * @example const { min, max } = minMax(close, 30)
 */
export const minMax: Indicator<[close: Series], MinMaxOptions, MinMaxResult> = indicator('minMax');
