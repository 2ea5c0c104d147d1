import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link donchian}. */
export interface DonchianOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
}

/** Outputs of {@link donchian}. */
export interface DonchianResult {
  /** Highest high of the last `period` bars (this bar included). */
  upper: Float64Array;
  /** `(upper + lower) / 2`. */
  middle: Float64Array;
  /** Lowest low of the last `period` bars (this bar included). */
  lower: Float64Array;
}

/**
 * Donchian channels: the highest high and lowest low of the last `period` bars, this bar
 * included (TA-Lib `MAX(high)` / `MIN(low)`), and their midpoint. For a breakout signal
 * compare today's price with the *previous* bar's channel.
 *
 * Lookback `period - 1`.
 *
 * @example const { upper, middle, lower } = donchian(high, low, 20)
 */
export const donchian: Indicator<[high: Series, low: Series], DonchianOptions, DonchianResult> = indicator('donchian');
