import { describe, expect, it } from 'vitest';
import { ema } from '../../src/indicators/ema.js';
import { dema } from '../../src/indicators/dema.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('dema', () => {
  it('period 1 is the identity', () => expect(Array.from(dema(close, 1))).toEqual(Array.from(close)));
  it.each([2, 5, 20, 30, 100])('matches TA-Lib DEMA(%i)', (period) => {
    expectClose(dema(close, period), ta('DEMA', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `dema${period}`);
  });
  it('lookback is 2 * (period - 1), default period 20', () => {
    expect(dema.lookback()).toBe(2 * 19);
    expect(firstValid(dema(close, 7))).toBe(2 * 6);
  });
  it('is built from SMA-seeded EMAs of the EMA', () => {
    const p = 6;
    const e1 = ema(close, p);
    const e2 = ema(e1.subarray(p - 1), p);
    const y = dema(close, p);
    for (let i = 2 * (p - 1); i < 300; i++) expect(y[i]).toBeCloseTo(2 * e1[i]! - e2[i - (p - 1)]!, 10);
  });
});
