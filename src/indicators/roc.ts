import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link roc}. */
export interface RocOptions {
  /** Bars back, integer >= 1. Default 10. */
  period?: number;
}

/**
 * Rate of change in percent (TA-Lib `ROC`): `100 * (close / close[t - period] - 1)`, and 0
 * where `close[t - period]` is exactly 0, as TA-Lib. For plain or log returns see
 * `returns`.
 *
 * Lookback `period`.
 *
 * @example roc(close, 10)
 */
export const roc: Indicator<[close: Series], RocOptions, Float64Array> = indicator('roc');
