import { describe, expect, it } from 'vitest';
import { htTrendmode } from '../../src/indicators/htTrendmode.js';
import { expectClose, firstValid, sample } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(3000);
const real = sample(800, 7).close;

describe('htTrendmode', () => {
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 HT_TRENDMODE on long series, also with an unstable period', () => {
    const want = ta08([
      { fn: 'HT_TRENDMODE', inputs: { close } },
      { fn: 'HT_TRENDMODE', inputs: { close: real } },
      { fn: 'HT_TRENDMODE', inputs: { close }, unstable: 25 },
    ]);
    const runs = [htTrendmode(close), htTrendmode(real), htTrendmode(close, { unstablePeriod: 25 })];
    runs.forEach((r, k) => {
      const outs = [r];
      outs.forEach((o, j) => expectClose(o, want[k]![j]!, 1e-9, `htTrendmode run ${k} output ${j}`));
      expect(firstValid(outs[0]!)).toBe(63 + (k === 2 ? 25 : 0));
    });
  });
  it('hand-checked: a steady rise is a trend, a pure cycle mostly not', () => {
    const line = Float64Array.from({ length: 300 }, (_, i) => 100 * 1.01 ** i);
    const t = htTrendmode(line);
    for (let i = 100; i < 300; i++) expect(t[i]).toBe(1);
    // Amplitude 0.5%: the smoothed price stays within 1.5% of the trendline.
    const wave = Float64Array.from({ length: 600 }, (_, i) => 100 + 0.5 * Math.sin((2 * Math.PI * i) / 20));
    const c = htTrendmode(wave);
    let cycle = 0;
    for (let i = 300; i < 600; i++) cycle += c[i] === 0 ? 1 : 0;
    expect(cycle).toBeGreaterThan(200);
  });
  it('unstablePeriod must be an integer >= 0', () => {
    expect(() => htTrendmode(close, { unstablePeriod: -1 })).toThrow(RangeError);
    expect(() => htTrendmode(close, { unstablePeriod: 1.5 })).toThrow(/unstablePeriod/);
  });
});
