import { describe, expect, it } from 'vitest';
import { corrMatrix, covMatrix, portfolioVol } from '../src/matrix.js';
import { rng } from './helpers.js';

function naiveCov(x: Float64Array, n: number, ddof: number): number[][] {
  const t = x.length / n;
  const mean = Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let i = 0; i < t; i++) s += x[j * t + i]!;
    return s / t;
  });
  return Array.from({ length: n }, (_, a) =>
    Array.from({ length: n }, (_, b) => {
      let s = 0;
      for (let i = 0; i < t; i++) s += (x[a * t + i]! - mean[a]!) * (x[b * t + i]! - mean[b]!);
      return s / (t - ddof);
    }),
  );
}

describe('covMatrix / corrMatrix', () => {
  const r = rng(3);
  const T = 500;
  const N = 5;
  const x = new Float64Array(N * T);
  for (let i = 0; i < T; i++) {
    const common = r() - 0.5;
    for (let j = 0; j < N; j++) x[j * T + i] = 0.01 * (common * j + (r() - 0.5));
  }

  it('matches a naive two-pass covariance (ddof 1 and 0)', () => {
    for (const ddof of [0, 1]) {
      const c = covMatrix(x, N, { ddof });
      const ref = naiveCov(x, N, ddof);
      for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) expect(c[a * N + b]).toBeCloseTo(ref[a]![b]!, 15);
    }
  });

  it('correlation has a unit diagonal, is symmetric and within [-1, 1]', () => {
    const c = corrMatrix(x, N);
    const ref = naiveCov(x, N, 1);
    for (let a = 0; a < N; a++) {
      expect(c[a * N + a]).toBeCloseTo(1, 14);
      for (let b = 0; b < N; b++) {
        expect(c[a * N + b]).toBe(c[b * N + a]);
        expect(c[a * N + b]).toBeCloseTo(ref[a]![b]! / Math.sqrt(ref[a]![a]! * ref[b]![b]!), 12);
      }
    }
  });

  it('skips time steps where any series is NaN', () => {
    const g = x.slice();
    g[2 * T + 10] = NaN;
    const kept = new Float64Array(N * (T - 1));
    for (let j = 0; j < N; j++) {
      kept.set(x.subarray(j * T, j * T + 10), j * (T - 1));
      kept.set(x.subarray(j * T + 11, (j + 1) * T), j * (T - 1) + 10);
    }
    const a = covMatrix(g, N);
    const b = covMatrix(kept, N);
    for (let i = 0; i < N * N; i++) expect(a[i]).toBeCloseTo(b[i]!, 15);
  });

  it('hand-checked 2 series', () => {
    // x = [1,2,3], y = [2,4,6]: var x = 1, var y = 4, cov = 2, corr = 1.
    expect(Array.from(covMatrix([1, 2, 3, 2, 4, 6], 2))).toEqual([1, 2, 2, 4]);
    expect(Array.from(corrMatrix([1, 2, 3, 2, 4, 6], 2)).map((v) => +v.toFixed(12))).toEqual([1, 1, 1, 1]);
  });

  it('errors', () => {
    expect(() => covMatrix(x, 7)).toThrow(RangeError);
    expect(() => covMatrix(x, 0)).toThrow(RangeError);
    expect(() => covMatrix('x' as never, 1)).toThrow(TypeError);
    expect(() => covMatrix(x, N, { ddof: -1 })).toThrow(RangeError);
    expect(() => covMatrix(x, N, { out: new Float64Array(3) })).toThrow(RangeError);
    expect(Array.from(covMatrix([1], 1)).every(Number.isNaN)).toBe(true);
  });
});

describe('portfolioVol', () => {
  it('sqrt(w S w)', () => {
    // Two uncorrelated assets with variances 0.04 and 0.09, 50/50: sqrt(0.25*0.04 + 0.25*0.09).
    expect(portfolioVol([0.5, 0.5], [0.04, 0, 0, 0.09])).toBeCloseTo(Math.sqrt(0.0325), 15);
    expect(() => portfolioVol([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(portfolioVol([], [])).toBe(0);
  });
});
