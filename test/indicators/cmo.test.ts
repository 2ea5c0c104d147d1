import { describe, expect, it } from 'vitest';
import { cmo } from '../../src/indicators/cmo.js';
import { rsi } from '../../src/indicators/rsi.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('cmo', () => {
  it.each([2, 9, 14, 50])('matches TA-Lib CMO(%i)', (period) => {
    expectClose(cmo(close, period), ta('CMO', { inReal: close }, { optInTimePeriod: period }).outReal!, 1e-9, `cmo${period}`);
  });
  it('is 2 * RSI - 100 (same smoothing)', () => {
    const r = rsi(close, 14);
    const c = cmo(close, 14);
    for (let i = 14; i < 500; i++) expect(c[i]).toBeCloseTo(2 * r[i]! - 100, 9);
  });
  it('is 0 for a flat series, 100 rising, -100 falling', () => {
    expect(cmo(new Float64Array(20).fill(5), 14)[19]).toBe(0);
    expect(cmo(Float64Array.from({ length: 20 }, (_, i) => i), 14)[19]).toBe(100);
    expect(cmo(Float64Array.from({ length: 20 }, (_, i) => -i), 14)[19]).toBe(-100);
  });
  it('lookback is period, default 14', () => expect(cmo.lookback()).toBe(14));
});
