import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link htDcphase}. */
export interface HtDcphaseOptions {
  /**
   * Extra leading bars output as NaN while the recursion settles (TA-Lib's
   * `TA_SetUnstablePeriod`, here per call), integer >= 0. Default 0.
   */
  unstablePeriod?: number;
}

/**
 * Hilbert transform dominant cycle phase (TA-Lib `HT_DCPHASE`, Ehlers). The phase, in degrees (-45 to 315), of the smoothed price's component at the dominant cycle period (a DFT over the last round(period) smoothed prices).
 *
 * TA-Lib's arithmetic, operation for operation (Ehlers' 4-3-2-1 price smoother, the
 * odd/even-bar Hilbert filters, the homodyne period); lookback `63 + unstablePeriod`.
 *
 * @example htDcphase(close)
 */
export const htDcphase: Indicator<[close: Series], HtDcphaseOptions, Float64Array> = indicator('htDcphase');
