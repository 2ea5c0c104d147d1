import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link beta}. */
export interface BetaOptions {
  /** Number of returns in the window, integer >= 1. Default 5 (TA-Lib's). */
  period?: number;
}

/**
 * TA-Lib `BETA`: takes two **price** series, computes each one's simple returns
 * `(p[i] - p[i-1]) / p[i-1]` and gives the least-squares slope of `y`'s returns on `x`'s
 * returns over the last `period` returns: `cov(rx, ry) / var(rx)`. With `x` the
 * benchmark and `y` the asset (TA-Lib's order), that is the asset's beta.
 *
 * TA-Lib 0.8.1's rules throughout, both scale-free: a return after an exactly-0 price
 * counts as 0, and a window where `x`'s returns have no spread (within 1e-14 of the sum of
 * squares it is extracted from) gives 0 (use {@link rollingBeta} on returns for NaN there,
 * and for the variance of the second input as denominator).
 *
 * Lookback `period` (the first price has no return).
 *
 * @example beta(indexClose, stockClose, { period: 60 })
 */
export const beta: Indicator<[x: Series, y: Series], BetaOptions, Float64Array> = indicator('beta');
