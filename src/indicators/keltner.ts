import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link keltner}. */
export interface KeltnerOptions {
  /** EMA period of the middle line, integer >= 1. Default 20. */
  period?: number;
  /** Band width in ATRs, >= 0. Default 2. */
  multiplier?: number;
  /** ATR period (Wilder), integer >= 1. Default 10. */
  atrPeriod?: number;
}

/** Outputs of {@link keltner}. */
export interface KeltnerResult {
  /** `middle + multiplier * ATR`. */
  upper: Float64Array;
  /** EMA of the close. */
  middle: Float64Array;
  /** `middle - multiplier * ATR`. */
  lower: Float64Array;
}

/**
 * Keltner channels, in the modern form (Raschke): `middle = EMA(close, period)`,
 * `upper/lower = middle ± multiplier * ATR(atrPeriod)`. The EMA is TA-Lib's `EMA`
 * (SMA-seeded, first value at `period - 1`) and the ATR TA-Lib's `ATR` (Wilder, seeded
 * with the mean true range of bars `1..atrPeriod`). Not in TA-Lib; checked against both.
 *
 * Lookback `max(period - 1, atrPeriod)` (19 by default) for all three outputs.
 *
 * @example const { upper, middle, lower } = keltner(high, low, close, { period: 20, multiplier: 2, atrPeriod: 10 })
 */
export const keltner: Indicator<[high: Series, low: Series, close: Series], KeltnerOptions, KeltnerResult> =
  indicator('keltner');
