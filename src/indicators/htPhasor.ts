import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link htPhasor}. */
export interface HtPhasorOptions {
  /**
   * Extra leading bars output as NaN while the recursion settles (TA-Lib's
   * `TA_SetUnstablePeriod`, here per call), integer >= 0. Default 0.
   */
  unstablePeriod?: number;
}

/** Outputs of {@link htPhasor}. */
export interface HtPhasorResult {
  /** In-phase component. */
  inphase: Float64Array;
  /** Quadrature component. */
  quadrature: Float64Array;
}

/**
 * Hilbert transform phasor components (TA-Lib `HT_PHASOR`, Ehlers). The in-phase component (the detrended, smoothed price delayed 3 bars) and the quadrature component.
 *
 * TA-Lib's arithmetic, operation for operation (Ehlers' 4-3-2-1 price smoother, the
 * odd/even-bar Hilbert filters, the homodyne period); lookback `32 + unstablePeriod`.
 *
 * @example htPhasor(close)
 */
export const htPhasor: Indicator<[close: Series], HtPhasorOptions, HtPhasorResult> = indicator('htPhasor');
