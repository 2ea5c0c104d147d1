import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link minusDm}. */
export interface MinusDmOptions {
  /** Wilder smoothing period, integer >= 1 (1: the bar's own -DM). Default 14. */
  period?: number;
}

/**
 * Minus directional movement (Wilder; TA-Lib `MINUS_DM`): the down move `low[t-1] - low`
 * where it is positive and larger than the up move `high - high[t-1]`, else 0; summed over
 * bars `1 .. period-1`, then updated as `prev - prev/period + dm` (a Wilder *sum*).
 *
 * Lookback `period - 1` (1 when `period` is 1: the bar's own -DM).
 *
 * @example minusDm(high, low, 14)
 */
export const minusDm: Indicator<[high: Series, low: Series], MinusDmOptions, Float64Array> = indicator('minusDm');
