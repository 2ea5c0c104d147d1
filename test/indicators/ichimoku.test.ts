import { describe, expect, it } from 'vitest';
import { cpp, indicatorTable } from '../../src/core/indicator.js';
import { ichimoku } from '../../src/indicators/ichimoku.js';
import { expectClose, firstValid, sample } from '../helpers.js';

const { high, low, close } = sample(3000);

function mid(h: Float64Array, l: Float64Array, i: number, p: number): number {
  if (i < p - 1) return NaN;
  let hi = -Infinity, lo = Infinity;
  for (let j = i - p + 1; j <= i; j++) {
    hi = Math.max(hi, h[j]!);
    lo = Math.min(lo, l[j]!);
  }
  return (hi + lo) / 2;
}

function reference(h: Float64Array, l: Float64Array, c: Float64Array, t: number, k: number, s: number, d: number) {
  const n = c.length;
  const f = () => new Float64Array(n).fill(NaN);
  const r = { tenkan: f(), kijun: f(), senkouA: f(), senkouB: f(), chikou: f() };
  for (let i = 0; i < n; i++) {
    r.tenkan[i] = mid(h, l, i, t);
    r.kijun[i] = mid(h, l, i, k);
    if (i - d >= 0) {
      r.senkouA[i] = (mid(h, l, i - d, t) + mid(h, l, i - d, k)) / 2;
      r.senkouB[i] = mid(h, l, i - d, s);
    }
    if (i + d < n) r.chikou[i] = c[i + d]!;
  }
  return r;
}

describe('ichimoku', () => {
  it.each([
    [9, 26, 52, 26],
    [7, 22, 44, 22],
    [1, 1, 1, 0],
    [20, 5, 3, 1],
  ])('matches a straightforward reference (%i, %i, %i, %i)', (tenkan, kijun, senkou, displacement) => {
    const r = ichimoku(high, low, close, { tenkan, kijun, senkou, displacement });
    const e = reference(high, low, close, tenkan, kijun, senkou, displacement);
    for (const k of ['tenkan', 'kijun', 'senkouA', 'senkouB', 'chikou'] as const) expectClose(r[k], e[k], 1e-12, k);
  });
  it('per-output lookbacks; chikou is NaN only at the end', () => {
    const r = ichimoku(high, low, close);
    expect(firstValid(r.tenkan)).toBe(8);
    expect(firstValid(r.kijun)).toBe(25);
    expect(firstValid(r.senkouA)).toBe(51);
    expect(firstValid(r.senkouB)).toBe(77);
    expect(firstValid(r.chikou)).toBe(0);
    expect(r.chikou.subarray(close.length - 26).every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(r.chikou[close.length - 27]!)).toBe(false);
    const meta = indicatorTable().get('ichimoku')!;
    const o = new Float64Array([9, 26, 52, 26]);
    expect([0, 1, 2, 3, 4].map((k) => cpp().lookback(meta.id, o, k))).toEqual([8, 25, 51, 77, 0]);
    expect(ichimoku.lookback()).toBe(8);
  });
  it('short series: leading spans all NaN, chikou shifted', () => {
    const r = ichimoku(high.subarray(0, 40), low.subarray(0, 40), close.subarray(0, 40));
    expect(r.senkouB.every(Number.isNaN)).toBe(true);
    expect(r.senkouA.every(Number.isNaN)).toBe(true);
    expect(r.chikou[0]).toBe(close[26]);
  });
});
