import { describe, expect, it } from 'vitest';
import { linearreg } from '../../src/indicators/linearreg.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('linearreg', () => {
  it.each([2, 5, 14, 50])('matches TA-Lib LINEARREG(%i)', (period) => {
    expectClose(linearreg(close, period), ta('LINEARREG', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `linearreg${period}`);
  });
  it('hand-checked values: a line is reproduced, a V is fitted', () => {
    expect(Array.from(linearreg([1, 3, 5, 7, 9], 3))).toEqual([NaN, NaN, 5, 7, 9]);
    // [4, 2, 4]: slope 0, mean 10/3.
    expect(linearreg([4, 2, 4], 3)[2]).toBeCloseTo(10 / 3, 14);
  });
  it('period must be an integer >= 2', () => {
    expect(() => linearreg(close, 1)).toThrow(RangeError);
    expect(() => linearreg(close, 1)).toThrow(/period/);
  });
});
