import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link sarext}. */
export interface SarextOptions {
  /** Start SAR: > 0 starts long at this value, < 0 short at its magnitude, 0 picks the trend as `sar` does. Default 0. */
  startValue?: number;
  /** Fraction of the SAR added (reversal to short) or taken (reversal to long) on each reversal, >= 0. Default 0. */
  offsetOnReverse?: number;
  /** Acceleration factor at the start of a long trend, >= 0 (lowered to the cap). Default 0.02. */
  accelerationInitLong?: number;
  /** Acceleration factor step on each new high in a long trend, >= 0. Default 0.02. */
  accelerationLong?: number;
  /** Acceleration factor cap in a long trend, >= 0. Default 0.2. */
  accelerationMaxLong?: number;
  /** Acceleration factor at the start of a short trend, >= 0 (lowered to the cap). Default 0.02. */
  accelerationInitShort?: number;
  /** Acceleration factor step on each new low in a short trend, >= 0. Default 0.02. */
  accelerationShort?: number;
  /** Acceleration factor cap in a short trend, >= 0. Default 0.2. */
  accelerationMaxShort?: number;
}

/**
 * Parabolic SAR, extended (TA-Lib `SAREXT`): {@link sar} with separate acceleration
 * factors for long and short trends, an optional start value and an offset on reversal.
 *
 * TA-Lib's sign convention: the value is **negative while short** (its magnitude is the
 * SAR), so a sign change marks a reversal. With the defaults `|sarext|` equals `sar`.
 * Lookback 1.
 *
 * @example sarext(high, low, { accelerationInitLong: 0.01, accelerationMaxShort: 0.1 })
 */
export const sarext: Indicator<[high: Series, low: Series], SarextOptions, Float64Array> = indicator('sarext');
