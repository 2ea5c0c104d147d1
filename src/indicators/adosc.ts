import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link adosc}. */
export interface AdoscOptions {
  /** Fast EMA period, integer >= 2. Default 3. */
  fast?: number;
  /** Slow EMA period, integer >= 2. Default 10. */
  slow?: number;
}

/**
 * Chaikin A/D oscillator (TA-Lib `ADOSC`): `EMA(AD, fast) - EMA(AD, slow)` of the
 * accumulation/distribution line (see `ad`).
 *
 * Exactly TA-Lib's seeding: both EMAs start at the first A/D value (not an SMA) and the
 * output starts at lookback `max(fast, slow) - 1` (9 for 3/10). fast and slow are not
 * swapped (TA-Lib doesn't either).
 *
 * @example adosc(high, low, close, volume, { fast: 3, slow: 10 })
 */
export const adosc: Indicator<[high: Series, low: Series, close: Series, volume: Series], AdoscOptions, Float64Array> =
  indicator('adosc');
