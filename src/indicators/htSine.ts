import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link htSine}. */
export interface HtSineOptions {
  /**
   * Extra leading bars output as NaN while the recursion settles (TA-Lib's
   * `TA_SetUnstablePeriod`, here per call), integer >= 0. Default 0.
   */
  unstablePeriod?: number;
}

/** Outputs of {@link htSine}. */
export interface HtSineResult {
  /** sin(DC phase). */
  sine: Float64Array;
  /** sin(DC phase + 45°). */
  leadsine: Float64Array;
}

/**
 * Hilbert transform sine wave (TA-Lib `HT_SINE`, Ehlers). The sine of the dominant cycle phase and the lead sine, sin(phase + 45°); their crossings mark cycle turns.
 *
 * TA-Lib's arithmetic, operation for operation (Ehlers' 4-3-2-1 price smoother, the
 * odd/even-bar Hilbert filters, the homodyne period); lookback `63 + unstablePeriod`.
 *
 * @example htSine(close)
 */
export const htSine: Indicator<[close: Series], HtSineOptions, HtSineResult> = indicator('htSine');
