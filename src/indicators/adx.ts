import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link adx}. */
export interface AdxOptions {
  /** Wilder smoothing period of DM, TR and ADX, integer >= 2. Default 14. */
  period?: number;
}

/** Outputs of {@link adx}. */
export interface AdxResult {
  /** +DI = 100 * smoothed +DM / smoothed TR (TA-Lib `PLUS_DI`); from index `period`. */
  plusDi: Float64Array;
  /** -DI = 100 * smoothed -DM / smoothed TR (TA-Lib `MINUS_DI`); from index `period`. */
  minusDi: Float64Array;
  /** DX = 100 * |+DI - -DI| / (+DI + -DI) (TA-Lib `DX`); from index `period`. */
  dx: Float64Array;
  /** ADX, Wilder's average of DX (TA-Lib `ADX`); from index `2 * period - 1`. */
  adx: Float64Array;
}

/**
 * Average directional index with its components (Wilder 1978; TA-Lib `ADX`, `PLUS_DI`,
 * `MINUS_DI`, `DX`), all from one pass.
 *
 * +DM / -DM / TR are summed over bars `1 .. period-1`, then updated as
 * `prev - prev/period + x` (so they are Wilder *sums*, not averages — the DIs are ratios,
 * which is the same thing). ADX is seeded with the mean of the first `period` DX values
 * and then `adx = (adx * (period-1) + dx) / period`. TA-Lib's degenerate cases are kept:
 * where TR is ~0 the DIs are 0; where +DI + -DI is ~0, DX repeats its previous value
 * (0 on the first bar) and ADX skips the bar.
 *
 * Lookbacks: `plusDi`, `minusDi`, `dx` start at `period`, `adx` at `2 * period - 1`
 * (27 for 14): `adx.lookback()` is the ADX's, `adx.lookback(opts, 'plusDi')` the DIs'.
 *
 * @example const { adx: strength, plusDi, minusDi } = adx(high, low, close, 14)
 */
export const adx: Indicator<[high: Series, low: Series, close: Series], AdxOptions, AdxResult> = indicator('adx');
