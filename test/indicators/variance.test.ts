import { describe, expect, it } from 'vitest';
import { stddev } from '../../src/indicators/stddev.js';
import { variance } from '../../src/indicators/variance.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('variance', () => {
  it.each([1, 2, 5, 30])('matches TA-Lib VAR(%i)', (period) => {
    expectClose(variance(close, period), ta('VAR', { inReal: close }, { optInTimePeriod: period, optInNbDev: 1 }).outReal!, 1e-9, `var${period}`);
  });
  it('hand-checked values; the square of stddev', () => {
    const h = variance([1, 2, 4, 7], 3);
    expect(Number.isNaN(h[1]!)).toBe(true);
    expect(h[2]).toBeCloseTo(14 / 9, 14);
    expect(h[3]).toBeCloseTo(38 / 9, 14);
    const v = variance(close, 20);
    const s = stddev(close, { period: 20, stdDev: 1 });
    for (let i = 19; i < v.length; i += 97) expect(Math.sqrt(v[i]!)).toBe(s[i]);
  });
  it('lookback period - 1, default 5; period must be an integer >= 1', () => {
    expect(variance.lookback()).toBe(4);
    expect(() => variance(close, 0)).toThrow(RangeError);
  });
});
