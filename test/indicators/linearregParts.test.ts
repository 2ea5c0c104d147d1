import { describe, expect, it } from 'vitest';
import { linearreg } from '../../src/indicators/linearreg.js';
import { linearregAngle } from '../../src/indicators/linearregAngle.js';
import { linearregIntercept } from '../../src/indicators/linearregIntercept.js';
import { linearregSlope } from '../../src/indicators/linearregSlope.js';
import { tsf } from '../../src/indicators/tsf.js';
import { expectClose, sample, ta } from '../helpers.js';

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
