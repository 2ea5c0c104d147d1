import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link ema}. */
export interface EmaOptions {
  /** Smoothing period, integer >= 1; k = 2 / (period + 1). Default 20. */
  period?: number;
}

/**
 * Exponential moving average (TA-Lib `EMA`): seeded with the SMA of the first `period`
 * values, then `ema = ema * (1 - k) + close * k` with `k = 2 / (period + 1)`.
 *
 * Lookback `period - 1`. Agrees with TA-Lib to ~1e-15 relative (the update is written
 * without a dependent subtraction, which makes it ~1.4x faster).
 *
 * @example ema(close, 20)
 */
export const ema: Indicator<[close: Series], EmaOptions, Float64Array> = indicator('ema');
