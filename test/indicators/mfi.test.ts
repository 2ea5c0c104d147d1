import { describe, expect, it } from 'vitest';
import { mfi } from '../../src/indicators/mfi.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close, volume } = sample(5000);

describe('mfi', () => {
  it.each([2, 14, 50])('matches TA-Lib MFI(%i)', (period) => {
    expectClose(
      mfi(high, low, close, volume, period),
      ta('MFI', { high, low, close, volume }, { optInTimePeriod: period }).outReal!,
      1e-9,
      `mfi${period}`,
    );
  });
  it('is 0 when the window has no volume, 100 when tp only rises', () => {
    const n = 20;
    const up = Float64Array.from({ length: n }, (_, i) => 10 + i);
    expect(mfi(up, up, up, new Float64Array(n), 5)[n - 1]).toBe(0);
    expect(mfi(up, up, up, new Float64Array(n).fill(100), 5)[n - 1]).toBe(100);
  });
  it('lookback is period', () => expect(mfi.lookback()).toBe(14));

  // TA-Lib 0.8's rules (ta_MFI.c), where hean follows 0.8 and differs from the npm `talib`
  // package (C 0.6.0-dev): a typical price unchanged within 1e-14·(|tp| + |tp₋₁|) carries no
  // money flow (0.6: any change counted); a window that received no flow for `period` bars
  // has sums of exactly 0; the output is 0 only for a total <= 0 (0.6: for a total below 1,
  // which zeroed any instrument quoted small), else 100·clamp(pos, 0, total)/total.
  it('treats an epsilon-flat typical price as no money flow (0.8; 0.6 counted it as a rise)', () => {
    const tp = Float64Array.from([100, 100 * (1 + 1e-15), 100 * (1 + 2e-15), 100 * (1 + 3e-15), 100 * (1 + 5e-15), 101]);
    const v = new Float64Array(6).fill(10);
    const got = mfi(tp, tp, tp, v, 3);
    expect(Array.from(got.subarray(3))).toEqual([0, 0, 100]);
    // The 0.6 reference disagrees exactly here: it saw rises of 1e-13 and gave 100.
    expect(ta('MFI', { high: tp, low: tp, close: tp, volume: v }, { optInTimePeriod: 3 }).outReal![3]).toBe(100);
  });
  it('gives the ratio for money flows totalling under 1 (0.8; 0.6 gave 0)', () => {
    const h = Float64Array.from([0.001, 0.002, 0.0015, 0.003]);
    const one = new Float64Array(4).fill(1);
    const got = mfi(h, h, h, one, 3)[3]!;
    // Flows: +0.002, -0.0015, +0.003 (tp·volume): 100·0.005/0.0065.
    expect(got).toBeCloseTo((100 * 0.005) / 0.0065, 12);
  });
  it('follows a window through flat bars to exactly 0 and back (hand-computed)', () => {
    const tp = Float64Array.from([100, 101, 100, 102, 102, 102, 102, 103, 102, 102, 102]);
    const v = Float64Array.from([1, 3, 7, 11, 13, 17, 19, 23, 29, 31, 37]);
    const got = mfi(tp, tp, tp, v, 3);
    // Flows: +303, -700, +1122, 0, 0, 0, +2369, -2958, 0, 0.
    const want = [NaN, NaN, NaN, (100 * 1425) / 2125, (100 * 1122) / 1822, 100, 0, 100, (100 * 2369) / 5327, (100 * 2369) / 5327, 0];
    want.forEach((w, i) => (Number.isNaN(w) ? expect(got[i]).toBeNaN() : expect(got[i]).toBeCloseTo(w, 10)));
    expect(got[6]).toBe(0);
    expect(got[10]).toBe(0);
  });
  it('is 0 for a total <= 0 and clamps the positive share into 0..100 (negative volumes)', () => {
    const tp = Float64Array.from([100, 101, 100, 102, 101, 103]);
    const v = Float64Array.from([1, -3, 7, -11, 13, -17]);
    const got = mfi(tp, tp, tp, v, 3);
    // Window sums (pos, neg): (-1425, 700) total < 0; (-1122, 2013) pos < 0; (-2873, 1313).
    expect(Array.from(got.subarray(3))).toEqual([0, 0, 0]);
  });
});
