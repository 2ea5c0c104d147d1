import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link vwap}. */
export interface VwapOptions {
  /** 0: cumulative since the session start; > 0: rolling over that many bars (within the session). Integer. Default 0. */
  period?: number;
  /**
   * Session id of each bar (same length as the prices), e.g. the trading day as a number.
   * A new session, and so a fresh VWAP, starts wherever the id differs from the previous
   * bar's. Use finite numbers: ids are exempt from the gap rule, and a NaN id (never
   * equal to anything) starts a new session on its bar and the next. Without it, the only
   * resets are the start of the series and gaps.
   */
  session?: Series;
}

/**
 * Volume-weighted average price of the typical price `tp = (high + low + close) / 3`:
 * `sum(tp * volume) / sum(volume)` since the start of the session (`period: 0`, the
 * default), or over the last `period` bars, never reaching back past the session start.
 * Sessions start at the first bar, after each gap, and wherever `session` changes value.
 *
 * Where the window has no volume at all (e.g. zero-volume bars at the session open), the
 * bar's typical price is returned instead of 0/0, so the output has no NaN after the
 * warm-up.
 *
 * Lookback 0 (cumulative) or `period - 1` (rolling).
 *
 * @example vwap(high, low, close, volume, { session: dayNumber })
 * @example vwap(high, low, close, volume, { period: 20 }) // rolling 20-bar VWAP
 */
export const vwap: Indicator<[high: Series, low: Series, close: Series, volume: Series], VwapOptions, Float64Array> =
  indicator('vwap');
