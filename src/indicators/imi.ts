import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link imi}. */
export interface ImiOptions {
  /** Window length, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Intraday momentum index (Chande; TA-Lib `IMI`), 0..100: `100 * up / (up + down)` over the last
 * `period` bars, where a bar closing above its open adds `close - open` to `up` and any other
 * bar adds `open - close` to `down`. As TA-Lib 0.8.1, a window where every bar closes at its
 * open (up + down = 0) gives 50. Sums taken over the whole window each bar (O(period), no drift).
 *
 * Lookback `period - 1`.
 *
 * @example imi(open, close, 14)
 */
export const imi: Indicator<[open: Series, close: Series], ImiOptions, Float64Array> = indicator('imi');
