import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link aroonOsc}. */
export interface AroonOscOptions {
  /** Look-back in bars, integer >= 2; the window holds `period + 1` bars. Default 14. */
  period?: number;
}

/**
 * Aroon oscillator, -100..100 (TA-Lib `AROONOSC`): aroon up minus aroon down, computed as
 * `100 / period * (index of the highest high - index of the lowest low)` over the last
 * `period + 1` bars (ties: the most recent bar).
 *
 * Lookback `period`.
 *
 * @example aroonOsc(high, low, 14)
 */
export const aroonOsc: Indicator<[high: Series, low: Series], AroonOscOptions, Float64Array> = indicator('aroonOsc');
