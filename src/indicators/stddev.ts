import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link stddev}. */
export interface StddevOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
  /** Multiplier of the deviation, >= 0 (the name `bbands` uses). Default 1. */
  stdDev?: number;
  /** @deprecated Since 0.2: the old name of `stdDev` (TA-Lib's), still accepted; don't pass both. */
  nbDev?: number;
}

/**
 * Rolling population standard deviation times `stdDev` (TA-Lib `STDDEV`, whose `nbDev` it is).
 *
 * Lookback `period - 1`. Unlike TA-Lib, a variance below 1e-8 is not forced to 0, so
 * low-priced assets (1e-5) get real values.
 *
 * @example stddev(close, { period: 20 })
 */
export const stddev: Indicator<[close: Series], StddevOptions, Float64Array> = indicator('stddev');
