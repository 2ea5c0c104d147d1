import { describe, expect, it } from 'vitest';
import { aroon } from '../../src/indicators/aroon.js';
import { expectClose, rng, sample, ta } from '../helpers.js';

const { high, low } = sample(5000);

describe('aroon', () => {
  it.each([2, 14, 25, 100])('matches TA-Lib AROON(%i)', (period) => {
    const r = aroon(high, low, period);
    const t = ta('AROON', { high, low }, { optInTimePeriod: period });
    expectClose(r.down, t.outAroonDown!, 1e-9, 'down');
    expectClose(r.up, t.outAroonUp!, 1e-9, 'up');
  });
  it('ties go to the most recent bar; window is period + 1 bars', () => {
    const h = [5, 5, 5, 5, 5];
    const r = aroon(h, h, 4);
    expect(r.up[4]).toBe(100);
    expect(r.down[4]).toBe(100);
    const r2 = aroon([9, 1, 2, 3, 4], [0, 1, 2, 3, 4], 4);
    expect(r2.up[4]).toBe(0); // highest high 4 bars ago, still in the window
    expect(r2.down[4]).toBe(0);
  });
  it.each([2, 3, 7, 14])('matches TA-Lib AROON(%i) on data full of ties', (period) => {
    const r = rng(5);
    const h = Float64Array.from({ length: 3000 }, () => 10 + Math.floor(r() * 4));
    const l = h.map((x) => x - 1 - Math.floor(r() * 3));
    const a = aroon(h, l, period);
    const t = ta('AROON', { high: h, low: l }, { optInTimePeriod: period });
    expectClose(a.down, t.outAroonDown!, 1e-12, 'down');
    expectClose(a.up, t.outAroonUp!, 1e-12, 'up');
  });
  it('lookback is period', () => expect(aroon.lookback()).toBe(14));
});
