import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link wma}. */
export interface WmaOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
}

/**
 * Weighted moving average (TA-Lib `WMA`): `sum(i * close[t - period + i], i = 1..period)`
 * divided by `period * (period + 1) / 2`, so the newest bar weighs most.
 *
 * Lookback `period - 1`. Updated in O(1) a bar from a running sum and weighted sum, as
 * TA-Lib does, and re-summed exactly every few thousand bars so rounding can't build up.
 * TA-Lib's default period is 30; ours is 20, like `sma` and `ema`.
 *
 * @example wma(close, 20)
 */
export const wma: Indicator<[close: Series], WmaOptions, Float64Array> = indicator('wma');
