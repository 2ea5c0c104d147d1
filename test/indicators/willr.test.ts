import { describe, expect, it } from 'vitest';
import { willr } from '../../src/indicators/willr.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('willr', () => {
  it.each([2, 14, 60])('matches TA-Lib WILLR(%i)', (period) => {
    expectClose(willr(high, low, close, period), ta('WILLR', { high, low, close }, { optInTimePeriod: period }).outReal!, 1e-9, `willr${period}`);
  });
  it('hand-checked: close at the low is -100, at the high is 0, flat is 0', () => {
    expect(willr([3, 4, 5], [1, 2, 3], [2, 3, 1], 3)[2]).toBe(-100);
    expect(willr([3, 4, 5], [1, 2, 3], [2, 3, 5], 3)[2]).toBe(-0);
    expect(willr([2, 2], [2, 2], [2, 2], 2)[1]).toBe(0);
  });
  it('lookback is period - 1', () => expect(willr.lookback()).toBe(13));
});
