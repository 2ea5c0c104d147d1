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
