import { describe, expect, it } from 'vitest';
import { kama } from '../../src/indicators/kama.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { close } = sample(5000);

/** Straightforward KAMA with any fast/slow, seeded as TA-Lib. */
function reference(x: Float64Array, p: number, fast: number, slow: number): Float64Array {
  const y = new Float64Array(x.length).fill(NaN);
  const fk = 2 / (fast + 1);
  const sk = 2 / (slow + 1);
  let k = x[p - 1]!;
  for (let i = p; i < x.length; i++) {
    let sum = 0;
    for (let j = i - p + 1; j <= i; j++) sum += Math.abs(x[j]! - x[j - 1]!);
    const roc = x[i]! - x[i - p]!;
    const er = sum <= roc || Math.abs(sum) < 1e-8 ? 1 : Math.abs(roc / sum);
    const sc = (er * (fk - sk) + sk) ** 2;
    k = (x[i]! - k) * sc + k;
    y[i] = k;
  }
  return y;
}

describe('kama', () => {
  it.each([2, 10, 30, 100])('matches TA-Lib KAMA(%i)', (period) => {
    expectClose(kama(close, period), ta('KAMA', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `kama${period}`);
  });
  it.each([
    [10, 3, 20],
    [5, 1, 60],
  ])('other fast/slow constants match the reference (%i, %i, %i)', (period, fast, slow) => {
    expectClose(kama(close, { period, fast, slow }), reference(close, period, fast, slow), 1e-10);
  });
  it('defaults: period 10, first value at index 10', () => {
    expect(kama.lookback()).toBe(10);
    expect(firstValid(kama(close))).toBe(10);
    expectClose(kama(close), ta('KAMA', { inReal: close }, { optInTimePeriod: 10 }).outReal!, 1e-9);
  });
  it('a flat series stays flat; a straight line uses the fast constant', () => {
    expect(Array.from(kama(new Float64Array(15).fill(3), 10).subarray(10))).toEqual([3, 3, 3, 3, 3]);
    const line = Float64Array.from({ length: 12 }, (_, i) => i);
    const sc = (2 / 3) ** 2;
    expect(kama(line, 10)[10]).toBeCloseTo(9 + (10 - 9) * sc, 14);
  });
});
