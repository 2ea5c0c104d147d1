import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link supertrend}. */
export interface SupertrendOptions {
  /** ATR period (Wilder, as TA-Lib `ATR`), integer >= 1. Default 10. */
  period?: number;
  /** Band distance from `(high + low) / 2` in ATRs, >= 0. Default 3. */
  multiplier?: number;
}

/** Outputs of {@link supertrend}. */
export interface SupertrendResult {
  /** The trailing stop: the final lower band in an up trend, the final upper band in a down trend. */
  supertrend: Float64Array;
  /** +1 in an up trend, -1 in a down trend. */
  direction: Float64Array;
}

/**
 * Supertrend (Seban). Basic bands `hl2 ± multiplier * ATR(period)` with
 * `hl2 = (high + low) / 2` and TA-Lib's ATR; the final upper band only moves down (and the
 * final lower band only up) unless the previous close broke through it. The trend turns
 * up when the close rises above the final upper band and down when it falls below the
 * final lower band; `supertrend` is the lower band in an up trend, the upper band in a
 * down trend.
 *
 * Initialisation (bar `period`, the first ATR): the final bands are the basic bands and,
 * as if the trend so far were down, the direction is +1 only if `close > upper band`
 * (the same start as TradingView's `ta.supertrend`, whose direction sign is flipped).
 *
 * Lookback `period`.
 *
 * @example const { supertrend: stop, direction } = supertrend(high, low, close, { period: 10, multiplier: 3 })
 */
export const supertrend: Indicator<[high: Series, low: Series, close: Series], SupertrendOptions, SupertrendResult> =
  indicator('supertrend');
