import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link htTrendmode}. */
export interface HtTrendmodeOptions {
  /**
   * Extra leading bars output as NaN while the recursion settles (TA-Lib's
   * `TA_SetUnstablePeriod`, here per call), integer >= 0. Default 0.
   */
  unstablePeriod?: number;
}

/**
 * Hilbert transform trend vs cycle mode (TA-Lib `HT_TRENDMODE`, Ehlers). 1 in a trend, 0 in a cycle: cycle from a sine / lead-sine crossing until half a dominant period has passed or while the phase advances at the cycle's rate; trend whenever the smoothed price is 1.5% or more from the trendline.
 *
 * TA-Lib's arithmetic, operation for operation (Ehlers' 4-3-2-1 price smoother, the
 * odd/even-bar Hilbert filters, the homodyne period); lookback `63 + unstablePeriod`.
 *
 * @example htTrendmode(close)
 */
export const htTrendmode: Indicator<[close: Series], HtTrendmodeOptions, Float64Array> = indicator('htTrendmode');
