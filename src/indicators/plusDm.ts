import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link plusDm}. */
export interface PlusDmOptions {
  /** Wilder smoothing period, integer >= 1 (1: the bar's own +DM). Default 14. */
  period?: number;
}

/**
 * Plus directional movement (Wilder; TA-Lib `PLUS_DM`): the up move `high - high[t-1]`
 * where it is positive and larger than the down move `low[t-1] - low`, else 0; summed over
 * bars `1 .. period-1`, then updated as `prev - prev/period + dm` (a Wilder *sum*).
 *
 * Lookback `period - 1` (1 when `period` is 1: the bar's own +DM).
 *
 * @example plusDm(high, low, 14)
 */
export const plusDm: Indicator<[high: Series, low: Series], PlusDmOptions, Float64Array> = indicator('plusDm');
