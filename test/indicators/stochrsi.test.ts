import { describe, expect, it } from 'vitest';
import { stochrsi } from '../../src/indicators/stochrsi.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

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

// KAMA and MAMA are left out: %K saturates at 0 / 100 in flat stretches where kama.cpp's
// change sum keeps a residue TA-Lib's lacks, and MAMA's exact-zero tests flip on the
// 1e-15 differences of hean's RSI from TA-Lib's.
describe.skipIf(!ref08.ok)('stochrsi fastDMaType (TA-Lib MATypes but kama, mama; against TA-Lib 0.8)', () => {
  it.each([['ema', 1], ['wma', 2], ['dema', 3], ['tema', 4], ['trima', 5], ['t3', 8]] as const)('equals TA-Lib STOCHRSI(14, 14, 3 %s)', (fastDMaType, code) => {
    const [k, d] = ta08([{ fn: 'STOCHRSI', inputs: { close }, params: { timeperiod: 14, fastk_period: 14, fastd_period: 3, fastd_matype: code } }])[0]!;
    const r = stochrsi(close, { period: 14, fastK: 14, fastD: 3, fastDMaType });
    expectClose(r.k, k!, 1e-9, `k ${fastDMaType}`);
    expectClose(r.d, d!, 1e-9, `d ${fastDMaType}`);
    expect(firstValid(r.d)).toBe(firstValid(d!));
  });
});
