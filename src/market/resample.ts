// Tick -> OHLCV bars and bar -> coarser bars (native, one pass to count, one to fill).
import { describe, readObject } from '../core/guard.js';
import { cpp, toSeries } from '../core/indicator.js';

/** A table of bars, one Float64Array per column, all of length `length`. */
export interface Bars {
  /** Bar start time (ms since the epoch), on the interval grid. */
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Σ price·volume / Σ volume (typical price for bar input); NaN for a bar without volume. */
  vwap: Float64Array;
  /** Ticks (or source bars) in the bar; 0 for a carried empty bar. */
  count: Float64Array;
  readonly length: number;
}

/** Options of {@link resample} and {@link resampleBars}. */
export interface ResampleOptions {
  /**
   * Empty intervals: `'skip'` (default) emits no bar; `'carry'` emits a flat bar at the last
   * close with volume 0, vwap NaN and count 0, so the output is a gap-free time grid.
   */
  empty?: 'skip' | 'carry';
  /** Grid offset: bars start at `offsetMs + k * intervalMs` (default 0: UTC-aligned). */
  offsetMs?: number;
}

function spec(fn: string, intervalMs: unknown, options: ResampleOptions | undefined): [number, number, number] {
  if (typeof intervalMs !== 'number') throw new TypeError(`${fn}: intervalMs must be a number`);
  if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) throw new RangeError(`${fn}: intervalMs must be a finite number > 0, got ${intervalMs}`);
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  const o = readObject(options, ['empty', 'offsetMs'], `${fn}: options`);
  const empty = o.empty ?? 'skip';
  if (empty !== 'skip' && empty !== 'carry') throw new RangeError(`${fn}: option 'empty' must be 'skip' or 'carry', got ${describe(empty)}`);
  const offset = o.offsetMs ?? 0;
  if (typeof offset !== 'number' || !Number.isFinite(offset)) throw new RangeError(`${fn}: option 'offsetMs' must be a finite number`);
  return [intervalMs, offset, empty === 'skip' ? 0 : 1];
}

function allocate(n: number): [Bars, Float64Array[]] {
  const cols = Array.from({ length: 8 }, () => new Float64Array(n));
  const [time, open, high, low, close, volume, vwap, count] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  return [{ time, open, high, low, close, volume, vwap, count, length: n }, cols];
}

/**
 * Aggregates ticks into OHLCV bars aligned to the interval grid (bar start =
 * `offsetMs + floor((ts - offsetMs) / intervalMs) * intervalMs`).
 *
 * `ts` must be non-decreasing (a RangeError names the first tick that isn't). Ticks with a
 * non-finite time, price or volume, or a negative volume, are skipped. `volume` may be
 * omitted (each tick then weighs 1). Open/close are the first/last tick of the bar.
 *
 * @example const bars = resample(ts, price, size, 60_000) // 1-minute bars
 */
export function resample(ts: Float64Array | readonly number[], price: Float64Array | readonly number[], volume: Float64Array | readonly number[] | undefined, intervalMs: number, options?: ResampleOptions): Bars {
  const fn = 'hean.resample';
  const t = toSeries(ts, `${fn}: ts`);
  const p = toSeries(price, `${fn}: price`);
  const v = volume === undefined || volume === null ? undefined : toSeries(volume, `${fn}: volume`);
  const [iv, off, empty] = spec(fn, intervalMs, options);
  const n = cpp().resample(t, p, v, iv, off, empty);
  const [bars, cols] = allocate(n);
  cpp().resample(t, p, v, iv, off, empty, cols);
  return bars;
}

/** Bar columns as input to {@link resampleBars} (`volume` optional). */
export interface BarInput {
  time: Float64Array | readonly number[];
  open: Float64Array | readonly number[];
  high: Float64Array | readonly number[];
  low: Float64Array | readonly number[];
  close: Float64Array | readonly number[];
  volume?: Float64Array | readonly number[];
}

/**
 * Re-aggregates bars into coarser bars (1m → 5m, 1h, 1d…): open of the first, highest
 * high, lowest low, close of the last, summed volume; vwap from typical price × volume;
 * count = source bars. `time` is each source bar's start and must be non-decreasing;
 * bars with a non-finite field are skipped.
 *
 * @example const hourly = resampleBars(minuteBars, 3_600_000)
 */
export function resampleBars(bars: BarInput, intervalMs: number, options?: ResampleOptions): Bars {
  const fn = 'hean.resampleBars';
  if (bars === null || typeof bars !== 'object') throw new TypeError(`${fn}: bars must be an object of columns { time, open, high, low, close, volume? }`);
  const b = readObject(bars, ['time', 'open', 'high', 'low', 'close', 'volume'], `${fn}: bars`);
  const col = (k: keyof BarInput) => toSeries(b[k], `${fn}: bars.${k}`);
  const [t, o, h, l, c] = [col('time'), col('open'), col('high'), col('low'), col('close')];
  const v = b.volume === undefined ? undefined : col('volume');
  const [iv, off, empty] = spec(fn, intervalMs, options);
  const n = cpp().resampleBars(t, o, h, l, c, v, iv, off, empty);
  const [out, cols] = allocate(n);
  cpp().resampleBars(t, o, h, l, c, v, iv, off, empty, cols);
  return out;
}
