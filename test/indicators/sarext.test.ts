import { describe, expect, it } from 'vitest';
import { sar } from '../../src/indicators/sar.js';
import { sarext } from '../../src/indicators/sarext.js';
import { expectClose, sample, ta } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { high, low } = sample(3000);
const DEF = { startValue: 0, offsetOnReverse: 0, accelerationInitLong: 0.02, accelerationLong: 0.02, accelerationMaxLong: 0.2, accelerationInitShort: 0.02, accelerationShort: 0.02, accelerationMaxShort: 0.2 };
const CASES = [
  DEF,
  { ...DEF, accelerationInitLong: 0.01, accelerationLong: 0.03, accelerationMaxLong: 0.25, accelerationInitShort: 0.04, accelerationShort: 0.01, accelerationMaxShort: 0.1 },
  { ...DEF, offsetOnReverse: 0.01 },
  { ...DEF, startValue: 90 },
  { ...DEF, startValue: -120, accelerationInitShort: 0.5, accelerationMaxShort: 0.3 },
];
const taOpts = (o: typeof DEF) => ({
  optInStartValue: o.startValue, optInOffsetOnReverse: o.offsetOnReverse, optInAccelerationInitLong: o.accelerationInitLong, optInAccelerationLong: o.accelerationLong,
  optInAccelerationMaxLong: o.accelerationMaxLong, optInAccelerationInitShort: o.accelerationInitShort, optInAccelerationShort: o.accelerationShort, optInAccelerationMaxShort: o.accelerationMaxShort,
});

describe('sarext', () => {
  it.each(CASES.map((c, k) => [k, c] as const))('matches TA-Lib SAREXT (case %i)', (_, o) => {
    expectClose(sarext(high, low, o), ta('SAREXT', { high, low }, taOpts(o)).outReal!, 1e-9, 'sarext');
  });
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 SAREXT', () => {
    const want = ta08(CASES.map((o) => ({ fn: 'SAREXT', inputs: { high, low }, params: Object.fromEntries(Object.entries(taOpts(o)).map(([k, v]) => [k.replace(/^optIn/, '').toLowerCase(), v])) })));
    CASES.forEach((o, k) => expectClose(sarext(high, low, o), want[k]![0]!, 1e-9, `case ${k}`));
  });
  it('hand-checked: with the defaults |sarext| is sar, negative exactly while short', () => {
    const e = sarext(high, low);
    const s = sar(high, low, { acceleration: 0.02, maximum: 0.2 });
    expect(e[0]).toBeNaN();
    for (let i = 1; i < e.length; i++) {
      expect(Math.abs(e[i]!)).toBeCloseTo(s[i]!, 9);
      // Short: the SAR is above the bar's high (it is a stop above price).
      if (e[i]! < 0) expect(-e[i]!).toBeGreaterThanOrEqual(low[i]!);
      else expect(e[i]!).toBeLessThanOrEqual(high[i]!);
    }
  });
  it('factors must be >= 0', () => {
    expect(() => sarext(high, low, { accelerationLong: -0.1 })).toThrow(RangeError);
    expect(() => sarext(high, low, { accelerationLong: -0.1 })).toThrow(/accelerationLong/);
  });
});
