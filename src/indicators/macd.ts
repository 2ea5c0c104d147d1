import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link macd}. */
export interface MacdOptions {
  /** Fast EMA period, integer >= 2. Default 12. */
  fast?: number;
  /** Slow EMA period, integer >= 2. Default 26. (If fast > slow they are swapped, as in TA-Lib.) */
  slow?: number;
  /** Signal EMA period, integer >= 1. Default 9. */
  signal?: number;
}

/** Outputs of {@link macd}. */
export interface MacdResult {
  /** fast EMA - slow EMA. */
  macd: Float64Array;
  /** EMA of `macd`. */
  signal: Float64Array;
  /** `macd - signal`. */
  histogram: Float64Array;
}

/**
 * Moving average convergence/divergence (TA-Lib `MACD`, Appel).
 *
 * Exactly TA-Lib's seeding: both EMAs produce their first value at index `slow - 1` (the
 * fast EMA is seeded with the SMA of `close[slow - fast .. slow - 1]`), the signal EMA is
 * seeded with the SMA of the first `signal` MACD values, and all three outputs start at
 * lookback `slow + signal - 2` (33 for 12/26/9). Not TA-Lib's `MACDFIX` (fixed 0.15/0.075).
 *
 * @example const { macd: line, signal, histogram } = macd(close, { fast: 12, slow: 26, signal: 9 })
 */
export const macd: Indicator<[close: Series], MacdOptions, MacdResult> = indicator('macd');
