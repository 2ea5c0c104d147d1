import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link tema}. */
export interface TemaOptions {
  /** Period of the three EMAs, integer >= 1; k = 2 / (period + 1). Default 20. */
  period?: number;
}

/**
 * Triple exponential moving average (TA-Lib `TEMA`, Mulloy 1994):
 * `3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA))`.
 *
 * Each EMA is seeded as TA-Lib chains them, with the SMA of the first `period` values of
 * its input. Lookback `3 * (period - 1)`. TA-Lib's default period is 30; ours is 20, like
 * `ema`.
 *
 * @example tema(close, 20)
 */
export const tema: Indicator<[close: Series], TemaOptions, Float64Array> = indicator('tema');
