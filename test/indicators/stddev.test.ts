import { describe, expect, it } from 'vitest';
import { stddev } from '../../src/indicators/stddev.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

/** Two-pass population standard deviation of each window: the exact reference. */
function exact(x: Float64Array, p: number, nb: number): Float64Array {
  const y = new Float64Array(x.length).fill(NaN);
  for (let i = p - 1; i < x.length; i++) {
    let m = 0;
    for (let j = i - p + 1; j <= i; j++) m += x[j]!;
    m /= p;
    let v = 0;
    for (let j = i - p + 1; j <= i; j++) v += (x[j]! - m) ** 2;
    y[i] = Math.sqrt(v / p) * nb;
  }
  return y;
}

describe('stddev', () => {
  it.each([
    [5, 1],
    [20, 2],
    [100, 1],
  ])('matches the exact two-pass value and TA-Lib STDDEV(%i, %f)', (period, nbDev) => {
    const ours = stddev(close, { period, nbDev });
    expectClose(ours, exact(close, period, nbDev), 1e-10);
    // TA-Lib's one-pass E[x^2] - E[x]^2 loses ~1e-8 on small deviations at price ~100;
    // ours is within 1e-9 of TA-Lib wherever TA-Lib itself is that close to exact.
    const t = ta('STDDEV', { inReal: close }, { optInTimePeriod: period, optInNbDev: nbDev }).outReal!;
    const ex = exact(close, period, nbDev);
    let compared = 0;
    for (let i = 0; i < t.length; i++) {
      if (Number.isNaN(t[i]!)) {
        expect(ours[i]).toBeNaN();
        continue;
      }
      if (Math.abs(t[i]! - ex[i]!) > 1e-9) continue;
      expect(Math.abs(ours[i]! - t[i]!)).toBeLessThanOrEqual(2e-9);
      compared++;
    }
    expect(compared).toBeGreaterThan(t.length * 0.9);
  });
  it('is exact for a constant series', () => {
    expect(stddev(new Float64Array(30).fill(123.456), 10)[29]).toBe(0);
  });
});
