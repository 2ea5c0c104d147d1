import { indicator, type Indicator, type Series } from '../core/indicator.js';
import type { MaType } from './ma.js';

/** Options of {@link ppo}. */
export interface PpoOptions {
  /** Fast MA period, integer >= 2. Default 12. */
  fast?: number;
  /** Slow MA period, integer >= 2. Default 26. (If fast > slow they are swapped, as in TA-Lib.) */
  slow?: number;
  /** Moving average type (any TA-Lib type). Default `'sma'`, TA-Lib's default (many charting tools use `'ema'`). */
  maType?: MaType;
}

/**
 * Percentage price oscillator (TA-Lib `PPO`): `100 * (fastMA - slowMA) / slowMA`, and 0
 * where `|slowMA| < 1e-14`.
 *
 * With `maType: 'ema'` the EMAs are seeded exactly as TA-Lib's PPO does: each with the SMA
 * of its own first `period` closes (so, unlike `macd`, the fast EMA is not re-aligned to
 * start at `slow - 1`; it has been running since `fast - 1`). Lookback: the slow average's
 * (`slow - 1` for sma and ema). There is no signal line (TA-Lib's PPO has none either).
 *
 * @example ppo(close, { fast: 12, slow: 26, maType: 'ema' })
 */
export const ppo: Indicator<[close: Series], PpoOptions, Float64Array> = indicator('ppo');
