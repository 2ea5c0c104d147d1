import { describe, expect, it } from 'vitest';
import { stochf } from '../../src/indicators/stochf.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('stochf', () => {
  it.each([
    [5, 3],
    [14, 3],
    [1, 1],
    [9, 6],
  ])('matches TA-Lib STOCHF(%i, %i)', (fastK, fastD) => {
    const r = stochf(high, low, close, { fastK, fastD });
    const t = ta('STOCHF', { high, low, close }, { optInFastK_Period: fastK, optInFastD_Period: fastD, optInFastD_MAType: 0 });
    expectClose(r.k, t.outFastK!, 1e-9, 'k');
    expectClose(r.d, t.outFastD!, 1e-9, 'd');
  });
  it('hand-checked values: %K of the window, %D its mean', () => {
    const r = stochf([2, 4, 4, 5], [0, 1, 2, 3], [1, 3, 2, 5], { fastK: 2, fastD: 2 });
    // %K: bar 1 (3 - 0) / (4 - 0) = 75, bar 2 (2 - 1) / (4 - 1) = 33.3, bar 3 (5 - 2) / (5 - 2) = 100.
    expect(Number.isNaN(r.k[1]!)).toBe(true);
    expect(r.k[2]).toBeCloseTo(100 / 3, 12);
    expect(r.k[3]).toBe(100);
    expect(r.d[2]).toBeCloseTo((75 + 100 / 3) / 2, 12);
    expect(stochf.lookback()).toBe(6);
  });
  it('options must be integers >= 1', () => {
    expect(() => stochf(high, low, close, { fastK: 0 })).toThrow(RangeError);
    expect(() => stochf(high, low, close, { fastD: 1.5 })).toThrow(/fastD/);
  });
});
