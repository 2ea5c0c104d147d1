import { describe, expect, it } from 'vitest';
import { htDcphase } from '../../src/indicators/htDcphase.js';
import { expectClose, firstValid, sample } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(3000);
const real = sample(800, 7).close;

describe('htDcphase', () => {
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 HT_DCPHASE on long series, also with an unstable period', () => {
    const want = ta08([
      { fn: 'HT_DCPHASE', inputs: { close } },
      { fn: 'HT_DCPHASE', inputs: { close: real } },
      { fn: 'HT_DCPHASE', inputs: { close }, unstable: 25 },
    ]);
    const runs = [htDcphase(close), htDcphase(real), htDcphase(close, { unstablePeriod: 25 })];
    runs.forEach((r, k) => {
      const outs = [r];
      outs.forEach((o, j) => expectClose(o, want[k]![j]!, 1e-9, `htDcphase run ${k} output ${j}`));
      expect(firstValid(outs[0]!)).toBe(63 + (k === 2 ? 25 : 0));
    });
  });
  /** A pure cycle of 20 bars. */
  const wave = Float64Array.from({ length: 600 }, (_, i) => 100 + 5 * Math.sin((2 * Math.PI * i) / 20));
  it('hand-checked: on a pure 20-bar cycle the phase advances 18 degrees a bar', () => {
    const r = htDcphase(wave);
    for (let i = 450; i < 600; i++) {
      const d = (((r[i]! - r[i - 1]!) % 360) + 360) % 360;
      expect(Math.abs(d - 18)).toBeLessThan(3);
    }
  });
  it('unstablePeriod must be an integer >= 0', () => {
    expect(() => htDcphase(close, { unstablePeriod: -1 })).toThrow(RangeError);
    expect(() => htDcphase(close, { unstablePeriod: 1.5 })).toThrow(/unstablePeriod/);
  });
});
