import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link stddev}. */
export interface StddevOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
  /** Multiplier of the deviation, >= 0. Default 1. */
  nbDev?: number;
}

/**
 * Rolling population standard deviation times `nbDev` (TA-Lib `STDDEV`).
 *
 * Lookback `period - 1`. Unlike TA-Lib, a variance below 1e-8 is not forced to 0, so
 * low-priced assets (1e-5) get real values.
 *
 * @example stddev(close, { period: 20 })
 */
export const stddev: Indicator<[close: Series], StddevOptions, Float64Array> = indicator('stddev');
