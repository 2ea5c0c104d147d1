import { describe, expect, it } from 'vitest';
import { ultosc } from '../../src/indicators/ultosc.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('ultosc', () => {
  it.each([
    [7, 14, 28],
    [1, 2, 3],
    [28, 7, 14], // sorted, as TA-Lib does
    [5, 5, 5],
    [10, 40, 100],
  ])('matches TA-Lib ULTOSC(%i, %i, %i)', (period1, period2, period3) => {
    const t = ta('ULTOSC', { high, low, close }, { optInTimePeriod1: period1, optInTimePeriod2: period2, optInTimePeriod3: period3 });
    expectClose(ultosc(high, low, close, { period1, period2, period3 }), t.outReal!, 1e-9);
  });
  it('lookback is the longest period', () => {
    expect(ultosc.lookback()).toBe(28);
    expect(ultosc.lookback({ period1: 50, period2: 3, period3: 4 })).toBe(50);
    expect(firstValid(ultosc(high, low, close))).toBe(28);
  });
  it('is 0 on a flat series', () => {
    const flat = new Float64Array(40).fill(2);
    expect(ultosc(flat, flat, flat)[39]).toBe(0);
  });
});
