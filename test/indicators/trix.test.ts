import { describe, expect, it } from 'vitest';
import { ema } from '../../src/indicators/ema.js';
import { roc } from '../../src/indicators/roc.js';
import { trix } from '../../src/indicators/trix.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('trix', () => {
  it.each([2, 5, 15, 30, 100])('matches TA-Lib TRIX(%i)', (period) => {
    expectClose(trix(close, period), ta('TRIX', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `trix${period}`);
  });
  it('period 1 is the 1-bar ROC (TA-Lib TRIX(1) returns garbage)', () => {
    expect(Array.from(trix(close, 1))).toEqual(Array.from(roc(close, 1)));
  });
  it('lookback is 3 * (period - 1) + 1, default period 15', () => {
    expect(trix.lookback()).toBe(43);
    expect(firstValid(trix(close, 4))).toBe(10);
  });
  it('is the 1-bar percent change of EMA(EMA(EMA))', () => {
    const p = 5;
    const e3 = ema(ema(ema(close, p).subarray(p - 1), p).subarray(p - 1), p);
    const y = trix(close, p);
    const lb = 3 * (p - 1);
    for (let i = lb + 1; i < 200; i++) {
      expect(y[i]).toBeCloseTo(100 * (e3[i - 2 * (p - 1)]! / e3[i - 1 - 2 * (p - 1)]! - 1), 10);
    }
  });
  it('is 0 after a zero triple EMA', () => {
    expect(Array.from(trix(new Float64Array(12), 3).subarray(7))).toEqual([0, 0, 0, 0, 0]);
  });
});
