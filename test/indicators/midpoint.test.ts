import { describe, expect, it } from 'vitest';
import { midpoint } from '../../src/indicators/midpoint.js';
import { midprice } from '../../src/indicators/midprice.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('midpoint, midprice', () => {
  it.each([2, 5, 14, 100])('match TA-Lib MIDPOINT / MIDPRICE (%i)', (period) => {
    const o = { optInTimePeriod: period };
    expectClose(midpoint(close, period), ta('MIDPOINT', { inReal: close }, o).outReal!, 1e-12, `midpoint${period}`);
    expectClose(midprice(high, low, period), ta('MIDPRICE', { high, low }, o).outReal!, 1e-12, `midprice${period}`);
  });
  it('hand-checked values', () => {
    expect(Array.from(midpoint([1, 5, 3, 2, 8], 3))).toEqual([NaN, NaN, 3, 3.5, 5]);
    expect(Array.from(midprice([2, 6, 4], [1, 3, 0], 2))).toEqual([NaN, 3.5, 3]);
  });
  it('lookback period - 1, default 14; period must be an integer >= 2', () => {
    expect(midpoint.lookback()).toBe(13);
    expect(() => midpoint(close, 1)).toThrow(RangeError);
    expect(() => midprice(high, low, 2.5)).toThrow(/period/);
  });
});
