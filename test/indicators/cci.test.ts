import { describe, expect, it } from 'vitest';
import { cci } from '../../src/indicators/cci.js';
import { Cci } from '../../src/stream/index.js';
import { expectClose, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('cci', () => {
  it.each([2, 14, 20, 100])('matches TA-Lib CCI(%i)', (period) => {
    expectClose(cci(high, low, close, period), ta('CCI', { high, low, close }, { optInTimePeriod: period }).outReal!, 1e-9, `cci${period}`);
  });
  it('is 0 on a flat window', () => {
    const flat = new Float64Array(25).fill(3);
    expect(cci(flat, flat, flat)[24]).toBe(0);
  });
  // Issue 15 probe: 14 typical prices of 118.95470068 sum to an SMA an ulp off them, so the
  // deviation is rounding residue; TA-Lib 0.8.1 tests both the numerator and the mean
  // deviation against 1e-14 of |SMA| and gives 0 (hean gave +-66.67). The same at any scale,
  // a long series (the 16-bar lanes), the many-series lanes and the stream.
  it.each([1e-8, 1, 1e6])('is 0 on a flat window whose SMA is an ulp off its prices (scale %d)', (scale) => {
    const n = 60;
    const x = Float64Array.from({ length: n }, (_, i) => (i < 20 ? 100 + ((i * 7) % 5) : 118.95470068) * scale);
    const want = (v: number, i: number) => (i >= 33 ? 0 : v);
    const batch = cci(x, x, x, 14);
    expect(Array.from(batch.subarray(33))).toEqual(new Array(n - 33).fill(0));
    const long = new Float64Array(4000).fill(118.95470068 * scale);
    long.set(x.subarray(0, 20));
    expect(Array.from(cci(long, long, long, 14).subarray(33)).every((v) => v === 0)).toBe(true);
    const m = new Float64Array(9 * n);
    for (let j = 0; j < 9; j++) m.set(x, j * n);
    const many = cci.many(m, m, m, 9, 14);
    for (let j = 0; j < 9; j++) expect(Array.from(many.subarray(j * n, (j + 1) * n))).toEqual(Array.from(batch));
    const s = new Cci(14);
    expect(Array.from(x, (v) => s.update(v, v, v))).toEqual(Array.from(batch, want));
  });
  it('keeps a deviation above 1e-14 of the SMA (TA-Lib 0.8.1: 1e-14 of |SMA| is the band)', () => {
    // Two bars 3e-14 apart: the numerator is 1.5e-14 of the SMA, the mean deviation too.
    const x = [1, 1 + 3e-14];
    expect(Math.abs(cci(x, x, x, 2)[1]!)).toBeGreaterThan(60);
    const y = [1, 1 + 1.5e-14];
    expect(cci(y, y, y, 2)[1]).toBe(0);
  });
  it('hand-checked: tp 1,2,3 -> (3-2)/(0.015*2/3) = 100', () => {
    expect(cci([1, 2, 3], [1, 2, 3], [1, 2, 3], 3)[2]).toBeCloseTo(100, 12);
  });
  it('lookback is period - 1', () => expect(cci.lookback()).toBe(19));
});
