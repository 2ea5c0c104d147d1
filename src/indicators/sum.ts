import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link sum}. */
export interface SumOptions {
  /** Window length, integer >= 2. Default 30. */
  period?: number;
}

/**
 * Rolling sum of the last `period` values (TA-Lib `SUM`): a running window sum, re-summed
 * exactly every `max(8·period, 1024)` bars so rounding cannot build up.
 *
 * Lookback `period - 1`.
 *
 * @example sum(volume, 20)
 */
export const sum: Indicator<[close: Series], SumOptions, Float64Array> = indicator('sum');
