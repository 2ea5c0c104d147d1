import { describe, expect, it } from 'vitest';
import { rollingMax } from '../../src/indicators/rollingMax.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('rollingMax', () => {
  it('period 1 is the identity', () => expect(Array.from(rollingMax(close, 1))).toEqual(Array.from(close)));
  it.each([2, 5, 20, 30, 300])('matches TA-Lib MAX(%i)', (period) => {
    expectClose(rollingMax(close, period), ta('MAX', { inReal: close }, { optInTimePeriod: period }).outReal!, 0, `rollingMax${period}`);
  });
  it('hand-checked values, with ties', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 5];
    const want = x.map((_, i) => (i < 2 ? NaN : Math.max(...x.slice(i - 2, i + 1))));
    expect(Array.from(rollingMax(x, 3))).toEqual(want);
  });
  it('lookback is period - 1, default 20', () => expect(rollingMax.lookback()).toBe(19));
});
