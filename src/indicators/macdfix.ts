import { indicator, type Indicator, type Series } from '../core/indicator.js';
import type { MacdResult } from './macd.js';

/** Options of {@link macdfix}. */
export interface MacdfixOptions {
  /** Signal EMA period, integer >= 1. Default 9. */
  signal?: number;
}

/**
 * MACD with TA-Lib's fixed smoothing (TA-Lib `MACDFIX`): EMAs of periods 12 and 26 with
 * `k = 0.15` and `0.075` (not `2/13` and `2/27`), seeded as {@link macd} seeds them; the
 * signal is an EMA of `signal` bars. Lookback `25 + signal - 1`.
 *
 * @example const { macd, signal, histogram } = macdfix(close, { signal: 9 })
 */
export const macdfix: Indicator<[close: Series], MacdfixOptions, MacdResult> = indicator('macdfix');
