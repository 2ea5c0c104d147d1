import { describe, expect, it } from 'vitest';
import { maxIndex } from '../../src/indicators/maxIndex.js';
import { minIndex } from '../../src/indicators/minIndex.js';
import { minMax } from '../../src/indicators/minMax.js';
import { minMaxIndex } from '../../src/indicators/minMaxIndex.js';
import { rollingMax } from '../../src/indicators/rollingMax.js';
import { rollingMin } from '../../src/indicators/rollingMin.js';
import { expectClose, rng, sample, ta } from '../helpers.js';

const { close } = sample(5000);
// Few distinct values: ties everywhere, where TA-Lib's scan order decides the index.
const r = rng(3);
const ties = Float64Array.from({ length: 3000 }, () => Math.floor(r() * 4));

describe('maxIndex, minIndex, minMax, minMaxIndex', () => {
  it.each([2, 3, 14, 30, 200])('match TA-Lib MAXINDEX / MININDEX / MINMAX / MINMAXINDEX (%i), ties included', (period) => {
    const o = { optInTimePeriod: period };
    for (const x of [close, ties]) {
      expectClose(maxIndex(x, period), ta('MAXINDEX', { inReal: x }, o).outInteger!, 0, `maxIndex${period}`);
      expectClose(minIndex(x, period), ta('MININDEX', { inReal: x }, o).outInteger!, 0, `minIndex${period}`);
      const mm = minMax(x, period);
      const t = ta('MINMAX', { inReal: x }, o);
      expectClose(mm.min, t.outMin!, 0, 'min');
      expectClose(mm.max, t.outMax!, 0, 'max');
      const mi = minMaxIndex(x, period);
      const ti = ta('MINMAXINDEX', { inReal: x }, o);
      expectClose(mi.minIndex, ti.outMinIdx!, 0, 'minIdx');
      expectClose(mi.maxIndex, ti.outMaxIdx!, 0, 'maxIdx');
    }
  });
  it('hand-checked ties: a new equal value takes over; a rescan takes the oldest', () => {
    // period 3: bar 2 rescans [5, 1, 5] -> 0; at bar 3 index 0 has left: rescan [1, 5, 5]
    // -> the oldest 5, 2; bar 4 [5, 5, 4] keeps 2; bar 5: 9 -> 5; bar 6 [4, 9, 2] keeps 5.
    expect(Array.from(maxIndex([5, 1, 5, 5, 4, 9, 2], 3))).toEqual([NaN, NaN, 0, 2, 2, 5, 5]);
    // bar 3: 6 >= 6 takes over from index 2 (still in the window).
    expect(Array.from(maxIndex([1, 2, 6, 6, 0], 3))).toEqual([NaN, NaN, 2, 3, 3]);
    // A flat series: each bar the held index leaves the window and the rescan takes the oldest.
    expect(Array.from(maxIndex([3, 3, 3, 3, 3], 3))).toEqual([NaN, NaN, 0, 1, 2]);
    expect(Array.from(minIndex([3, 3, 3, 3, 3], 3))).toEqual([NaN, NaN, 0, 1, 2]);
    expect(Array.from(minIndex([4, 1, 2, 1, 5], 3))).toEqual([NaN, NaN, 1, 3, 3]);
  });
  it('indices are absolute across gaps; a later start shifts them', () => {
    const x = [1, 2, NaN, 5, 4, 3, 6];
    expect(Array.from(maxIndex(x, 2))).toEqual([NaN, 1, NaN, NaN, 3, 4, 6]);
    const a = maxIndex(close, 10);
    expect(Array.from(maxIndex(close.subarray(100, 200), 10).subarray(9))).toEqual(Array.from(a.subarray(109, 200)).map((v) => v - 100));
  });
  it('minMax equals rollingMin / rollingMax', () => {
    const mm = minMax(close, 20);
    expect(mm.min).toEqual(rollingMin(close, 20));
    expect(mm.max).toEqual(rollingMax(close, 20));
  });
  it('lookback period - 1, default 30; period must be an integer >= 2', () => {
    expect(maxIndex.lookback()).toBe(29);
    expect(() => minMaxIndex(close, 1)).toThrow(RangeError);
    expect(() => minIndex(close, 1.5)).toThrow(/period/);
  });
});
