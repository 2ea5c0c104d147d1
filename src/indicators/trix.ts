import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link trix}. */
export interface TrixOptions {
  /** Period of the three EMAs, integer >= 1; k = 2 / (period + 1). Default 15. */
  period?: number;
}

/**
 * TRIX (TA-Lib `TRIX`, Hutson 1983): the 1-bar rate of change, in percent, of a triple
 * exponential smoothing `EMA(EMA(EMA(close)))`: `100 * (e3 / e3[t - 1] - 1)`, 0 where the
 * previous value is exactly 0.
 *
 * Each EMA is seeded as TA-Lib chains them, with the SMA of the first `period` values of
 * its input. Lookback `3 * (period - 1) + 1` (43 for the default 15). TA-Lib's default
 * period is 30; ours is the customary 15.
 *
 * @example trix(close, 15)
 */
export const trix: Indicator<[close: Series], TrixOptions, Float64Array> = indicator('trix');
