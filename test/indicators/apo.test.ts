import { describe, expect, it } from 'vitest';
import { apo } from '../../src/indicators/apo.js';
import type { MaType } from '../../src/indicators/ma.js';
import { sma } from '../../src/indicators/sma.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(2000);
const TYPES: MaType[] = ['sma', 'ema', 'wma', 'dema', 'tema', 'trima', 'kama', 'mama', 't3'];

describe('apo', () => {
  it.each(TYPES.map((t, code) => [t, code] as const))('matches TA-Lib APO(12, 26, %s)', (maType, code) => {
    const want = ta('APO', { inReal: close }, { optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: code }).outReal!;
    const got = apo(close, { fast: 12, slow: 26, maType });
    expectClose(got, want, 1e-9, `apo ${maType}`);
    expect(firstValid(got)).toBe(firstValid(want));
  });
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 APO (fast > slow swapped)', () => {
    const w = ta08([
      { fn: 'APO', inputs: { close }, params: { fastperiod: 5, slowperiod: 20, matype: 3 } },
      { fn: 'APO', inputs: { close }, params: { fastperiod: 20, slowperiod: 5, matype: 1 } },
    ]);
    expectClose(apo(close, { fast: 5, slow: 20, maType: 'dema' }), w[0]![0]!, 1e-9, 'apo dema');
    expectClose(apo(close, { fast: 20, slow: 5, maType: 'ema' }), w[1]![0]!, 1e-9, 'apo swapped');
  });
  it('hand-checked: the sma type is sma(fast) - sma(slow)', () => {
    const r = apo(close, { fast: 3, slow: 7 });
    const f = sma(close, 3);
    const s = sma(close, 7);
    for (let i = 6; i < 50; i++) expect(r[i]).toBeCloseTo(f[i]! - s[i]!, 12);
  });
  it('bad options name the option', () => {
    expect(() => apo(close, { fast: 1 })).toThrow(/fast/);
    expect(() => apo(close, { maType: 'zz' as MaType })).toThrow(/maType/);
  });
});
