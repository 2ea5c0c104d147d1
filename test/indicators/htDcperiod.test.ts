import { describe, expect, it } from 'vitest';
import { htDcperiod } from '../../src/indicators/htDcperiod.js';
import { expectClose, firstValid, sample } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(3000);
const real = sample(800, 7).close;

describe('htDcperiod', () => {
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 HT_DCPERIOD on long series, also with an unstable period', () => {
    const want = ta08([
      { fn: 'HT_DCPERIOD', inputs: { close } },
      { fn: 'HT_DCPERIOD', inputs: { close: real } },
      { fn: 'HT_DCPERIOD', inputs: { close }, unstable: 25 },
    ]);
    const runs = [htDcperiod(close), htDcperiod(real), htDcperiod(close, { unstablePeriod: 25 })];
    runs.forEach((r, k) => {
      const outs = [r];
      outs.forEach((o, j) => expectClose(o, want[k]![j]!, 1e-9, `htDcperiod run ${k} output ${j}`));
      expect(firstValid(outs[0]!)).toBe(32 + (k === 2 ? 25 : 0));
    });
  });
  /** A pure cycle of 20 bars. */
  const wave = Float64Array.from({ length: 600 }, (_, i) => 100 + 5 * Math.sin((2 * Math.PI * i) / 20));
  it('hand-checked: finds the period of a pure 20-bar cycle', () => {
    const r = htDcperiod(wave);
    for (let i = 400; i < 600; i++) expect(Math.abs(r[i]! - 20)).toBeLessThan(1);
  });
  it('unstablePeriod must be an integer >= 0', () => {
    expect(() => htDcperiod(close, { unstablePeriod: -1 })).toThrow(RangeError);
    expect(() => htDcperiod(close, { unstablePeriod: 1.5 })).toThrow(/unstablePeriod/);
  });
});
