import { describe, expect, it } from 'vitest';
import { rocr100 } from '../../src/indicators/rocr100.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('rocr100', () => {
  it.each([1, 2, 10, 100])('matches TA-Lib ROCR100(%i)', (period) => {
    expectClose(rocr100(close, period), ta('ROCR100', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, 'rocr100' + period);
  });
  it('hand-checked values; 0 when the older value is 0', () => {
    expect(Array.from(rocr100([0, 2, 3, 6], 1))).toEqual([NaN, 0, (3 / 2) * 100, (6 / 3) * 100]);
  });
  it('a gap restarts the run', () => {
    const r = rocr100([1, 2, NaN, 4, 8], 1);
    expect([r[0], r[2], r[3]].every(Number.isNaN)).toBe(true);
    expect(r[1]).toBe(rocr100([1, 2], 1)[1]);
    expect(r[4]).toBe(rocr100([4, 8], 1)[1]);
  });
  it('lookback is period, default 10; period must be an integer >= 1', () => {
    expect(rocr100.lookback()).toBe(10);
    expect(() => rocr100(close, 0)).toThrow(RangeError);
    expect(() => rocr100(close, 0)).toThrow(/period/);
  });
});
