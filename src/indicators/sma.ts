import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link sma}. */
export interface SmaOptions {
  /** Window length, integer >= 1. Default 20. */
  period?: number;
}

/**
 * Simple moving average: the mean of the last `period` values (TA-Lib `SMA`).
 *
 * Lookback `period - 1`. The running sum is re-summed exactly every max(period, 1024)
 * bars, so rounding does not drift over long series.
 *
 * @example sma(close, 20)
 */
export const sma: Indicator<[close: Series], SmaOptions, Float64Array> = indicator('sma');
