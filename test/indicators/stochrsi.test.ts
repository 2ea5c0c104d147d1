import { describe, expect, it } from 'vitest';
import { stochrsi } from '../../src/indicators/stochrsi.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('stochrsi', () => {
  it.each([
    [14, 14, 3],
    [14, 5, 3],
    [2, 1, 1],
    [9, 20, 5],
  ])('matches TA-Lib STOCHRSI(%i, %i, %i) with an SMA %D', (period, fastK, fastD) => {
    const r = stochrsi(close, { period, fastK, fastD });
    const t = ta('STOCHRSI', { inReal: close }, { optInTimePeriod: period, optInFastK_Period: fastK, optInFastD_Period: fastD, optInFastD_MAType: 0 });
    expectClose(r.k, t.outFastK!, 1e-9, 'k');
    expectClose(r.d, t.outFastD!, 1e-9, 'd');
  });
  it('lookback is period + fastK-1 + fastD-1', () => {
    expect(stochrsi.lookback()).toBe(29);
    expect(firstValid(stochrsi(close).k)).toBe(29);
  });
});

describe('stochrsi fastDMaType (every TA-Lib MAType)', () => {
  it.each([['ema', 1], ['wma', 2], ['dema', 3], ['tema', 4], ['trima', 5], ['kama', 6], ['mama', 7], ['t3', 8]] as const)('matches TA-Lib STOCHRSI(14, 14, 3 %s)', (fastDMaType, code) => {
    const w = ta('STOCHRSI', { inReal: close }, { optInTimePeriod: 14, optInFastK_Period: 14, optInFastD_Period: 3, optInFastD_MAType: code });
    const r = stochrsi(close, { period: 14, fastK: 14, fastD: 3, fastDMaType });
    expectClose(r.k, w.outFastK!, 1e-9, `k ${fastDMaType}`);
    expectClose(r.d, w.outFastD!, 1e-9, `d ${fastDMaType}`);
    expect(firstValid(r.d)).toBe(firstValid(w.outFastD!));
  });
});
