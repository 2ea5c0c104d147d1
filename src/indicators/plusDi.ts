import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link plusDi}. */
export interface PlusDiOptions {
  /** Wilder smoothing period of DM and TR, integer >= 1. Default 14. */
  period?: number;
}

/**
 * Plus directional indicator (Wilder; TA-Lib `PLUS_DI`): `100 * smoothed +DM / smoothed TR`,
 * 0 where TR is ~0. The same arithmetic as `adx(...).plusDi`. With `period` 1 it is the bar's
 * +DM / TR as a plain ratio (not in percent), as TA-Lib.
 *
 * Lookback `period`.
 *
 * @example plusDi(high, low, close, 14)
 */
export const plusDi: Indicator<[high: Series, low: Series, close: Series], PlusDiOptions, Float64Array> = indicator('plusDi');
