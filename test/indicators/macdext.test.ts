import { describe, expect, it } from 'vitest';
import { macd } from '../../src/indicators/macd.js';
import { macdext } from '../../src/indicators/macdext.js';
import type { MaType } from '../../src/indicators/ma.js';
import { expectClose, expectSame, firstValid, sample, ta } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(2000);
const CODE: Record<MaType, number> = { sma: 0, ema: 1, wma: 2, dema: 3, tema: 4, trima: 5, kama: 6, mama: 7, t3: 8 };
const CASES: [number, MaType, number, MaType, number, MaType][] = [
  [12, 'sma', 26, 'sma', 9, 'sma'],
  [12, 'ema', 26, 'ema', 9, 'ema'],
  [5, 'ema', 20, 'dema', 7, 'wma'],
  [8, 'kama', 21, 't3', 4, 'tema'],
  [10, 'trima', 30, 'ema', 6, 'kama'],
  [26, 'wma', 12, 'ema', 9, 'dema'],
  [3, 't3', 10, 'sma', 5, 'ema'],
];

describe('macdext', () => {
  it('matches TA-Lib MACDEXT (npm talib) with mixed types', () => {
    for (const [fast, ft, slow, st, signal, gt] of CASES) {
      const r = macdext(close, { fast, fastMaType: ft, slow, slowMaType: st, signal, signalMaType: gt });
      const w = ta('MACDEXT', { inReal: close }, {
        optInFastPeriod: fast, optInFastMAType: CODE[ft], optInSlowPeriod: slow, optInSlowMAType: CODE[st], optInSignalPeriod: signal, optInSignalMAType: CODE[gt],
      });
      const label = `${fast}${ft}/${slow}${st}/${signal}${gt}`;
      expectClose(r.macd, w.outMACD!, 1e-9, `${label} macd`);
      expectClose(r.signal, w.outMACDSignal!, 1e-9, `${label} signal`);
      expectClose(r.histogram, w.outMACDHist!, 1e-9, `${label} hist`);
    }
  });
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 MACDEXT, MAMA included', () => {
    const cases: typeof CASES = [...CASES, [12, 'mama', 26, 'sma', 9, 'ema'], [12, 'sma', 26, 'ema', 9, 'mama']];
    const want = ta08(cases.map(([fast, ft, slow, st, signal, gt]) => ({
      fn: 'MACDEXT', inputs: { close }, params: { fastperiod: fast, fastmatype: CODE[ft], slowperiod: slow, slowmatype: CODE[st], signalperiod: signal, signalmatype: CODE[gt] },
    })));
    cases.forEach(([fast, ft, slow, st, signal, gt], k) => {
      const r = macdext(close, { fast, fastMaType: ft, slow, slowMaType: st, signal, signalMaType: gt });
      [r.macd, r.signal, r.histogram].forEach((o, j) => expectClose(o, want[k]![j]!, 1e-9, `case ${k} output ${j}`));
    });
  });
  it('hand-checked: three EMAs are exactly macd; SMA lookback is slow - 1 + signal - 1', () => {
    const e = macdext(close, { fastMaType: 'ema', slowMaType: 'ema', signalMaType: 'ema' });
    const m = macd(close);
    expectSame(e.macd, m.macd);
    expectSame(e.signal, m.signal);
    expect(firstValid(macdext(close).macd)).toBe(25 + 8);
  });
  it('bad options name the option', () => {
    expect(() => macdext(close, { signal: 0 })).toThrow(/signal/);
    expect(() => macdext(close, { fastMaType: 'x' as MaType })).toThrow(/fastMaType/);
  });
});
