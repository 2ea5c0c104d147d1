import { describe, expect, it } from 'vitest';
import { rollingCorr } from '../../src/indicators/rollingCorr.js';
import { expectClose, sample, ta } from '../helpers.js';

const x = sample(5000, 1).close;
const y = sample(5000, 2).close;

function reference(a: Float64Array, b: Float64Array, p: number) {
  const out = new Float64Array(a.length).fill(NaN);
  for (let i = p - 1; i < a.length; i++) {
    let ma = 0, mb = 0;
    for (let j = i - p + 1; j <= i; j++) {
      ma += a[j]!;
      mb += b[j]!;
    }
    ma /= p;
    mb /= p;
    let saa = 0, sbb = 0, sab = 0;
    for (let j = i - p + 1; j <= i; j++) {
      saa += (a[j]! - ma) ** 2;
      sbb += (b[j]! - mb) ** 2;
      sab += (a[j]! - ma) * (b[j]! - mb);
    }
    out[i] = saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }
  return out;
}

describe('rollingCorr', () => {
  it.each([2, 5, 20, 100])('matches TA-Lib CORREL(%i), 0 on constant windows as there', (period) => {
    const r = rollingCorr(x, y, period);
    const t = ta('CORREL', { inReal0: x, inReal1: y }, { optInTimePeriod: period }).outReal!;
    const flat = (a: Float64Array, i: number) => a.subarray(i - period + 1, i + 1).every((v) => v === a[i]);
    let n = 0;
    for (let i = period - 1; i < x.length; i++) {
      if (flat(x, i) || flat(y, i)) {
        expect(r[i]).toBe(0);
        expect(t[i]).toBe(0);
        n++;
      }
    }
    if (period === 2) expect(n).toBeGreaterThan(0);
    // In tiny windows that are nearly flat (the sample's flat bars), TA-Lib's raw sums
    // cancel badly (up to ~1e-4 off; checked with exact rational arithmetic, ours is
    // exact there): those periods are checked against a two-pass reference only.
    expectClose(r, reference(x, y, period), 1e-12, 'two-pass');
    if (period >= 10) expectClose(r, t, 1e-9, 'TA-Lib');
  });
  it('matches a two-pass reference on returns and at large prices', () => {
    const rx = x.map((v, i) => (i ? v / x[i - 1]! - 1 : NaN)).subarray(1);
    const ry = y.map((v, i) => (i ? v / y[i - 1]! - 1 : NaN)).subarray(1);
    expectClose(rollingCorr(rx, ry, 30), reference(rx, ry, 30), 1e-9);
    const bx = x.map((v) => v + 1e8), by = y.map((v) => v * 1000 + 5e9);
    expectClose(rollingCorr(bx, by, 20), reference(bx, by, 20), 1e-9);
  });
  it('0 where a window is constant (as TA-Lib 0.8.1), values again after', () => {
    const a = x.slice(0, 200);
    a.fill(50, 60, 120);
    const r = rollingCorr(a, y.subarray(0, 200), 20);
    for (let i = 79; i < 120; i++) expect(Object.is(r[i], 0)).toBe(true);
    expect(r[78]).not.toBe(0);
    expect(Number.isNaN(r[78]!)).toBe(false);
    expect(r[120]).not.toBe(0);
    expect(Number.isNaN(r[120]!)).toBe(false);
    expect(rollingCorr([1, 2, 3, 4], [2, 4, 6, 8], 3)[3]).toBeCloseTo(1, 15);
    expect(rollingCorr([1, 2, 3, 4], [8, 6, 4, 2], 3)[3]).toBeCloseTo(-1, 15);
  });
  it('stays accurate over a long series with a change of scale (periodic re-summation)', () => {
    const n = 100_000;
    const a = new Float64Array(n), b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = i < n / 2 ? 1e9 : 1e-3;
      a[i] = s * (1 + 0.01 * Math.sin(i * 0.7));
      b[i] = s * (1 + 0.01 * Math.cos(i * 1.3));
    }
    const r = rollingCorr(a, b, 50);
    const tail = n - 300;
    expectClose(r.subarray(tail), reference(a.subarray(tail - 49), b.subarray(tail - 49), 50).subarray(49), 1e-9);
  });
  it('stays within [-1, 1]', () => {
    const r = rollingCorr(x, x.map((v) => 3 * v + 1), 10);
    for (let i = 9; i < r.length; i++) expect(Math.abs(r[i]!)).toBeLessThanOrEqual(1);
  });
  it('lookback is period - 1', () => expect(rollingCorr.lookback()).toBe(19));
});
