import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link linearregAngle}. */
export interface LinearregAngleOptions {
  /** Window length, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Linear regression angle (TA-Lib `LINEARREG_ANGLE`): `atan(slope) * 180 / π`, in degrees, of
 * the least-squares line through the last `period` values (`linearregSlope`'s slope per bar;
 * atan from hean's portable math, so native and WASM give the same bits).
 *
 * Lookback `period - 1`.
 *
 * @example linearregAngle(close, 14)
 */
export const linearregAngle: Indicator<[close: Series], LinearregAngleOptions, Float64Array> = indicator('linearregAngle');
