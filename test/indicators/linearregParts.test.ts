import { describe, expect, it } from 'vitest';
import { linearreg } from '../../src/indicators/linearreg.js';
import { linearregAngle } from '../../src/indicators/linearregAngle.js';
import { linearregIntercept } from '../../src/indicators/linearregIntercept.js';
import { linearregSlope } from '../../src/indicators/linearregSlope.js';
import { tsf } from '../../src/indicators/tsf.js';
import * as stream from '../../src/stream/index.js';
import { expectClose, rng, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('linearregIntercept, linearregSlope, tsf', () => {
  it.each([2, 5, 14, 50])('match TA-Lib LINEARREG_INTERCEPT / LINEARREG_SLOPE / TSF (%i)', (period) => {
    const o = { optInTimePeriod: period };
    expectClose(linearregIntercept(close, period), ta('LINEARREG_INTERCEPT', { inReal: close }, o).outReal!, 1e-9, `intercept${period}`);
    expectClose(linearregSlope(close, period), ta('LINEARREG_SLOPE', { inReal: close }, o).outReal!, 1e-9, `slope${period}`);
    expectClose(tsf(close, period), ta('TSF', { inReal: close }, o).outReal!, 1e-9, `tsf${period}`);
    expectClose(linearregAngle(close, period), ta('LINEARREG_ANGLE', { inReal: close }, o).outReal!, 1e-9, `angle${period}`);
  });
  it('hand-checked values: a line is reproduced and extended', () => {
    const line = [1, 3, 5, 7, 9];
    expect(Array.from(linearregSlope(line, 3))).toEqual([NaN, NaN, 2, 2, 2]);
    expect(Array.from(linearregIntercept(line, 3))).toEqual([NaN, NaN, 1, 3, 5]);
    expect(Array.from(tsf(line, 3))).toEqual([NaN, NaN, 7, 9, 11]);
    // slope 1 per bar: 45 degrees.
    expect(linearregAngle([1, 2, 3], 3)[2]).toBeCloseTo(45, 12);
  });
  it('one line: value = intercept + slope * (period - 1), tsf = value + slope', () => {
    const v = linearreg(close, 10);
    const b = linearregIntercept(close, 10);
    const m = linearregSlope(close, 10);
    const f = tsf(close, 10);
    for (let i = 9; i < v.length; i += 31) {
      expect(v[i]).toBeCloseTo(b[i]! + m[i]! * 9, 9);
      expect(f[i]).toBeCloseTo(b[i]! + m[i]! * 10, 9);
    }
  });
  it('period must be an integer >= 2', () => {
    expect(() => tsf(close, 1)).toThrow(RangeError);
    expect(() => linearregSlope(close, 1)).toThrow(/period/);
    expect(linearregSlope.lookback()).toBe(13);
  });
});

// TA-Lib 0.8.1's slide and re-seeds (every 32·period bars, and where a departing value
// outweighs the window): one series runs eight re-seed intervals as V8 lanes and redoes the
// intervals after a lane's early re-seed one bar at a time; the stream and the many-series
// kernel (each lane a whole series) take every re-seed in the scalar order. Long enough for
// several lane groups at period 500 (8 · 32 · 500 = 128,000 bars), with gaps and large prints
// (early re-seeds inside lanes).
describe('linear regression family: batch == stream == many, bit for bit, through re-seeds', () => {
  const N = 150_000;
  const r = rng(5);
  const x = new Float64Array(N);
  let v = 60_000;
  for (let i = 0; i < N; i++) {
    v += 6 + (r() - 0.5) * 240;
    x[i] = i % 9973 === 17 ? NaN : r() < 0.0004 ? v * 1e6 : i >= 90_000 && i < 91_000 ? (r() - 0.5) * 1e-3 : v;
  }
  const fns = { linearreg, linearregIntercept, linearregSlope, linearregAngle, tsf };
  it.each([14, 100, 500])('period %i', (period) => {
    for (const [name, f] of Object.entries(fns)) {
      const want = f(x, period);
      const Cls = (stream as unknown as Record<string, new (o: unknown) => { update(x: number): number }>)[name[0]!.toUpperCase() + name.slice(1)]!;
      const s = new Cls(period);
      for (let i = 0; i < N; i++) {
        const got = s.update(x[i]!);
        if (!Object.is(got, want[i])) throw new Error(`${name}(${period})[${i}]: streamed ${got}, batch ${want[i]}`);
      }
      const S = 8;
      const mat = new Float64Array(N * S);
      for (let j = 0; j < S; j++) mat.set(x, j * N);
      const many = (f as unknown as { many: (m: Float64Array, s: number, o: unknown) => Float64Array }).many(mat, S, period);
      for (let j = 0; j < S; j++) for (let i = 0; i < N; i++) if (!Object.is(many[j * N + i], want[i])) throw new Error(`${name}(${period}) many[${j}][${i}]: ${many[j * N + i]} vs ${want[i]}`);
      expect(want.filter(Number.isFinite).length).toBeGreaterThan(N * 0.9);
    }
  });
});
