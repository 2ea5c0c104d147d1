import { describe, expect, it } from 'vitest';
import { mama } from '../../src/indicators/mama.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(3000);

describe('mama', () => {
  it.each([
    [0.5, 0.05],
    [0.3, 0.1],
  ])('matches TA-Lib MAMA(%f, %f)', (fastLimit, slowLimit) => {
    const r = mama(close, { fastLimit, slowLimit });
    const want = ta('MAMA', { inReal: close }, { optInFastLimit: fastLimit, optInSlowLimit: slowLimit });
    expectClose(r.mama, want.outMAMA!, 1e-9, 'mama');
    expectClose(r.fama, want.outFAMA!, 1e-9, 'fama');
    expect(firstValid(r.mama)).toBe(32);
  });
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8, also with an unstable period', () => {
    const w = ta08([
      { fn: 'MAMA', inputs: { close }, params: { fastlimit: 0.5, slowlimit: 0.05 } },
      { fn: 'MAMA', inputs: { close }, params: { fastlimit: 0.5, slowlimit: 0.05 }, unstable: 20 },
    ]);
    const r = mama(close);
    expectClose(r.mama, w[0]![0]!, 1e-9, 'mama');
    expectClose(r.fama, w[0]![1]!, 1e-9, 'fama');
    const u = mama(close, { unstablePeriod: 20 });
    expect(firstValid(u.mama)).toBe(52);
    expectClose(u.mama, w[1]![0]!, 1e-9, 'mama unstable');
    expectClose(u.fama, w[1]![1]!, 1e-9, 'fama unstable');
  });
  it('hand-checked: a constant series is converged on', () => {
    // With no cycle the phase is 0, so alpha = fastLimit every bar: mama -> c geometrically.
    const r = mama(new Float64Array(200).fill(50), { fastLimit: 0.5, slowLimit: 0.05 });
    expect(r.mama[199]).toBeCloseTo(50, 10);
    expect(r.fama[199]).toBeCloseTo(50, 8);
  });
  it('limits must be in [0.01, 0.99]', () => {
    expect(() => mama(close, { fastLimit: 1 })).toThrow(RangeError);
    expect(() => mama(close, { slowLimit: 0 })).toThrow(/slowLimit/);
  });
});
