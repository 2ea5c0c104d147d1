import { describe, expect, it } from 'vitest';
import { beta } from '../../src/indicators/beta.js';
import { Beta } from '../../src/stream/index.js';
import { expectClose, sample, ta } from '../helpers.js';

const a = sample(5000, 1);

/** Two-pass reference on TA-Lib 0.8.1's returns (0 after an exactly-0 price): slope of y returns on x returns, 0 where x's spread is 0. */
function reference(x: Float64Array, y: Float64Array, p: number) {
  const ret = (s: Float64Array, i: number) => (s[i - 1] === 0 ? 0 : (s[i]! - s[i - 1]!) / s[i - 1]!);
  const out = new Float64Array(x.length).fill(NaN);
  for (let i = p; i < x.length; i++) {
    let mx = 0, my = 0;
    for (let j = i - p + 1; j <= i; j++) {
      mx += ret(x, j);
      my += ret(y, j);
    }
    mx /= p;
    my /= p;
    let sxx = 0, sxy = 0;
    for (let j = i - p + 1; j <= i; j++) {
      sxx += (ret(x, j) - mx) ** 2;
      sxy += (ret(x, j) - mx) * (ret(y, j) - my);
    }
    out[i] = sxx > 0 ? sxy / sxx : 0;
  }
  return out;
}
const b = sample(5000, 2);

describe('beta (TA-Lib BETA)', () => {
  it.each([1, 2, 5, 8, 9, 20, 60])('matches TA-Lib BETA(%i) with its lookback', (period) => {
    for (const [x, y] of [
      [a.close, b.close],
      [b.high, a.low],
      [a.close, a.high],
    ] as const) {
      const r = beta(x, y, { period });
      const t = ta('BETA', { inReal0: x, inReal1: y }, { optInTimePeriod: period }).outReal!;
      for (let i = 0; i < period; i++) expect(r[i]).toBeNaN();
      expect(Number.isNaN(r[period]!)).toBe(false);
      expectClose(r, reference(x, y, period), 1e-9, `two-pass, period ${period}`);
      // Period 2 on near-equal returns: TA-Lib's raw sums n·Sxx − Sx² cancel (~1e-7 off
      // there; checked with exact rational arithmetic, hean is exact to ~1e-15): 1e-6.
      expectClose(r, t, period === 2 ? 1e-6 : 1e-9, `TA-Lib, period ${period}`);
    }
  });
  it('defaults to period 5', () => {
    expect(Array.from(beta(a.close, b.close))).toEqual(Array.from(beta(a.close, b.close, { period: 5 })));
  });
  it('is the slope of y returns on x returns (hand-computed)', () => {
    // x returns 0.1, -0.1, 0.1; y returns 0.2, -0.3, 0.3.
    const x = [100, 110, 99, 108.9];
    const y = [50, 60, 42, 54.6];
    const r2 = beta(x, y, 2);
    expect(r2[0]).toBeNaN();
    expect(r2[1]).toBeNaN();
    expect(r2[2]).toBeCloseTo((0.2 - -0.3) / (0.1 - -0.1), 12); // 2.5
    expect(r2[3]).toBeCloseTo((0.3 - -0.3) / (0.1 - -0.1), 12); // 3
    // Three points: mean rx 1/30, mean ry 0.2/3; slope = sum(dx dy) / sum(dx^2).
    const rx = [0.1, -0.1, 0.1], ry = [0.2, -0.3, 0.3];
    const mx = (0.1 - 0.1 + 0.1) / 3, my = (0.2 - 0.3 + 0.3) / 3;
    let sxy = 0, sxx = 0;
    for (let k = 0; k < 3; k++) {
      sxy += (rx[k]! - mx) * (ry[k]! - my);
      sxx += (rx[k]! - mx) ** 2;
    }
    expect(beta(x, y, 3)[3]).toBeCloseTo(sxy / sxx, 12);
  });
  it('TA-Lib 0.8.1 rules: 0 where x returns have no spread, a return after a zero price is 0', () => {
    const x = new Float64Array([10, 20, 40, 80, 160, 320, 20, 0, 5, 6, 7]);
    const y = new Float64Array([3, 4, 2, 5, 6, 1, 2, 3, 4, 0, 2]);
    const r = beta(x, y, 3);
    // Returns of exactly 1: no spread in x, beta 0 (as in TA-Lib 0.6 and 0.8.1).
    expect(r[3]).toBe(0);
    expect(r[5]).toBe(0);
    // After the windows with no spread, the 0.6 library agrees (x's return after the 0 is 0
    // in both: there 0 counts as |p| < 1e-14, in 0.8.1 as exactly 0).
    const t = ta('BETA', { inReal0: x, inReal1: y }, { optInTimePeriod: 3 }).outReal!;
    expectClose(r.subarray(6), t.subarray(6), 1e-9);
    expectClose(r, reference(x, y, 3), 1e-12);
  });
  it('is scale-free (TA-Lib 0.8.1): prices x 1e-17 or a price of 1e-15 are ordinary prices', () => {
    const x = a.close.subarray(0, 500), y = b.close.subarray(0, 500);
    const r = beta(x, y, 5);
    for (const f of [1e-17, 1e-300]) expectClose(beta(x.map((v) => v * f), y.map((v) => v * f), 5), r, 1e-12, `x ${f}`);
    const z = x.slice();
    z[100] = 1e-15;
    expectClose(beta(z, y, 5), reference(z, y, 5), 1e-9);
    expect(Math.abs(beta(z, y, 5)[101]!)).toBeGreaterThan(0);
  });
  it('a NaN/inf input is a gap: NaN there and for `period` bars after, then the restarted values', () => {
    const x = a.close.slice(0, 300), y = b.close.slice(0, 300);
    x[100] = NaN;
    y[200] = Infinity;
    const r = beta(x, y, 5);
    for (const g of [100, 200]) for (let i = g; i <= g + 5; i++) expect(r[i]).toBeNaN();
    expect(Number.isNaN(r[106]!)).toBe(false);
    expectClose(r.subarray(101, 200), beta(x.subarray(101, 200), y.subarray(101, 200), 5), 0);
  });
  it('streams bit for bit', () => {
    const s = new Beta({ period: 9 });
    const r = beta(a.close, b.close, 9);
    for (let i = 0; i < 2000; i++) expect(Object.is(s.update(a.close[i]!, b.close[i]!), r[i])).toBe(true);
  });
  it('rejects a bad period naming it', () => {
    expect(() => beta(a.close, b.close, { period: 0 })).toThrow(RangeError);
    expect(() => beta(a.close, b.close, { period: 0 })).toThrow(/period/);
    expect(() => beta(a.close, b.close, { period: 2.5 })).toThrow(/period/);
    expect(() => beta(a.close, [1, 2, 3])).toThrow(/length|y/);
  });
});
