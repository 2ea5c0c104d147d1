import { describe, expect, it } from 'vitest';
import { avgdev } from '../../src/indicators/avgdev.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('avgdev', () => {
  it.each([2, 5, 14, 50])('matches TA-Lib AVGDEV(%i)', (period) => {
    expectClose(avgdev(close, period), ta('AVGDEV', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `avgdev${period}`);
  });
  it('hand-checked values', () => {
    // [1, 2, 6]: mean 3, deviations 2, 1, 3; [2, 6, 6]: mean 14/3, deviations 8/3, 4/3, 4/3.
    const r = avgdev([1, 2, 6, 6], 3);
    expect(Number.isNaN(r[1]!)).toBe(true);
    expect(r[2]).toBe(2);
    expect(r[3]).toBeCloseTo(16 / 9, 14);
  });
  it('lookback period - 1, default 14; period must be an integer >= 2', () => {
    expect(avgdev.lookback()).toBe(13);
    expect(() => avgdev(close, 1)).toThrow(RangeError);
  });
});
