import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link htTrendline}. */
export interface HtTrendlineOptions {
  /**
   * Extra leading bars output as NaN while the recursion settles (TA-Lib's
   * `TA_SetUnstablePeriod`, here per call), integer >= 0. Default 0.
   */
  unstablePeriod?: number;
}

/**
 * Hilbert transform instantaneous trendline (TA-Lib `HT_TRENDLINE`, Ehlers). The mean raw price over the last round(period) bars (as TA-Lib 0.8 and Ehlers' publication), smoothed 4-3-2-1 over the last four means.
 *
 * TA-Lib's arithmetic, operation for operation (Ehlers' 4-3-2-1 price smoother, the
 * odd/even-bar Hilbert filters, the homodyne period); lookback `63 + unstablePeriod`.
 *
 * @example htTrendline(close)
 */
export const htTrendline: Indicator<[close: Series], HtTrendlineOptions, Float64Array> = indicator('htTrendline');
