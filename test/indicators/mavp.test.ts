import { describe, expect, it } from 'vitest';
import { ma, type MaType } from '../../src/indicators/ma.js';
import { mavp } from '../../src/indicators/mavp.js';
import { expectClose, expectSame, firstValid, rng, sample, ta } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(1500);
const r = rng(5);
const periods = Float64Array.from(close, () => 1 + r() * 45);
const CODE: Record<MaType, number> = { sma: 0, ema: 1, wma: 2, dema: 3, tema: 4, trima: 5, kama: 6, mama: 7, t3: 8 };

describe('mavp', () => {
  it.each(['sma', 'ema', 'wma', 'dema', 'kama', 't3'] as MaType[])('matches TA-Lib MAVP(5, 30, %s)', (maType) => {
    const want = ta('MAVP', { inReal: close, inPeriods: periods }, { optInMinPeriod: 5, optInMaxPeriod: 30, optInMAType: CODE[maType] }).outReal!;
    const got = mavp(close, periods, { minPeriod: 5, maxPeriod: 30, maType });
    expectClose(got, want, 1e-9, `mavp ${maType}`);
    expect(firstValid(got)).toBe(firstValid(want));
  });
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 MAVP (trima, tema, mama too)', () => {
    const types: MaType[] = ['trima', 'tema', 'mama', 'sma'];
    const want = ta08(types.map((t) => ({ fn: 'MAVP', inputs: { close, periods }, params: { minperiod: 2, maxperiod: 40, matype: CODE[t] } })));
    types.forEach((maType, k) => expectClose(mavp(close, periods, { minPeriod: 2, maxPeriod: 40, maType }), want[k]![0]!, 1e-9, `mavp ${maType}`));
  });
  it('hand-checked: one period throughout is ma of that period', () => {
    const p30 = new Float64Array(close.length).fill(30);
    expectSame(mavp(close, p30, { minPeriod: 2, maxPeriod: 30, maType: 'ema' }), ma(close, { period: 30, maType: 'ema' }));
    // Periods below minPeriod are raised to it, above maxPeriod lowered (truncated first).
    const low = new Float64Array(close.length).fill(2.9);
    expectSame(mavp(close, low, { minPeriod: 10, maxPeriod: 10 }), ma(close, { period: 10 }));
  });
  it('minPeriod must not exceed maxPeriod', () => {
    expect(() => mavp(close, periods, { minPeriod: 20, maxPeriod: 10 })).toThrow(RangeError);
    expect(() => mavp(close, periods, { minPeriod: 20, maxPeriod: 10 })).toThrow(/minPeriod/);
  });
});
