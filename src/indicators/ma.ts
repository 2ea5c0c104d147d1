import { indicator, type Indicator, type Series } from '../core/indicator.js';

/**
 * A moving average type, in TA-Lib's `MAType` order (code 0 = `'sma'` … 8 = `'t3'`). Every
 * option that takes one (`ma`, `macdext`, `apo`, `ppo`, `bbands`, `stoch`, `stochrsi`,
 * `mavp`) computes it with the same kernels as {@link sma}, {@link ema}, {@link wma},
 * {@link dema}, {@link tema}, {@link trima}, {@link kama} (fast/slow 2/30), {@link mama}
 * (limits 0.5/0.05; the period is then unused) and {@link t3} (vFactor 0.7).
 */
export type MaType = 'sma' | 'ema' | 'wma' | 'dema' | 'tema' | 'trima' | 'kama' | 'mama' | 't3';

/** Options of {@link ma}. */
export interface MaOptions {
  /** Window / smoothing period, integer >= 1 (1 copies the input, as TA-Lib). Default 30. */
  period?: number;
  /** Moving average type. Default `'sma'`. */
  maType?: MaType;
}

/**
 * Moving average of a chosen type (TA-Lib `MA`): dispatches to the average's own kernel,
 * with TA-Lib's lookback for that type (`period - 1`; dema `2(period-1)`, tema
 * `3(period-1)`, kama `period`, mama 32, t3 `6(period-1)`).
 *
 * @example ma(close, { period: 20, maType: 'kama' })
 */
export const ma: Indicator<[close: Series], MaOptions, Float64Array> = indicator('ma');
