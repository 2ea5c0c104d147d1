import { describe, expect, it } from 'vitest';
import { bbands } from '../../src/indicators/bbands.js';
import { expectClose, sample, ta } from '../helpers.js';

const { close } = sample(5000);

describe('bbands', () => {
  it.each([
    [20, 2],
    [5, 1.5],
    [50, 3],
  ])('matches TA-Lib BBANDS(%i, %f)', (period, stdDev) => {
    const r = bbands(close, { period, stdDev });
    const t = ta('BBANDS', { inReal: close }, { optInTimePeriod: period, optInNbDevUp: stdDev, optInNbDevDn: stdDev, optInMAType: 0 });
    expectClose(r.upper, t.outRealUpperBand!, 1e-9, 'upper');
    expectClose(r.middle, t.outRealMiddleBand!, 1e-9, 'middle');
    expectClose(r.lower, t.outRealLowerBand!, 1e-9, 'lower');
  });
  it('hand-checked: [1,2,3] population sd = sqrt(2/3)', () => {
    const r = bbands([1, 2, 3], { period: 3, stdDev: 1 });
    expect(r.middle[2]).toBe(2);
    expect(r.upper[2]).toBeCloseTo(2 + Math.sqrt(2 / 3), 14);
  });
  it('stays accurate at large prices', () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => 1e9 + (i % 2));
    const r = bbands(x, { period: 20, stdDev: 1 });
    expect(r.upper[4999]! - r.middle[4999]!).toBeCloseTo(0.5, 9);
  });
});

describe('bbands maType (every TA-Lib MAType)', () => {
  it.each([['ema', 1], ['wma', 2], ['dema', 3], ['tema', 4], ['trima', 5], ['kama', 6], ['mama', 7], ['t3', 8]] as const)('matches TA-Lib BBANDS(20, 2, %s)', (maType, code) => {
    const w = ta('BBANDS', { inReal: close }, { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: code });
    const r = bbands(close, { period: 20, stdDev: 2, maType });
    expectClose(r.upper, w.outRealUpperBand!, 1e-9, `upper ${maType}`);
    expectClose(r.middle, w.outRealMiddleBand!, 1e-9, `middle ${maType}`);
    expectClose(r.lower, w.outRealLowerBand!, 1e-9, `lower ${maType}`);
  });
});
