import { describe, expect, it } from 'vitest';
import { donchian } from '../../src/indicators/donchian.js';
import { expectClose, rng, sample, ta } from '../helpers.js';

const { high, low } = sample(5000);

describe('donchian', () => {
  it.each([1, 2, 20, 55, 300])('upper/lower match TA-Lib MAX(high)/MIN(low) (%i)', (period) => {
    const r = donchian(high, low, period);
    const hi = period > 1 ? ta('MAX', { inReal: high }, { optInTimePeriod: period }).outReal! : high;
    const lo = period > 1 ? ta('MIN', { inReal: low }, { optInTimePeriod: period }).outReal! : low;
    expectClose(r.upper, hi, 0, 'upper');
    expectClose(r.lower, lo, 0, 'lower');
    expectClose(r.middle, hi.map((h, i) => (h + lo[i]!) / 2), 0, 'middle');
  });
  it('matches a brute-force window on random data', () => {
    const r = rng(9);
    const h = Float64Array.from({ length: 1000 }, () => Math.floor(r() * 50));
    const l = h.map((x) => x - Math.floor(r() * 5));
    for (const p of [3, 7, 16]) {
      const d = donchian(h, l, p);
      for (let i = p - 1; i < h.length; i++) {
        expect(d.upper[i]).toBe(Math.max(...h.subarray(i - p + 1, i + 1)));
        expect(d.lower[i]).toBe(Math.min(...l.subarray(i - p + 1, i + 1)));
      }
    }
  });
  it('lookback is period - 1', () => expect(donchian.lookback()).toBe(19));
});
