import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link mama}. */
export interface MamaOptions {
  /** Upper limit of alpha, in [0.01, 0.99]. Default 0.5. */
  fastLimit?: number;
  /** Lower limit of alpha, in [0.01, 0.99]. Default 0.05. */
  slowLimit?: number;
  /**
   * Extra leading bars output as NaN while the recursion settles (TA-Lib's
   * `TA_SetUnstablePeriod`, here per call), integer >= 0. Default 0.
   */
  unstablePeriod?: number;
}

/** Outputs of {@link mama}. */
export interface MamaResult {
  /** The MESA adaptive moving average. */
  mama: Float64Array;
  /** The following adaptive moving average (alpha / 2 applied to `mama`). */
  fama: Float64Array;
}

/**
 * MESA adaptive moving average (TA-Lib `MAMA`, Ehlers): the rate of change of the Hilbert
 * transform's phase sets `alpha = fastLimit / deltaPhase`, kept in `[slowLimit, fastLimit]`;
 * `mama = alpha * close + (1 - alpha) * mama`, `fama = alpha/2 * mama + (1 - alpha/2) * fama`.
 *
 * TA-Lib's arithmetic, operation for operation; lookback `32 + unstablePeriod`. The
 * recursion starts from 0, so TA-Lib's documentation suggests an unstable period.
 *
 * @example const { mama: m, fama: f } = mama(close, { fastLimit: 0.5, slowLimit: 0.05 })
 */
export const mama: Indicator<[close: Series], MamaOptions, MamaResult> = indicator('mama');
