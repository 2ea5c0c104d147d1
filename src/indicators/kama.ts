import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link kama}. */
export interface KamaOptions {
  /** Efficiency-ratio window (number of price changes), integer >= 1. Default 10. */
  period?: number;
  /** Fastest EMA period, integer >= 1 (used at efficiency 1). Default 2. */
  fast?: number;
  /** Slowest EMA period, integer >= 1 (used at efficiency 0). Default 30. */
  slow?: number;
}

/**
 * Kaufman adaptive moving average (TA-Lib `KAMA`, Kaufman 1995). The efficiency ratio
 * `er = |close - close[t - period]| / sum(|close[j] - close[j - 1]|)` over the last
 * `period` changes sets the smoothing constant
 * `sc = (er * (2 / (fast + 1) - 2 / (slow + 1)) + 2 / (slow + 1))²`, and
 * `kama += (close - kama) * sc`.
 *
 * Exactly TA-Lib's seeding: the first value is at index `period`, one step from
 * `close[period - 1]`, and `er = 1` when the change sum is zero (|x| < 1e-14, TA-Lib 0.6) or not above
 * the net change; a window whose changes are all exactly 0 has a change sum of exactly 0
 * (TA-Lib 0.8.1). Lookback `period`; period 1 is a copy of the input (lookback 0), as
 * TA-Lib's KAMA and `ma(x, { maType: 'kama', period: 1 })`. TA-Lib fixes fast/slow at 2/30
 * (ours are options with those defaults); its default period is 30, ours is Kaufman's 10.
 *
 * @example kama(close, { period: 10, fast: 2, slow: 30 })
 */
export const kama: Indicator<[close: Series], KamaOptions, Float64Array> = indicator('kama');
