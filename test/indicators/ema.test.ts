import { describe, expect, it } from 'vitest';
import { ema } from '../../src/indicators/ema.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('ema', () => {
  it('period 1 is the identity', () => expect(Array.from(ema(close, 1))).toEqual(Array.from(close)));
  it.each([2, 5, 20, 50, 200])('matches TA-Lib EMA(%i)', (period) => {
    expectClose(ema(close, period), ta('EMA', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `ema${period}`);
  });
  it('defaults to period 20 and is SMA-seeded', () => {
    const x = Float64Array.from({ length: 25 }, (_, i) => i + 1);
    const y = ema(x);
    expect(y[18]).toBeNaN();
    expect(y[19]).toBe(10.5); // mean of 1..20
    const k = 2 / 21;
    expect(y[20]).toBeCloseTo(10.5 * (1 - k) + 21 * k, 12);
  });
  it('lookback is period - 1', () => {
    expect(ema.lookback(20)).toBe(19);
    expect(ema.lookback({ period: 1 })).toBe(0);
  });
});
