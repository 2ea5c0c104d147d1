import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link rollingCorr}. */
export interface RollingCorrOptions {
  /** Window length, integer >= 2. Default 20. */
  period?: number;
}

/**
 * Rolling Pearson correlation of `x` and `y` over the last `period` bars (TA-Lib
 * `CORREL`), -1..1. Pass prices or returns, as you need; correlating returns is usually
 * what is meant.
 *
 * The co-moments are slid Welford-style and re-summed periodically, so large price
 * levels don't cancel. 0 where either window is constant (detected exactly) or the
 * variance product rounds to 0, as TA-Lib 0.8.1 gives there (read it as "undefined"
 * rather than "uncorrelated"). Clamped to [-1, 1] against rounding.
 *
 * Lookback `period - 1`.
 *
 * @example rollingCorr(assetReturns, benchmarkReturns, 60)
 */
export const rollingCorr: Indicator<[x: Series, y: Series], RollingCorrOptions, Float64Array> = indicator('rollingCorr');
