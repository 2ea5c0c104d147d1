// Cross-series statistics (Eigen): covariance and correlation matrices, portfolio volatility.
import { describe, f64Length, isF64, readObject } from './core/guard.js';
import { cpp, toSeries } from './core/indicator.js';

/** Options of {@link covMatrix} and {@link corrMatrix}. */
export interface CovOptions {
  /** Delta degrees of freedom: divide by (rows - ddof). Default 1 (sample covariance). */
  ddof?: number;
  /** Write the N × N result here instead of allocating. */
  out?: Float64Array;
}

function covLike(name: string, returns: unknown, series: unknown, opts: CovOptions | undefined, corr: boolean): Float64Array {
  const fn = `hean.${name}`;
  const x = toSeries(returns, `${fn}: returns`);
  if (typeof series !== 'number') throw new TypeError(`${fn}: series must be a number, got ${typeof series}`);
  if (!Number.isInteger(series) || series < 1) throw new RangeError(`${fn}: series must be an integer >= 1, got ${series}`);
  const len = f64Length(x);
  if (len % series !== 0) throw new RangeError(`${fn}: returns length ${len} is not a multiple of series ${series}`);
  if (opts !== undefined && (opts === null || typeof opts !== 'object')) throw new TypeError(`${fn}: options must be an object, got ${describe(opts)}`);
  const o = readObject(opts, ['ddof', 'out'], `${fn}: options`);
  const ddof = o.ddof ?? 1;
  if (typeof ddof !== 'number') throw new TypeError(`${fn}: option 'ddof' must be a number, got ${describe(ddof)}`);
  if (!(ddof >= 0) || !Number.isFinite(ddof)) throw new RangeError(`${fn}: option 'ddof' must be a finite number >= 0, got ${ddof}`);
  if (series * series > 2 ** 31) throw new RangeError(`${fn}: ${series} series make a ${series} x ${series} matrix, too large`);
  const out = o.out ?? new Float64Array(series * series);
  if (!isF64(out)) throw new TypeError(`${fn}: out must be a Float64Array, got ${describe(out)}`);
  if (f64Length(out) !== series * series) throw new RangeError(`${fn}: out has length ${f64Length(out)}, expected ${series * series}`);
  cpp().covMatrix(x, len / series, series, ddof, corr, out);
  return out;
}

/**
 * Covariance matrix of N return series (Eigen, one symmetric rank-k update).
 *
 * `returns` holds the N series back to back, series-major: `returns[j * T + t]` is
 * observation t of series j (the layout of the indicators' `many` form). The result is
 * N × N row-major (`cov[i * N + j]`). Rows (time steps) where any series is NaN or
 * infinite are skipped (listwise deletion); with `rows - ddof <= 0` every entry is NaN.
 *
 * @example const cov = covMatrix(returnsOf3Assets, 3)
 */
export function covMatrix(returns: Float64Array | readonly number[], series: number, options?: CovOptions): Float64Array {
  return covLike('covMatrix', returns, series, options, false);
}

/**
 * Pearson correlation matrix of N return series: {@link covMatrix} scaled to unit
 * diagonal. A series with zero variance has NaN correlations (and a NaN diagonal).
 */
export function corrMatrix(returns: Float64Array | readonly number[], series: number, options?: CovOptions): Float64Array {
  return covLike('corrMatrix', returns, series, options, true);
}

/**
 * Portfolio volatility `sqrt(wᵀ Σ w)` from weights (N) and a covariance matrix
 * (N × N row-major, e.g. from {@link covMatrix}); in the units of the covariance's period.
 */
export function portfolioVol(weights: Float64Array | readonly number[], cov: Float64Array | readonly number[]): number {
  const w = toSeries(weights, 'hean.portfolioVol: weights');
  const c = toSeries(cov, 'hean.portfolioVol: cov');
  const n = f64Length(w);
  if (f64Length(c) !== n * n) {
    throw new RangeError(`hean.portfolioVol: cov has length ${f64Length(c)}, expected weights.length² = ${n * n}`);
  }
  return cpp().portfolioVol(w, c);
}
