import { describe, expect, it } from 'vitest';
import { keltner } from '../../src/indicators/keltner.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

/** Straightforward reference: SMA-seeded EMA, Wilder ATR seeded with the mean TR of bars 1..ap. */
function reference(h: Float64Array, l: Float64Array, c: Float64Array, p: number, m: number, ap: number) {
  const n = c.length;
  const lb = Math.max(p - 1, ap);
  const ema = new Float64Array(n).fill(NaN);
  const atr = new Float64Array(n).fill(NaN);
  let s = 0;
  for (let i = 0; i < p; i++) s += c[i]!;
  ema[p - 1] = s / p;
  for (let i = p; i < n; i++) ema[i] = ema[i - 1]! + (2 / (p + 1)) * (c[i]! - ema[i - 1]!);
  const tr = (i: number) => Math.max(h[i]! - l[i]!, Math.abs(h[i]! - c[i - 1]!), Math.abs(l[i]! - c[i - 1]!));
  s = 0;
  for (let i = 1; i <= ap; i++) s += tr(i);
  atr[ap] = s / ap;
  for (let i = ap + 1; i < n; i++) atr[i] = (atr[i - 1]! * (ap - 1) + tr(i)) / ap;
  const up = new Float64Array(n).fill(NaN), mid = new Float64Array(n).fill(NaN), lo = new Float64Array(n).fill(NaN);
  for (let i = lb; i < n; i++) {
    mid[i] = ema[i]!;
    up[i] = ema[i]! + m * atr[i]!;
    lo[i] = ema[i]! - m * atr[i]!;
  }
  return { upper: up, middle: mid, lower: lo };
}

describe('keltner', () => {
  it.each([
    [20, 2, 10],
    [5, 1.5, 30],
    [1, 3, 1],
    [50, 2.5, 14],
  ])('matches a straightforward reference (%i, %f, %i)', (period, multiplier, atrPeriod) => {
    const r = keltner(high, low, close, { period, multiplier, atrPeriod });
    const e = reference(high, low, close, period, multiplier, atrPeriod);
    expectClose(r.upper, e.upper, 1e-9, 'upper');
    expectClose(r.middle, e.middle, 1e-9, 'middle');
    expectClose(r.lower, e.lower, 1e-9, 'lower');
  });
  it('middle is TA-Lib EMA and the half-width is multiplier * TA-Lib ATR', () => {
    const r = keltner(high, low, close, { period: 20, multiplier: 2, atrPeriod: 10 });
    const ema = ta('EMA', { inReal: close }, { optInTimePeriod: 20 }).outReal!;
    const atr = ta('ATR', { high, low, close }, { optInTimePeriod: 10 }).outReal!;
    for (let i = 19; i < close.length; i++) {
      expect(Math.abs(r.middle[i]! - ema[i]!)).toBeLessThan(1e-9 * ema[i]!);
      expect(Math.abs((r.upper[i]! - r.middle[i]!) / 2 - atr[i]!)).toBeLessThan(1e-9 * ema[i]!);
    }
  });
  it('lookback is max(period - 1, atrPeriod)', () => {
    expect(keltner.lookback()).toBe(19);
    expect(keltner.lookback({ period: 5, atrPeriod: 14 })).toBe(14);
    expect(firstValid(keltner(high, low, close, { period: 5, atrPeriod: 14 }).lower)).toBe(14);
  });
});
