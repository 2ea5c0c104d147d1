import { describe, expect, it } from 'vitest';
import { accbands } from '../../src/indicators/accbands.js';
import { sma } from '../../src/indicators/sma.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('accbands', () => {
  it.each([2, 10, 20, 60])('matches TA-Lib ACCBANDS(%i)', (period) => {
    const r = accbands(high, low, close, period);
    const t = ta('ACCBANDS', { high, low, close }, { optInTimePeriod: period });
    expectClose(r.upper, t.outRealUpperBand!, 1e-9, 'upper');
    expectClose(r.middle, t.outRealMiddleBand!, 1e-9, 'middle');
    expectClose(r.lower, t.outRealLowerBand!, 1e-9, 'lower');
  });
  it('hand-checked values: the middle band is the SMA of the close', () => {
    // high 3, low 1: factor 4 * 2 / 4 = 2, so upper term 3 * 3 = 9, lower term 1 * -1 = -1.
    const r = accbands([3, 3], [1, 1], [2, 4], 2);
    expect([r.upper[1], r.middle[1], r.lower[1]]).toEqual([9, 3, -1]);
    expectClose(accbands(high, low, close, 20).middle, sma(close, 20), 1e-12, 'middle = sma');
  });
  it('lookback period - 1, default 20; period must be an integer >= 2', () => {
    expect(accbands.lookback()).toBe(19);
    expect(() => accbands(high, low, close, 1)).toThrow(RangeError);
  });
});
