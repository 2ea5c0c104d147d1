import { describe, expect, it } from 'vitest';
import { htPhasor } from '../../src/indicators/htPhasor.js';
import { expectClose, firstValid, sample } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(3000);
const real = sample(800, 7).close;

describe('htPhasor', () => {
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 HT_PHASOR on long series, also with an unstable period', () => {
    const want = ta08([
      { fn: 'HT_PHASOR', inputs: { close } },
      { fn: 'HT_PHASOR', inputs: { close: real } },
      { fn: 'HT_PHASOR', inputs: { close }, unstable: 25 },
    ]);
    const runs = [htPhasor(close), htPhasor(real), htPhasor(close, { unstablePeriod: 25 })];
    runs.forEach((r, k) => {
      const outs = [r.inphase, r.quadrature];
      outs.forEach((o, j) => expectClose(o, want[k]![j]!, 1e-9, `htPhasor run ${k} output ${j}`));
      expect(firstValid(outs[0]!)).toBe(32 + (k === 2 ? 25 : 0));
    });
  });
  /** A pure cycle of 20 bars. */
  const wave = Float64Array.from({ length: 600 }, (_, i) => 100 + 5 * Math.sin((2 * Math.PI * i) / 20));
  it('hand-checked: on a pure cycle in-phase and quadrature are a quarter cycle apart', () => {
    const r = htPhasor(wave);
    // A 90-degree lag: quadrature(t) ~ in-phase(t + 5) up to sign, for a 20-bar cycle.
    let dot = 0, nq = 0, ni = 0;
    for (let i = 300; i < 590; i++) {
      dot += r.quadrature[i]! * r.inphase[i + 5]!;
      nq += r.quadrature[i]! ** 2;
      ni += r.inphase[i + 5]! ** 2;
    }
    expect(Math.abs(dot) / Math.sqrt(nq * ni)).toBeGreaterThan(0.95);
  });
  it('unstablePeriod must be an integer >= 0', () => {
    expect(() => htPhasor(close, { unstablePeriod: -1 })).toThrow(RangeError);
    expect(() => htPhasor(close, { unstablePeriod: 1.5 })).toThrow(/unstablePeriod/);
  });
});
