import { describe, expect, it } from 'vitest';
import { adx } from '../../src/indicators/adx.js';
import { adxr } from '../../src/indicators/adxr.js';
import { dx } from '../../src/indicators/dx.js';
import { minusDi } from '../../src/indicators/minusDi.js';
import { minusDm } from '../../src/indicators/minusDm.js';
import { plusDi } from '../../src/indicators/plusDi.js';
import { plusDm } from '../../src/indicators/plusDm.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('directional movement family', () => {
  it.each([1, 2, 5, 14, 30])('PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI match TA-Lib (%i)', (period) => {
    const o = { optInTimePeriod: period };
    expectClose(plusDm(high, low, period), ta('PLUS_DM', { high, low }, o).outReal!, 1e-9, `plusDm${period}`);
    expectClose(minusDm(high, low, period), ta('MINUS_DM', { high, low }, o).outReal!, 1e-9, `minusDm${period}`);
    expectClose(plusDi(high, low, close, period), ta('PLUS_DI', { high, low, close }, o).outReal!, 1e-9, `plusDi${period}`);
    expectClose(minusDi(high, low, close, period), ta('MINUS_DI', { high, low, close }, o).outReal!, 1e-9, `minusDi${period}`);
  });
  it.each([2, 5, 14, 30])('DX, ADXR match TA-Lib (%i)', (period) => {
    const o = { optInTimePeriod: period };
    expectClose(dx(high, low, close, period), ta('DX', { high, low, close }, o).outReal!, 1e-9, `dx${period}`);
    expectClose(adxr(high, low, close, period), ta('ADXR', { high, low, close }, o).outReal!, 1e-9, `adxr${period}`);
  });
  it('one arithmetic: the single-output functions give adx()’s outputs bit for bit', () => {
    const a = adx(high, low, close, 9);
    expect(plusDi(high, low, close, 9)).toEqual(a.plusDi);
    expect(minusDi(high, low, close, 9)).toEqual(a.minusDi);
    expect(dx(high, low, close, 9)).toEqual(a.dx);
    const r = adxr(high, low, close, 9);
    for (let i = 3 * 9 - 2; i < r.length; i++) expect(r[i]).toBe((a.adx[i]! + a.adx[i - 8]!) / 2);
  });
  it('hand-checked DMs and period-1 DIs', () => {
    const h = [1, 2, 4, 3, 5];
    const l = [0, 1, 1, 0, 2];
    const c = [0.5, 1.5, 3, 2, 4];
    expect(Array.from(plusDm(h, l, 1))).toEqual([NaN, 1, 2, 0, 2]);
    expect(Array.from(minusDm(h, l, 1))).toEqual([NaN, 0, 0, 1, 0]);
    // period 2: the first value is bar 1's DM, then prev - prev/2 + dm.
    expect(Array.from(plusDm(h, l, 2))).toEqual([NaN, 1, 1 - 0.5 + 2, 2.5 - 1.25 + 0, 1.25 - 0.625 + 2]);
    // period 1: DM / TR as a plain ratio; TR of bar 1 = max(2 - 1, |0.5 - 2|, |0.5 - 1|) = 1.5.
    expect(plusDi(h, l, c, 1)[1]).toBe(1 / 1.5);
    expect(minusDi(h, l, c, 1)[3]).toBe(1 / 3);
  });
  it('lookbacks and option ranges', () => {
    expect(plusDm.lookback()).toBe(13);
    expect(plusDm.lookback({ period: 1 })).toBe(1);
    expect(plusDi.lookback()).toBe(14);
    expect(dx.lookback()).toBe(14);
    expect(adxr.lookback()).toBe(40);
    expect(() => dx(high, low, close, 1)).toThrow(RangeError);
    expect(() => adxr(high, low, close, 1)).toThrow(/period/);
    expect(() => plusDm(high, low, 0)).toThrow(RangeError);
  });
  it('a gap restarts the run', () => {
    const n = 60;
    const h = high.slice(0, n);
    h[20] = NaN;
    const r = plusDi(h, low.slice(0, n), close.slice(0, n), 5);
    const after = plusDi(high.slice(21, n), low.slice(21, n), close.slice(21, n), 5);
    expect(Number.isNaN(r[20]!)).toBe(true);
    expect(Array.from(r.subarray(21))).toEqual(Array.from(after));
  });
});
