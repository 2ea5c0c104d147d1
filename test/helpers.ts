// Shared test fixtures: a seeded OHLCV sample, TA-Lib as the reference, and comparisons.
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { mulberry32 } from '../src/core/mulberry32.js';

const require = createRequire(import.meta.url);
interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}
const talib = require('talib') as { execute(params: Record<string, unknown>): TalibResult };

/** Deterministic PRNG (mulberry32). */
export const rng = mulberry32;

export interface Ohlcv {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** A geometric random walk with consistent high/low/volume; includes flat stretches. */
export function sample(n: number, seed = 42, start = 100): Ohlcv {
  const r = rng(seed);
  const o = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  let p = start;
  for (let i = 0; i < n; i++) {
    const open = p;
    // Every so often a few bars don't move at all (zero-range bars are an edge case).
    const flat = i % 97 < 3;
    const close = flat ? open : open * Math.exp((r() - 0.5) * 0.04);
    const hi = Math.max(open, close) * (flat ? 1 : 1 + r() * 0.01);
    const lo = Math.min(open, close) * (flat ? 1 : 1 - r() * 0.01);
    o.open[i] = open;
    o.high[i] = hi;
    o.low[i] = lo;
    o.close[i] = close;
    o.volume[i] = flat ? 0 : Math.round(1000 + r() * 9000);
    p = close;
  }
  return o;
}

/**
 * Runs a TA-Lib function over the whole series and returns each output at full length,
 * NaN-padded before TA-Lib's begIndex, so index i belongs to bar i.
 */
export function ta(name: string, inputs: Record<string, Float64Array>, opts: Record<string, number> = {}): Record<string, Float64Array> {
  const first = Object.values(inputs)[0]!;
  const n = first.length;
  const params: Record<string, unknown> = { name, startIdx: 0, endIdx: n - 1 };
  for (const [k, v] of Object.entries(inputs)) params[k] = Array.from(v);
  Object.assign(params, opts);
  const r = talib.execute(params);
  if ((r as unknown as { error?: string }).error) throw new Error(String((r as unknown as { error?: string }).error));
  const out: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(r.result)) {
    const a = new Float64Array(n).fill(NaN);
    for (let i = 0; i < r.nbElement; i++) a[r.begIndex + i] = v[i]!;
    out[k] = a;
  }
  return out;
}

/** NaN positions equal, and values within tol (absolute, or relative above 1). */
export function expectClose(actual: Float64Array, expected: Float64Array, tol = 1e-9, label = ''): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) !== Number.isNaN(a)) throw new Error(`${label}[${i}]: got ${a}, expected ${e}`);
      continue;
    }
    if (Math.abs(a - e) > tol * Math.max(1, Math.abs(e))) throw new Error(`${label}[${i}]: got ${a}, expected ${e} (diff ${a - e})`);
  }
}

/** First index holding a non-NaN value, or -1. */
export function firstValid(x: Float64Array): number {
  return x.findIndex((v) => !Number.isNaN(v));
}

/** Exact equality including NaN and signed zero (Object.is), element by element. */
export function expectSame(actual: Float64Array, expected: Float64Array, label = ''): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`${label}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

/** Independent Wilder average (RMA): SMA seed over the first `p` values, then y += (x - y) / p, one bar at a time. */
export function rma(x: Float64Array, p: number): Float64Array {
  const y = new Float64Array(x.length).fill(NaN);
  if (x.length < p) return y;
  let s = 0;
  for (let i = 0; i < p; i++) s += x[i]!;
  let v = s / p;
  y[p - 1] = v;
  for (let i = p; i < x.length; i++) y[i] = v = v + (x[i]! - v) / p;
  return y;
}
