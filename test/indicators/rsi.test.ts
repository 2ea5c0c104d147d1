import { describe, expect, it } from 'vitest';
import { rsi } from '../../src/indicators/rsi.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('rsi', () => {
  it.each([2, 14, 50])('matches TA-Lib RSI(%i)', (period) => {
    expectClose(rsi(close, period), ta('RSI', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `rsi${period}`);
  });
  it('is 0 for a flat series and 100 for a rising one', () => {
    expect(rsi(new Float64Array(20).fill(5), 14)[19]).toBe(0);
    expect(rsi(Float64Array.from({ length: 20 }, (_, i) => i), 14)[19]).toBe(100);
  });
  it('lookback is period', () => expect(rsi.lookback()).toBe(14));
});
