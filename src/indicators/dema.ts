import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link dema}. */
export interface DemaOptions {
  /** Period of both EMAs, integer >= 1; k = 2 / (period + 1). Default 20. */
  period?: number;
}

/**
 * Double exponential moving average (TA-Lib `DEMA`, Mulloy 1994): `2 * EMA - EMA(EMA)`.
 *
 * Both EMAs are seeded as TA-Lib chains them: the first with the SMA of the first `period`
 * closes, the second with the SMA of the first `period` values of the first. Lookback
 * `2 * (period - 1)`. TA-Lib's default period is 30; ours is 20, like `ema`.
 *
 * @example dema(close, 20)
 */
export const dema: Indicator<[close: Series], DemaOptions, Float64Array> = indicator('dema');
