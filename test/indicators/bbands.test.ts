import { describe, expect, it } from 'vitest';
import { bbands } from '../../src/indicators/bbands.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('bbands', () => {
  it.each([
    [20, 2],
    [5, 1.5],
    [50, 3],
  ])('matches TA-Lib BBANDS(%i, %f)', (period, stdDev) => {
    const r = bbands(close, { period, stdDev });
    const t = ta('BBANDS', { inReal: close }, { optInTimePeriod: period, optInNbDevUp: stdDev, optInNbDevDn: stdDev, optInMAType: 0 });
    expectClose(r.upper, t.outRealUpperBand!, 1e-9, 'upper');
    expectClose(r.middle, t.outRealMiddleBand!, 1e-9, 'middle');
    expectClose(r.lower, t.outRealLowerBand!, 1e-9, 'lower');
  });
  it('hand-checked: [1,2,3] population sd = sqrt(2/3)', () => {
    const r = bbands([1, 2, 3], { period: 3, stdDev: 1 });
    expect(r.middle[2]).toBe(2);
    expect(r.upper[2]).toBeCloseTo(2 + Math.sqrt(2 / 3), 14);
  });
  it('stays accurate at large prices', () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => 1e9 + (i % 2));
    const r = bbands(x, { period: 20, stdDev: 1 });
    expect(r.upper[4999]! - r.middle[4999]!).toBeCloseTo(0.5, 9);
  });
});

describe('bbands maType (every TA-Lib MAType)', () => {
  it.each([['ema', 1], ['wma', 2], ['dema', 3], ['tema', 4], ['trima', 5], ['kama', 6], ['mama', 7], ['t3', 8]] as const)('matches TA-Lib BBANDS(20, 2, %s)', (maType, code) => {
    const w = ta('BBANDS', { inReal: close }, { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: code });
    const r = bbands(close, { period: 20, stdDev: 2, maType });
    expectClose(r.upper, w.outRealUpperBand!, 1e-9, `upper ${maType}`);
    expectClose(r.middle, w.outRealMiddleBand!, 1e-9, `middle ${maType}`);
    expectClose(r.lower, w.outRealLowerBand!, 1e-9, `lower ${maType}`);
  });
});

describe('bbands one-series kernel (bbands_sma1)', () => {
  // The one-series SMA kernel is written apart from the 8-lane one (FlatMoments): each must
  // give the other's bits. Lengths around its pairs of bars and its exact recomputations
  // (every 128 steps for periods up to 16, 8p above); data with flat stretches (the exact
  // zero-variance windows), gaps, signed zeros, subnormals and overflowing squares.
  const datasets: Record<string, (n: number) => Float64Array> = {
    walk: (n) => sample(n, n + 1).close,
    flat: (n) => sample(n, n + 2).close.map((v, i, a) => (Math.floor(i / 23) % 2 ? a[Math.floor(i / 23) * 23]! : v)),
    repeats: (n) => sample(n, n + 3).close.map((v, i, a) => (i % 3 ? a[i - (i % 3)]! : v)),
    gaps: (n) => sample(n, n + 4).close.map((v, i) => (i % 37 === 5 ? NaN : i % 53 === 7 ? Infinity : v)),
    zeros: (n) => Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? -0 : i % 4 === 1 ? 0 : (i % 7) * 1e-3)),
    subnormal: (n) => Float64Array.from({ length: n }, (_, i) => ((i * 37) % 101) * 5e-324),
    huge: (n) => sample(n, n + 5).close.map((v) => v * 1e300),
    tiny: (n) => sample(n, n + 6).close.map((v) => v * 1e-290),
  };
  it.each([1, 2, 3, 16, 17, 20])('period %i: the 8-lane kernel\'s bits (many over 8 copies)', (period) => {
    let compared = 0;
    for (const [name, make] of Object.entries(datasets)) {
      for (const n of [period - 1, period, period + 1, period + 2, 64, 127 + period, 128 + period, 129 + period, 8 * period + period + 1, 700]) {
        if (n < 0) continue;
        const x = make(n);
        const want = bbands(x, { period, stdDev: 1.5 });
        const S = 8;
        const mat = new Float64Array(n * S);
        for (let j = 0; j < S; j++) mat.set(x, j * n);
        const many = (bbands as unknown as { many: (m: Float64Array, s: number, o: unknown) => Record<string, Float64Array> }).many(mat, S, { period, stdDev: 1.5 });
        for (const k of ['upper', 'middle', 'lower'] as const) {
          for (let j = 0; j < S; j++) {
            for (let i = 0; i < n; i++) {
              if (!Object.is(many[k]![j * n + i], want[k][i])) throw new Error(`${name} n=${n} ${k}[${i}] series ${j}: many ${many[k]![j * n + i]}, one series ${want[k][i]}`);
              if (Number.isFinite(want[k][i])) compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
