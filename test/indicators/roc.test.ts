import { describe, expect, it } from 'vitest';
import { roc } from '../../src/indicators/roc.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('roc', () => {
  it.each([1, 2, 10, 100])('matches TA-Lib ROC(%i)', (period) => {
    expectClose(roc(close, period), ta('ROC', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `roc${period}`);
  });
  it('hand-checked values; 0 when the older value is 0', () => {
    expect(Array.from(roc([2, 0, 3, 4], 1))).toEqual([NaN, -100, 0, (4 / 3 - 1) * 100]);
  });
  it('lookback is period, default 10', () => expect(roc.lookback()).toBe(10));
});
