import { describe, expect, it } from 'vitest';
import { htTrendline } from '../../src/indicators/htTrendline.js';
import { expectClose, firstValid, sample } from '../helpers.js';
import { ref08, ta08 } from './ta08.js';

const { close } = sample(3000);
const real = sample(800, 7).close;

describe('htTrendline', () => {
  it.skipIf(!ref08.ok)('equals TA-Lib 0.8 HT_TRENDLINE on long series, also with an unstable period', () => {
    const want = ta08([
      { fn: 'HT_TRENDLINE', inputs: { close } },
      { fn: 'HT_TRENDLINE', inputs: { close: real } },
      { fn: 'HT_TRENDLINE', inputs: { close }, unstable: 25 },
    ]);
    const runs = [htTrendline(close), htTrendline(real), htTrendline(close, { unstablePeriod: 25 })];
    runs.forEach((r, k) => {
      const outs = [r];
      outs.forEach((o, j) => expectClose(o, want[k]![j]!, 1e-9, `htTrendline run ${k} output ${j}`));
      expect(firstValid(outs[0]!)).toBe(63 + (k === 2 ? 25 : 0));
    });
  });
  it('hand-checked: a straight line is followed with the lag of its averages', () => {
    const line = Float64Array.from({ length: 300 }, (_, i) => 10 + i);
    const r = htTrendline(line);
    // The mean over n bars lags (n - 1) / 2; the 4-3-2-1 weights add 1 bar of lag.
    for (let i = 100; i < 300; i++) expect(r[i]!).toBeLessThan(line[i]!);
    for (let i = 100; i < 300; i++) expect(r[i]!).toBeGreaterThan(line[i]! - 30);
  });
  it('unstablePeriod must be an integer >= 0', () => {
    expect(() => htTrendline(close, { unstablePeriod: -1 })).toThrow(RangeError);
    expect(() => htTrendline(close, { unstablePeriod: 1.5 })).toThrow(/unstablePeriod/);
  });
});
