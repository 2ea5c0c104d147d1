import { describe, expect, it } from 'vitest';
import { macd } from '../../src/indicators/macd.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('macd', () => {
  it.each([
    [12, 26, 9],
    [5, 35, 5],
    [3, 10, 2],
    [26, 12, 9], // swapped, as TA-Lib does
  ])('matches TA-Lib MACD(%i, %i, %i)', (fast, slow, signal) => {
    const r = macd(close, { fast, slow, signal });
    const t = ta('MACD', { inReal: close }, { optInFastPeriod: fast, optInSlowPeriod: slow, optInSignalPeriod: signal });
    expectClose(r.macd, t.outMACD!, 1e-9, 'macd');
    expectClose(r.signal, t.outMACDSignal!, 1e-9, 'signal');
    expectClose(r.histogram, t.outMACDHist!, 1e-9, 'histogram');
  });
  it('first value at index 33 for 12/26/9', () => {
    expect(firstValid(macd(close).macd)).toBe(33);
    expect(macd.lookback()).toBe(33);
  });
  it('writes into a given out object', () => {
    const out = { macd: new Float64Array(close.length), signal: new Float64Array(close.length), histogram: new Float64Array(close.length) };
    const r = macd(close, undefined, out);
    expect(r.macd).toBe(out.macd);
    expect(r.histogram).toBe(out.histogram);
  });
});
