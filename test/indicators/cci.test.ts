import { describe, expect, it } from 'vitest';
import { cci } from '../../src/indicators/cci.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('cci', () => {
  it.each([2, 14, 20, 100])('matches TA-Lib CCI(%i)', (period) => {
    expectClose(cci(high, low, close, period), ta('CCI', { high, low, close }, { optInTimePeriod: period }).outReal!, 1e-9, `cci${period}`);
  });
  it('is 0 on a flat window', () => {
    const flat = new Float64Array(25).fill(3);
    expect(cci(flat, flat, flat)[24]).toBe(0);
  });
  it('hand-checked: tp 1,2,3 -> (3-2)/(0.015*2/3) = 100', () => {
    expect(cci([1, 2, 3], [1, 2, 3], [1, 2, 3], 3)[2]).toBeCloseTo(100, 12);
  });
  it('lookback is period - 1', () => expect(cci.lookback()).toBe(19));
});
