import { describe, expect, it } from 'vitest';
import { macd } from '../../src/indicators/macd.js';
import { macdfix } from '../../src/indicators/macdfix.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { close } = sample(2000);

describe('macdfix', () => {
  it.each([9, 5, 2])('matches TA-Lib MACDFIX(%i)', (signal) => {
    const r = macdfix(close, { signal });
    const w = ta('MACDFIX', { inReal: close }, { optInSignalPeriod: signal });
    expectClose(r.macd, w.outMACD!, 1e-9, 'macd');
    expectClose(r.signal, w.outMACDSignal!, 1e-9, 'signal');
    expectClose(r.histogram, w.outMACDHist!, 1e-9, 'hist');
    expect(firstValid(r.macd)).toBe(25 + signal - 1);
  });
  it('hand-checked: the fixed 0.15 / 0.075 smoothing differs from macd 12/26 (2/13, 2/27)', () => {
    const a = macdfix(close).macd;
    const b = macd(close).macd;
    expect(firstValid(a)).toBe(firstValid(b));
    expect(Math.abs(a[500]! - b[500]!)).toBeGreaterThan(1e-6);
  });
  it('signal must be an integer >= 1', () => {
    expect(() => macdfix(close, { signal: 0 })).toThrow(RangeError);
    expect(() => macdfix(close, { signal: 0 })).toThrow(/signal/);
  });
});
