import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link returns}. */
export interface ReturnsOptions {
  /** Bars back, integer >= 1. Default 1. */
  period?: number;
  /** `'simple'`: `close / close[t - period] - 1`; `'log'`: `ln(close / close[t - period])`. Default `'simple'`. */
  kind?: 'simple' | 'log';
}

/**
 * Returns over `period` bars (not in TA-Lib), as fractions (not percent; for TA-Lib's
 * percent rate of change see `roc`): simple `close / close[t - period] - 1` or log
 * `ln(close / close[t - period])`. A zero older close gives ±Infinity or NaN (IEEE).
 *
 * Lookback `period`. The log kind uses hean's own platform-independent natural log (error
 * < 0.8 ulp): the same bits everywhere, and equal to the streaming `Returns`, but it may
 * differ from `Math.log` in the last bit.
 *
 * @example returns(close, { kind: 'log' })
 */
export const returns: Indicator<[close: Series], ReturnsOptions, Float64Array> = indicator('returns');
