import { describe, expect, it } from 'vitest';
import { sma } from '../../src/indicators/sma.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('sma', () => {
  it('period 1 is the identity', () => expect(Array.from(sma(close, 1))).toEqual(Array.from(close)));
  it.each([2, 5, 20, 200])('matches TA-Lib SMA(%i)', (period) => {
    expectClose(sma(close, period), ta('SMA', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `sma${period}`);
  });
  it('hand-checked values', () => {
    expect(Array.from(sma([1, 2, 3, 4, 5], 3))).toEqual([NaN, NaN, 2, 3, 4]);
  });
  it('stays exact over a long series with a change of scale (periodic re-summation)', () => {
    const n = 200_000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = i < n / 2 ? 1e9 + (i % 7) : 0.001 * ((i % 5) + 1);
    const y = sma(x, 10);
    // The window of the last bar holds 0.001 * [1..5] twice: mean 0.003.
    let ref = 0;
    for (let i = n - 10; i < n; i++) ref += x[i]!;
    expect(Math.abs(y[n - 1]! - ref / 10)).toBeLessThan(1e-15);
  });
});
