import { describe, expect, it } from 'vitest';
import { stoch } from '../../src/indicators/stoch.js';
import { stochf } from '../../src/indicators/stochf.js';
import { willr } from '../../src/indicators/willr.js';
import { expectClose, rng, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('stochf', () => {
  it.each([
    [5, 3],
    [14, 3],
    [1, 1],
    [9, 6],
  ])('matches TA-Lib STOCHF(%i, %i)', (fastK, fastD) => {
    const r = stochf(high, low, close, { fastK, fastD });
    const t = ta('STOCHF', { high, low, close }, { optInFastK_Period: fastK, optInFastD_Period: fastD, optInFastD_MAType: 0 });
    expectClose(r.k, t.outFastK!, 1e-9, 'k');
    expectClose(r.d, t.outFastD!, 1e-9, 'd');
  });
  it('hand-checked values: %K of the window, %D its mean', () => {
    const r = stochf([2, 4, 4, 5], [0, 1, 2, 3], [1, 3, 2, 5], { fastK: 2, fastD: 2 });
    // %K: bar 1 (3 - 0) / (4 - 0) = 75, bar 2 (2 - 1) / (4 - 1) = 33.3, bar 3 (5 - 2) / (5 - 2) = 100.
    expect(Number.isNaN(r.k[1]!)).toBe(true);
    expect(r.k[2]).toBeCloseTo(100 / 3, 12);
    expect(r.k[3]).toBe(100);
    expect(r.d[2]).toBeCloseTo((75 + 100 / 3) / 2, 12);
    expect(stochf.lookback()).toBe(6);
  });
  // Issue 15 probe: (close - lowest) / ((highest - lowest) / 100), TA-Lib 0.6's order, puts a
  // close at the top of its range at 100.00000000000001 for about a third of ranges; 0.8.1
  // divides by the range first (exactly 100 there). STOCH, STOCHF, WILLR share range_ratio.
  it('a close at the top / bottom of its range is exactly 100 / 0 (WILLR: 0 / -100)', () => {
    const r = rng(15);
    const n = 4000;
    // Rising highs: bar i's high tops its 2-bar window; odd bars close there, even bars at
    // the window's lowest low.
    let x = 1;
    const h = Float64Array.from({ length: n }, () => (x += 0.01 + r()));
    const l = h.map((v) => v - 0.001 - 3 * r());
    const top = h.map((v, i) => (i % 2 ? v : Math.min(l[i]!, l[Math.max(0, i - 1)]!)));
    const k = stochf(h, l, top, { fastK: 2, fastD: 1 }).k;
    const wr = willr(h, l, top, 2);
    for (let i = 1; i < n; i++) {
      expect(k[i]).toBe(i % 2 ? 100 : 0);
      expect(wr[i]).toBe(i % 2 ? -0 : -100);
    }
    for (const v of stoch(h, l, top, { fastK: 5, slowK: 1, slowD: 1 }).k.subarray(4)) expect(v >= 0 && v <= 100).toBe(true);
  });
  it('options must be integers >= 1', () => {
    expect(() => stochf(high, low, close, { fastK: 0 })).toThrow(RangeError);
    expect(() => stochf(high, low, close, { fastD: 1.5 })).toThrow(/fastD/);
  });
});
