import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link rollingBeta}. */
export interface RollingBetaOptions {
  /** Window length, integer >= 2. Default 20. */
  period?: number;
}

/**
 * Rolling beta of an asset to a benchmark over the last `period` bars:
 * `cov(x, y) / var(y)`, the least-squares slope of `x` on `y`, where `x` holds the
 * asset's **returns** and `y` the benchmark's returns (compute them first, e.g. simple or
 * log returns; the first bar's NaN return is a gap and is skipped).
 *
 * Not TA-Lib `BETA`: that takes prices, computes simple returns itself and divides by
 * the variance of its *first* input. `rollingBeta(r(asset), r(bench), p)` equals TA-Lib
 * `BETA(bench, asset, p)` on the same simple returns. NaN where the benchmark window is
 * constant (detected exactly) or its variance rounds to 0.
 *
 * Lookback `period - 1`.
 *
 * @example rollingBeta(assetReturns, benchmarkReturns, 60)
 */
export const rollingBeta: Indicator<[x: Series, y: Series], RollingBetaOptions, Float64Array> = indicator('rollingBeta');
