import { describe, expect, it } from 'vitest';
import { mom } from '../../src/indicators/mom.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('mom', () => {
  it.each([1, 2, 10, 100])('matches TA-Lib MOM(%i)', (period) => {
    expectClose(mom(close, period), ta('MOM', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `mom${period}`);
  });
  it('hand-checked values', () => expect(Array.from(mom([1, 4, 9, 16], 2))).toEqual([NaN, NaN, 8, 12]));
  it('lookback is period, default 10', () => expect(mom.lookback()).toBe(10));
});
