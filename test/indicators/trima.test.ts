import { describe, expect, it } from 'vitest';
import { trima } from '../../src/indicators/trima.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('trima', () => {
  it('period 1 is the identity', () => expect(Array.from(trima(close, 1))).toEqual(Array.from(close)));
  it.each([2, 3, 4, 5, 20, 21, 30, 101])('matches TA-Lib TRIMA(%i)', (period) => {
    expectClose(trima(close, period), ta('TRIMA', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `trima${period}`);
  });
  it('hand-checked triangular weights', () => {
    // period 5: weights 1,2,3,2,1 / 9; period 4: weights 1,2,2,1 / 6.
    expect(trima([1, 2, 4, 8, 16], 5)[4]).toBeCloseTo((1 + 4 + 12 + 16 + 16) / 9, 14);
    expect(trima([1, 2, 4, 8], 4)[3]).toBeCloseTo((1 + 4 + 8 + 8) / 6, 14);
  });
  it('lookback is period - 1, default period 20', () => {
    expect(trima.lookback()).toBe(19);
    expect(trima.lookback(4)).toBe(3);
  });
});
