import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link dx}. */
export interface DxOptions {
  /** Wilder smoothing period of DM and TR, integer >= 2. Default 14. */
  period?: number;
}

/**
 * Directional movement index (Wilder; TA-Lib `DX`): `100 * |+DI - -DI| / (+DI + -DI)`; where
 * the DI sum is ~0 it repeats its previous value (0 at first), as TA-Lib. The same arithmetic
 * as `adx(...).dx`.
 *
 * Lookback `period`.
 *
 * @example dx(high, low, close, 14)
 */
export const dx: Indicator<[high: Series, low: Series, close: Series], DxOptions, Float64Array> = indicator('dx');
