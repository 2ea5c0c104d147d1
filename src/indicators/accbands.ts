import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link accbands}. */
export interface AccbandsOptions {
  /** SMA window length, integer >= 2. Default 20. */
  period?: number;
}

/** Outputs of {@link accbands}. */
export interface AccbandsResult {
  /** SMA of `high * (1 + 4 (high - low) / (high + low))`. */
  upper: Float64Array;
  /** SMA of the close. */
  middle: Float64Array;
  /** SMA of `low * (1 - 4 (high - low) / (high + low))`. */
  lower: Float64Array;
}

/**
 * Acceleration bands (Headley; TA-Lib `ACCBANDS`): simple moving averages of the high widened
 * by `4 (high - low) / (high + low)`, of the close, and of the low narrowed by the same
 * factor (where `high + low` is ~0 the bar's own high and low are used, as TA-Lib).
 *
 * Lookback `period - 1`.
 *
 * @example const { upper, middle, lower } = accbands(high, low, close, 20)
 */
export const accbands: Indicator<[high: Series, low: Series, close: Series], AccbandsOptions, AccbandsResult> = indicator('accbands');
