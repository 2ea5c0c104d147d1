import { describe, expect, it } from 'vitest';
import { rocr } from '../../src/indicators/rocr.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('rocr', () => {
  it.each([1, 2, 10, 100])('matches TA-Lib ROCR(%i)', (period) => {
    expectClose(rocr(close, period), ta('ROCR', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, 'rocr' + period);
  });
  it('hand-checked values; 0 when the older value is 0', () => {
    expect(Array.from(rocr([0, 2, 3, 6], 1))).toEqual([NaN, 0, 3 / 2, 6 / 3]);
  });
  it('a gap restarts the run', () => {
    const r = rocr([1, 2, NaN, 4, 8], 1);
    expect([r[0], r[2], r[3]].every(Number.isNaN)).toBe(true);
    expect(r[1]).toBe(rocr([1, 2], 1)[1]);
    expect(r[4]).toBe(rocr([4, 8], 1)[1]);
  });
  it('lookback is period, default 10; period must be an integer >= 1', () => {
    expect(rocr.lookback()).toBe(10);
    expect(() => rocr(close, 0)).toThrow(RangeError);
    expect(() => rocr(close, 0)).toThrow(/period/);
  });
});
