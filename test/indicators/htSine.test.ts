import { describe, expect, it } from 'vitest';
import { htDcphase } from '../../src/indicators/htDcphase.js';
import { htSine } from '../../src/indicators/htSine.js';
import { expectClose, firstValid, sample } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(3000);
const real = sample(800, 7).close;

describe('htSine', () => {
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 HT_SINE on long series, also with an unstable period', () => {
    const want = ta08([
      { fn: 'HT_SINE', inputs: { close } },
      { fn: 'HT_SINE', inputs: { close: real } },
      { fn: 'HT_SINE', inputs: { close }, unstable: 25 },
    ]);
    const runs = [htSine(close), htSine(real), htSine(close, { unstablePeriod: 25 })];
    runs.forEach((r, k) => {
      const outs = [r.sine, r.leadsine];
      outs.forEach((o, j) => expectClose(o, want[k]![j]!, 1e-9, `htSine run ${k} output ${j}`));
      expect(firstValid(outs[0]!)).toBe(63 + (k === 2 ? 25 : 0));
    });
  });
  /** A pure cycle of 20 bars. */
  const wave = Float64Array.from({ length: 600 }, (_, i) => 100 + 5 * Math.sin((2 * Math.PI * i) / 20));
  it('hand-checked: sine and lead sine are sin(phase) and sin(phase + 45 degrees) of htDcphase', () => {
    const r = htSine(wave);
    const ph = htDcphase(wave);
    for (let i = 63; i < 600; i++) {
      expect(r.sine[i]).toBeCloseTo(Math.sin((ph[i]! * Math.PI) / 180), 12);
      expect(r.leadsine[i]).toBeCloseTo(Math.sin(((ph[i]! + 45) * Math.PI) / 180), 12);
    }
  });
  it('unstablePeriod must be an integer >= 0', () => {
    expect(() => htSine(close, { unstablePeriod: -1 })).toThrow(RangeError);
    expect(() => htSine(close, { unstablePeriod: 1.5 })).toThrow(/unstablePeriod/);
  });
});
