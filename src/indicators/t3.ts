import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link t3}. */
export interface T3Options {
  /** Period of the six EMAs (k = 2 / (period + 1)), integer >= 1. Default 5. */
  period?: number;
  /** Volume factor v in [0, 1]. Default 0.7. */
  vFactor?: number;
  /**
   * Extra leading bars output as NaN while the recursion settles (TA-Lib's
   * `TA_SetUnstablePeriod`, here per call), integer >= 0. Default 0.
   */
  unstablePeriod?: number;
}

/**
 * Tillson T3 (TA-Lib `T3`): six chained EMAs e1..e6 combined as
 * `c1*e6 + c2*e5 + c3*e4 + c4*e3` with `c1 = -v³`, `c2 = 3v² + 3v³`,
 * `c3 = -6v² - 3v - 3v³`, `c4 = 1 + 3v + v³ + 3v²` (the generalized DEMA applied three times).
 *
 * Each EMA is seeded with the SMA of the first `period` values of the one before, as TA-Lib
 * chains them; lookback `6 * (period - 1) + unstablePeriod`. Period 1 copies the input.
 *
 * @example t3(close, { period: 5, vFactor: 0.7 })
 */
export const t3: Indicator<[close: Series], T3Options, Float64Array> = indicator('t3');
