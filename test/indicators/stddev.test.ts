import { describe, expect, it } from 'vitest';
import { bbands } from '../../src/indicators/bbands.js';
import { stddev } from '../../src/indicators/stddev.js';
import { variance } from '../../src/indicators/variance.js';
import { Bbands, Stddev, Variance } from '../../src/stream/index.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

/** Two-pass population standard deviation of each window: the exact reference. */
function exact(x: Float64Array, p: number, nb: number): Float64Array {
  const y = new Float64Array(x.length).fill(NaN);
  for (let i = p - 1; i < x.length; i++) {
    let m = 0;
    for (let j = i - p + 1; j <= i; j++) m += x[j]!;
    m /= p;
    let v = 0;
    for (let j = i - p + 1; j <= i; j++) v += (x[j]! - m) ** 2;
    y[i] = Math.sqrt(v / p) * nb;
  }
  return y;
}

describe('stddev', () => {
  it.each([
    [5, 1],
    [20, 2],
    [100, 1],
  ])('matches the exact two-pass value and TA-Lib STDDEV(%i, %f)', (period, nbDev) => {
    const ours = stddev(close, { period, stdDev: nbDev });
    expectClose(ours, exact(close, period, nbDev), 1e-10);
    // TA-Lib's one-pass E[x^2] - E[x]^2 loses ~1e-8 on small deviations at price ~100;
    // ours is within 1e-9 of TA-Lib wherever TA-Lib itself is that close to exact.
    const t = ta('STDDEV', { inReal: close }, { optInTimePeriod: period, optInNbDev: nbDev }).outReal!;
    const ex = exact(close, period, nbDev);
    let compared = 0;
    for (let i = 0; i < t.length; i++) {
      if (Number.isNaN(t[i]!)) {
        expect(ours[i]).toBeNaN();
        continue;
      }
      if (Math.abs(t[i]! - ex[i]!) > 1e-9) continue;
      expect(Math.abs(ours[i]! - t[i]!)).toBeLessThanOrEqual(2e-9);
      compared++;
    }
    expect(compared).toBeGreaterThan(t.length * 0.9);
  });
  it('is exact for a constant series', () => {
    expect(stddev(new Float64Array(30).fill(123.456), 10)[29]).toBe(0);
  });
  // The slide into a flat stretch used to leave a residual (~eps times the earlier windows'
  // sum of squares: 8.6e-7 at 100-level prices); TA-Lib 0.8.1 gives exactly 0 there.
  it.each([
    [5, 3000],
    [20, 3000],
    [100, 3000],
    [20, 700],
  ])('a constant window is exactly 0 (stddev, variance, bbands width), period %i, %i bars (both engines)', (period, n) => {
    const x = new Float64Array(n);
    const flat = [n / 5, n / 2] as const;
    for (let i = 0; i < n; i++) x[i] = i < flat[0] ? close[i]! : i < flat[1] ? close[flat[0] - 1]! : close[i]! + 3;
    const sd = stddev(x, { period, stdDev: 2 }), v = variance(x, period), b = bbands(x, { period, stdDev: 2 });
    const ref = exact(x, period, 2);
    const s = new Stddev({ period, stdDev: 2 }), sv = new Variance({ period }), sb = new Bbands({ period, stdDev: 2 });
    let zeros = 0;
    for (let i = 0; i < n; i++) {
      const constant = i >= flat[0] + period - 2 && i < flat[1];
      if (constant) {
        zeros++;
        expect(Object.is(sd[i], 0), `stddev[${i}]`).toBe(true);
        expect(Object.is(v[i], 0), `variance[${i}]`).toBe(true);
        expect(b.upper[i], `upper[${i}]`).toBe(x[i]);
        expect(b.middle[i], `middle[${i}]`).toBe(x[i]);
        expect(b.lower[i], `lower[${i}]`).toBe(x[i]);
      } else if (i >= period - 1) expect(sd[i]).not.toBe(0);
      expect(Object.is(s.update(x[i]!), sd[i]), `stream stddev[${i}]`).toBe(true);
      expect(Object.is(sv.update(x[i]!), v[i]), `stream variance[${i}]`).toBe(true);
      const u = sb.update(x[i]!);
      expect([u.upper, u.middle, u.lower].map((q, k) => Object.is(q, [b.upper, b.middle, b.lower][k]![i]))).toEqual([true, true, true]);
    }
    expect(zeros).toBeGreaterThan(n / 5);
    expectClose(sd, ref, 1e-10, 'two-pass');
  });
  it('hand-checked: population deviation of [4, 7, 11] times 2 is 2·sqrt(74/9)', () => {
    expect(stddev([1, 2, 4, 7, 11], { period: 3, stdDev: 2 })[4]).toBeCloseTo(2 * Math.sqrt(74 / 9), 14);
  });

  describe("deprecated option name 'nbDev' (0.1) for 'stdDev'", () => {
    it('gives the same values in calls, lookback, sweeps and streaming', () => {
      const x = close.subarray(0, 300);
      expect(Array.from(stddev(x, { period: 7, nbDev: 1.5 }))).toEqual(Array.from(stddev(x, { period: 7, stdDev: 1.5 })));
      expect(stddev.lookback({ period: 7, nbDev: 3 })).toBe(6);
      const sw = stddev.sweep(x, { period: 7, nbDev: [1, 2] });
      expect(sw.params).toEqual([
        { period: 7, stdDev: 1 },
        { period: 7, stdDev: 2 },
      ]);
      expect(Array.from(sw.values.subarray(x.length))).toEqual(Array.from(stddev(x, { period: 7, stdDev: 2 })));
      const s = new Stddev({ period: 7, nbDev: 1.5 });
      const want = stddev(x, { period: 7, stdDev: 1.5 });
      x.forEach((v, i) => expect(s.update(v)).toBe(want[i]));
    });
    it('both names at once is a RangeError naming both', () => {
      expect(() => stddev(close, { stdDev: 1, nbDev: 2 })).toThrow(/'nbDev' and 'stdDev'/);
      expect(() => stddev(close, { nbDev: 2, stdDev: 1 })).toThrow(RangeError);
      expect(() => stddev.sweep(close, { stdDev: 1, nbDev: [1, 2] })).toThrow(RangeError);
      expect(() => new Stddev({ nbDev: 2, stdDev: 1 })).toThrow(RangeError);
    });
    it('other indicators do not take it', () => {
      expect(() => (stddev as unknown as (...a: unknown[]) => unknown)(close, { nbdev: 1 })).toThrow(/unknown option 'nbdev'/);
    });
    it('a snapshot written by hean 0.1 (options { period, nbDev }) restores and resumes', () => {
      // Taken from hean 0.1: new Stddev({ period: 3, nbDev: 2 }) after 1, 2, 4, 7, 11.
      const old = { kind: 'stddev', version: 1 as const, options: { period: 3, nbDev: 2 }, state: [5, 2, 2, 7.333333333333333, 24.666666666666675, 5.734883511361752], window: [7, 11, 4], checksum: 3211240132 };
      const s = new Stddev({ period: 3, stdDev: 2 });
      s.restore(old);
      expect(s.value).toBeCloseTo(2 * Math.sqrt(74 / 9), 14);
      const want = stddev([1, 2, 4, 7, 11, 16], { period: 3, stdDev: 2 });
      expect(s.update(16)).toBe(want[5]);
      // Another multiplier is still refused, under either name.
      expect(() => new Stddev({ period: 3, stdDev: 1 }).restore(old)).toThrow(RangeError);
      // A new snapshot round-trips under the current name.
      const fresh = s.snapshot() as { options: Record<string, number> };
      expect(fresh.options).toEqual({ period: 3, stdDev: 2 });
      const t = new Stddev({ period: 3, stdDev: 2 });
      t.restore(fresh as never);
      expect(t.update(20)).toBe(s.update(20));
    });
  });
});
