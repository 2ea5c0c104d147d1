import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link htDcperiod}. */
export interface HtDcperiodOptions {
  /**
   * Extra leading bars output as NaN while the recursion settles (TA-Lib's
   * `TA_SetUnstablePeriod`, here per call), integer >= 0. Default 0.
   */
  unstablePeriod?: number;
}

/**
 * Hilbert transform dominant cycle period (TA-Lib `HT_DCPERIOD`, Ehlers). The smoothed period, in bars (6 to 50), of the dominant cycle.
 *
 * TA-Lib's arithmetic, operation for operation (Ehlers' 4-3-2-1 price smoother, the
 * odd/even-bar Hilbert filters, the homodyne period); lookback `32 + unstablePeriod`.
 *
 * @example htDcperiod(close)
 */
export const htDcperiod: Indicator<[close: Series], HtDcperiodOptions, Float64Array> = indicator('htDcperiod');
