import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link adxr}. */
export interface AdxrOptions {
  /** Wilder smoothing period of DM, TR and ADX, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Average directional movement rating (Wilder; TA-Lib `ADXR`): `(adx + adx[t - (period-1)]) / 2`
 * of the ADX computed as `adx(...).adx`.
 *
 * Lookback `3 * period - 2` (40 for 14).
 *
 * @example adxr(high, low, close, 14)
 */
export const adxr: Indicator<[high: Series, low: Series, close: Series], AdxrOptions, Float64Array> = indicator('adxr');
