import { describe, expect, it } from 'vitest';
import { rocp } from '../../src/indicators/rocp.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('rocp', () => {
  it.each([1, 2, 10, 100])('matches TA-Lib ROCP(%i)', (period) => {
    expectClose(rocp(close, period), ta('ROCP', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, 'rocp' + period);
  });
  it('hand-checked values; 0 when the older value is 0', () => {
    expect(Array.from(rocp([0, 2, 3, 6], 1))).toEqual([NaN, 0, (3 - 2) / 2, (6 - 3) / 3]);
  });
  it('a gap restarts the run', () => {
    const r = rocp([1, 2, NaN, 4, 8], 1);
    expect([r[0], r[2], r[3]].every(Number.isNaN)).toBe(true);
    expect(r[1]).toBe(rocp([1, 2], 1)[1]);
    expect(r[4]).toBe(rocp([4, 8], 1)[1]);
  });
  it('lookback is period, default 10; period must be an integer >= 1', () => {
    expect(rocp.lookback()).toBe(10);
    expect(() => rocp(close, 0)).toThrow(RangeError);
    expect(() => rocp(close, 0)).toThrow(/period/);
  });
});
