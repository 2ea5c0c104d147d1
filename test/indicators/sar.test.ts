import { describe, expect, it } from 'vitest';
import { sar } from '../../src/indicators/sar.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low } = sample(5000);

describe('sar', () => {
  it.each([
    [0.02, 0.2],
    [0.01, 0.1],
    [0.05, 0.5],
    [0.1, 0.1],
    [0.3, 0.2], // acceleration above the maximum is lowered to it
    [0, 0],
  ])('matches TA-Lib SAR(%f, %f)', (acceleration, maximum) => {
    const t = ta('SAR', { high, low }, { optInAcceleration: acceleration, optInMaximum: maximum }).outReal!;
    expectClose(sar(high, low, { acceleration, maximum }), t, 1e-9);
  });
  it('matches TA-Lib on both starting directions', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const s = sample(300, seed);
      const t = ta('SAR', { high: s.high, low: s.low }, { optInAcceleration: 0.02, optInMaximum: 0.2 }).outReal!;
      expectClose(sar(s.high, s.low), t, 1e-9, `seed ${seed}`);
    }
    // Explicit short start: bar 1's low falls more than its high rises.
    const h = [10, 9.8, 9, 8, 7.5, 9, 11, 12];
    const l = [9, 8, 7, 6.5, 6, 7, 9, 10.5];
    const t = ta('SAR', { high: Float64Array.from(h), low: Float64Array.from(l) }, { optInAcceleration: 0.02, optInMaximum: 0.2 }).outReal!;
    const r = sar(h, l);
    expectClose(r, t, 1e-12);
    expect(r[1]).toBe(10); // short start: sar = high[0]
  });
  it('lookback is 1', () => expect(sar.lookback()).toBe(1));
});
