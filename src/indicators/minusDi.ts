import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link minusDi}. */
export interface MinusDiOptions {
  /** Wilder smoothing period of DM and TR, integer >= 1. Default 14. */
  period?: number;
}

/**
 * Minus directional indicator (Wilder; TA-Lib `MINUS_DI`): `100 * smoothed -DM / smoothed TR`,
 * 0 where TR is ~0. The same arithmetic as `adx(...).minusDi`. With `period` 1 it is the bar's
 * -DM / TR as a plain ratio (not in percent), as TA-Lib.
 *
 * Lookback `period`.
 *
 * @example minusDi(high, low, close, 14)
 */
export const minusDi: Indicator<[high: Series, low: Series, close: Series], MinusDiOptions, Float64Array> = indicator('minusDi');
