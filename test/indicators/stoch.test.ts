import { describe, expect, it } from 'vitest';
import { stoch } from '../../src/indicators/stoch.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { high, low, close } = sample(5000);

describe('stoch', () => {
  it.each([
    [14, 3, 3],
    [5, 3, 3],
    [1, 1, 1],
    [9, 1, 4],
    [50, 10, 7],
  ])('matches TA-Lib STOCH(%i, %i, %i) with SMA smoothing', (fastK, slowK, slowD) => {
    const r = stoch(high, low, close, { fastK, slowK, slowD });
    const t = ta(
      'STOCH',
      { high, low, close },
      { optInFastK_Period: fastK, optInSlowK_Period: slowK, optInSlowK_MAType: 0, optInSlowD_Period: slowD, optInSlowD_MAType: 0 },
    );
    expectClose(r.k, t.outSlowK!, 1e-9, 'k');
    expectClose(r.d, t.outSlowD!, 1e-9, 'd');
  });
  it('lookback is fastK-1 + slowK-1 + slowD-1', () => {
    expect(stoch.lookback()).toBe(17);
    expect(firstValid(stoch(high, low, close).d)).toBe(17);
  });
  it('is 0 on a flat series and 100 on a close at the high', () => {
    const flat = new Float64Array(30).fill(7);
    expect(stoch(flat, flat, flat).k[29]).toBe(0);
    const up = Float64Array.from({ length: 30 }, (_, i) => i);
    expect(stoch(up, up, up).k[29]).toBe(100);
  });
});

// KAMA is left out: on %K's flat stretches (a saturated oscillator) kama.cpp's running sum
// of changes keeps a residue where TA-Lib's is 0, so the efficiency ratio differs (kama.cpp).
describe.skipIf(!ref08.ok)('stoch MA types (TA-Lib MATypes but kama, against TA-Lib 0.8)', () => {
  it.each([['ema', 'sma', 1, 0], ['wma', 'dema', 2, 3], ['tema', 'trima', 4, 5], ['t3', 't3', 8, 8], ['mama', 'ema', 7, 1]] as const)('equals TA-Lib STOCH(14, 3 %s, 3 %s)', (tk, td, ck, cd) => {
    const [k, d] = ta08([{ fn: 'STOCH', inputs: { high, low, close }, params: { fastk_period: 14, slowk_period: 3, slowk_matype: ck, slowd_period: 3, slowd_matype: cd } }])[0]!;
    const r = stoch(high, low, close, { fastK: 14, slowK: 3, slowD: 3, slowKMaType: tk, slowDMaType: td });
    expectClose(r.k, k!, 1e-9, `k ${tk}/${td}`);
    expectClose(r.d, d!, 1e-9, `d ${tk}/${td}`);
    expect(firstValid(r.k)).toBe(firstValid(k!));
  });
});
