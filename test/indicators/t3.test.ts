import { describe, expect, it } from 'vitest';
import { t3 } from '../../src/indicators/t3.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(3000);

describe('t3', () => {
  it.each([
    [2, 0.7],
    [5, 0.7],
    [10, 0],
    [7, 1],
  ])('matches TA-Lib T3(%i, %f)', (period, vFactor) => {
    expectClose(t3(close, { period, vFactor }), ta('T3', { inReal: close }, { optInTimePeriod: period, optInVFactor: vFactor }).outReal!, 1e-9, `t3 ${period}`);
    expect(firstValid(t3(close, { period, vFactor }))).toBe(6 * (period - 1));
  });
  it.skipIf(!ref08.ok)('unstablePeriod equals TA-Lib 0.8 with TA_SetUnstablePeriod', () => {
    const want = ta08([{ fn: 'T3', inputs: { close }, params: { timeperiod: 5, vfactor: 0.7 }, unstable: 15 }]);
    const got = t3(close, { period: 5, unstablePeriod: 15 });
    expect(firstValid(got)).toBe(24 + 15);
    expectClose(got, want[0]![0]!, 1e-9, 't3 unstable');
  });
  it('hand-checked: a constant stays constant (c1+c2+c3+c4 = 1); period 1 copies', () => {
    const r = t3(new Float64Array(40).fill(7), { period: 3, vFactor: 0.7 });
    expect(firstValid(r)).toBe(12);
    for (let i = 12; i < 40; i++) expect(r[i]).toBeCloseTo(7, 12);
    expect(Array.from(t3([1, 2, 3], { period: 1 }))).toEqual([1, 2, 3]);
  });
  it('vFactor must be in [0, 1]; unstablePeriod an integer >= 0', () => {
    expect(() => t3(close, { vFactor: 1.5 })).toThrow(RangeError);
    expect(() => t3(close, { vFactor: 1.5 })).toThrow(/vFactor/);
    expect(() => t3(close, { unstablePeriod: -1 })).toThrow(/unstablePeriod/);
  });
});
