import { describe, expect, it } from 'vitest';
import { ma, type MaType } from '../../src/indicators/ma.js';
import { sma } from '../../src/indicators/sma.js';
import { expectClose, expectSame, firstValid, sample, ta } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(2000);
const TYPES: MaType[] = ['sma', 'ema', 'wma', 'dema', 'tema', 'trima', 'kama', 'mama', 't3'];

describe('ma', () => {
  it.each(TYPES.map((t, code) => [t, code] as const))('matches TA-Lib MA(matype %s) to 1e-9 with its lookback', (maType, code) => {
    for (const period of [2, 10, 30]) {
      const want = ta('MA', { inReal: close }, { optInTimePeriod: period, optInMAType: code }).outReal!;
      const got = ma(close, { period, maType });
      expectClose(got, want, 1e-9, `ma ${maType} ${period}`);
      expect(firstValid(got)).toBe(firstValid(want));
    }
  });
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 MA for every type', () => {
    const want = ta08(TYPES.map((_, code) => ({ fn: 'MA', inputs: { close }, params: { timeperiod: 14, matype: code } })));
    TYPES.forEach((maType, k) => expectClose(ma(close, { period: 14, maType }), want[k]![0]!, 1e-9, `ma ${maType}`));
  });
  it('hand-checked: sma of 1..4 over 2 bars; period 1 copies for every type', () => {
    expect(Array.from(ma([1, 2, 3, 4], { period: 2 }))).toEqual([NaN, 1.5, 2.5, 3.5]);
    for (const maType of TYPES) expect(Array.from(ma([3, 1, 2], { period: 1, maType }))).toEqual([3, 1, 2]);
    expectSame(ma(close, { period: 20, maType: 'sma' }), sma(close, 20));
  });
  it('maType must be one of the TA-Lib types', () => {
    expect(() => ma(close, { maType: 'hull' as MaType })).toThrow(/maType/);
    expect(() => ma(close, { period: 0 })).toThrow(RangeError);
  });
});
