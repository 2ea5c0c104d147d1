import { describe, expect, it } from 'vitest';
import { imi } from '../../src/indicators/imi.js';
import { expectClose, sample, ta } from '../helpers.js';

const { open, close } = sample(5000, 7);

describe('imi', () => {
  it.each([2, 5, 14, 40])('matches TA-Lib IMI(%i)', (period) => {
    expectClose(imi(open, close, period), ta('IMI', { open, close }, { optInTimePeriod: period }).outReal!, 1e-9, `imi${period}`);
  });
  it('hand-checked values; a window of doji bars is 0 / 0 = NaN, as TA-Lib', () => {
    const r = imi([1, 2, 3, 3, 5, 5], [2, 1, 3, 4, 5, 5], 2);
    expect(Array.from(r.subarray(1, 4))).toEqual([50, 0, 100]);
    expect(Number.isNaN(r[5]!)).toBe(true);
  });
  it('lookback period - 1, default 14; period must be an integer >= 2', () => {
    expect(imi.lookback()).toBe(13);
    expect(() => imi(open, close, 1)).toThrow(RangeError);
  });
});
