import { describe, expect, it } from 'vitest';
import { ema } from '../../src/indicators/ema.js';
import { tema } from '../../src/indicators/tema.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('tema', () => {
  it('period 1 is the identity', () => expect(Array.from(tema(close, 1))).toEqual(Array.from(close)));
  it.each([2, 5, 20, 30, 100])('matches TA-Lib TEMA(%i)', (period) => {
    expectClose(tema(close, period), ta('TEMA', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `tema${period}`);
  });
  it('lookback is 3 * (period - 1), default period 20', () => {
    expect(tema.lookback()).toBe(3 * 19);
    expect(firstValid(tema(close, 7))).toBe(3 * 6);
  });
  it('is built from SMA-seeded EMAs of the EMA', () => {
    const p = 6;
    const e1 = ema(close, p);
    const e2 = ema(e1.subarray(p - 1), p);
    const e3 = ema(e2.subarray(p - 1), p);
    const y = tema(close, p);
    for (let i = 3 * (p - 1); i < 300; i++) {
      expect(y[i]).toBeCloseTo(3 * e1[i]! - 3 * e2[i - (p - 1)]! + e3[i - 2 * (p - 1)]!, 10);
    }
  });
});
