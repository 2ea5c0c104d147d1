import { indicator, type Indicator, type Series } from '../core/indicator.js';
import type { MaType } from './ma.js';

/** Options of {@link mavp}. */
export interface MavpOptions {
  /** Smallest period, integer >= 1; smaller `periods` values are raised to it. Default 2. */
  minPeriod?: number;
  /** Largest period, integer >= minPeriod; larger `periods` values are lowered to it. Default 30. */
  maxPeriod?: number;
  /** Moving average type. Default `'sma'`. */
  maType?: MaType;
}

/**
 * Moving average with a variable period (TA-Lib `MAVP`): at each bar, the MA of `maType`
 * whose period is that bar's `periods` value (truncated to an integer, clamped to
 * `[minPeriod, maxPeriod]`). As TA-Lib, every period's average is started where the
 * `maxPeriod` average's lookback ends, which is also the lookback of the output.
 *
 * @example mavp(close, periods, { minPeriod: 5, maxPeriod: 40, maType: 'ema' })
 */
export const mavp: Indicator<[close: Series, periods: Series], MavpOptions, Float64Array> = indicator('mavp');
