import { indicator, type Indicator, type Series } from '../core/indicator.js';

/** Options of {@link sar}. */
export interface SarOptions {
  /** Acceleration factor: its start value and its step, >= 0. Default 0.02. */
  acceleration?: number;
  /** Cap of the acceleration factor, >= 0. Default 0.2. (`acceleration` above it is lowered to it, as in TA-Lib.) */
  maximum?: number;
}

/**
 * Parabolic SAR (TA-Lib `SAR`, Wilder 1978), exactly as TA-Lib runs it.
 *
 * Start: the first trend is short when bar 1's -DM is positive (the low fell by more
 * than the high rose), otherwise long; a long start has `sar = low[0]`, `ep = high[1]`, a
 * short one `sar = high[0]`, `ep = low[1]`. Each bar from 1 on outputs the SAR in force,
 * then either reverses — the bar reached the SAR: the new SAR is the old extreme point,
 * kept beyond this and the previous bar's range, and the acceleration factor resets — or
 * advances: a new extreme point raises the factor by `acceleration` up to `maximum`, and
 * `sar += af * (ep - sar)`, kept beyond this and the previous bar's range.
 *
 * Lookback 1.
 *
 * @example sar(high, low, { acceleration: 0.02, maximum: 0.2 })
 */
export const sar: Indicator<[high: Series, low: Series], SarOptions, Float64Array> = indicator('sar');
