import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link trima}. */
export interface TrimaOptions {
  /** Total window length, integer >= 1. Default 20. */
  period?: number;
}

/**
 * Triangular moving average (TA-Lib `TRIMA`): the SMA of an SMA, with windows
 * `(period + 1) / 2` and `(period + 1) / 2` for odd periods and `period / 2 + 1` and
 * `period / 2` for even ones, which weights the `period` bars triangularly (heaviest in
 * the middle).
 *
 * Lookback `period - 1`. TA-Lib's default period is 30; ours is 20, like `sma`.
 *
 * @example trima(close, 20)
 */
export const trima: Indicator<[close: Series], TrimaOptions, Float64Array> = indicator('trima');
