import { indicator, type Indicator, type Series } from '../core/indicator.js';
import type { MacdResult } from './macd.js';
import type { MaType } from './ma.js';

/** Options of {@link macdext}. */
export interface MacdextOptions {
  /** Fast MA period, integer >= 2. Default 12. */
  fast?: number;
  /** Fast moving average type. Default `'sma'` (TA-Lib's default). */
  fastMaType?: MaType;
  /** Slow MA period, integer >= 2. Default 26. (If fast > slow, periods and types are swapped, as in TA-Lib.) */
  slow?: number;
  /** Slow moving average type. Default `'sma'`. */
  slowMaType?: MaType;
  /** Signal MA period, integer >= 1. Default 9. */
  signal?: number;
  /** Signal moving average type. Default `'sma'`. */
  signalMaType?: MaType;
}

/**
 * MACD with a chosen moving average for each line (TA-Lib `MACDEXT`): `fastMA - slowMA`, a
 * signal MA of it, and their difference. As TA-Lib: both averages start where the one
 * with the larger lookback starts (a recursive average with a smaller lookback is seeded
 * later), all outputs start at that lookback plus the signal's, and three EMAs (periods
 * >= 2) are exactly {@link macd}.
 *
 * @example const { macd, signal, histogram } = macdext(close, { fastMaType: 'ema', slowMaType: 'ema', signalMaType: 'sma' })
 */
export const macdext: Indicator<[close: Series], MacdextOptions, MacdResult> = indicator('macdext');
