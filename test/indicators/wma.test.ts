import { describe, expect, it } from 'vitest';
import { wma } from '../../src/indicators/wma.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('wma', () => {
  it('period 1 is the identity', () => expect(Array.from(wma(close, 1))).toEqual(Array.from(close)));
  it.each([2, 5, 20, 30, 200])('matches TA-Lib WMA(%i)', (period) => {
    expectClose(wma(close, period), ta('WMA', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `wma${period}`);
  });
  it('hand-checked values', () => {
    // (1*1 + 2*2 + 3*3)/6, (1*2 + 2*3 + 3*4)/6, ...
    expect(Array.from(wma([1, 2, 3, 4, 10], 3))).toEqual([NaN, NaN, 14 / 6, 20 / 6, 41 / 6]);
  });
  it('lookback is period - 1, default period 20', () => {
    expect(wma.lookback()).toBe(19);
    expect(wma.lookback({ period: 5 })).toBe(4);
  });
  it('stays exact over a long series with a change of scale (periodic re-summation)', () => {
    const n = 100_000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = i < n / 2 ? 1e9 + (i % 7) : 0.001 * ((i % 5) + 1);
    const p = 10;
    const y = wma(x, p);
    let ref = 0;
    for (let j = 1; j <= p; j++) ref += j * x[n - p - 1 + j]!;
    ref /= (p * (p + 1)) / 2;
    expect(Math.abs(y[n - 1]! - ref)).toBeLessThan(1e-15);
  });
});
