import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link mfi}. */
export interface MfiOptions {
  /** Number of money flows summed, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Money flow index, 0..100 (TA-Lib `MFI`, Quong & Soudack): a bar's money flow is
 * `tp * volume` with `tp = (high + low + close) / 3`; it counts as positive when `tp` rose
 * from the previous bar and negative when it fell (neither when unchanged).
 * `mfi = 100 * positive / (positive + negative)` over the last `period` bars, and 0 when
 * `positive + negative < 1` (TA-Lib's rule; it covers zero-volume windows).
 *
 * Lookback `period`.
 *
 * @example mfi(high, low, close, volume, 14)
 */
export const mfi: Indicator<[high: Series, low: Series, close: Series, volume: Series], MfiOptions, Float64Array> =
  indicator('mfi');
