import { describe, expect, it } from 'vitest';
import { cpp, indicatorTable } from '../../src/core/indicator.js';
import { adx } from '../../src/indicators/adx.js';
import { expectClose, firstValid, sample, ta } from '../helpers.js';

const { high, low, close } = sample(5000);

describe('adx', () => {
  it.each([2, 5, 14, 40])('matches TA-Lib ADX, PLUS_DI, MINUS_DI, DX (%i)', (period) => {
    const r = adx(high, low, close, period);
    const o = { optInTimePeriod: period };
    expectClose(r.adx, ta('ADX', { high, low, close }, o).outReal!, 1e-9, 'adx');
    expectClose(r.plusDi, ta('PLUS_DI', { high, low, close }, o).outReal!, 1e-9, 'plusDi');
    expectClose(r.minusDi, ta('MINUS_DI', { high, low, close }, o).outReal!, 1e-9, 'minusDi');
    expectClose(r.dx, ta('DX', { high, low, close }, o).outReal!, 1e-9, 'dx');
  });
  it('per-output lookbacks: DIs and DX at period, ADX at 2*period-1', () => {
    const r = adx(high, low, close);
    expect(firstValid(r.plusDi)).toBe(14);
    expect(firstValid(r.minusDi)).toBe(14);
    expect(firstValid(r.dx)).toBe(14);
    expect(firstValid(r.adx)).toBe(27);
    const meta = indicatorTable().get('adx')!;
    const opts = new Float64Array([14]);
    expect([0, 1, 2, 3].map((k) => cpp().lookback(meta.id, opts, k))).toEqual([27, 14, 14, 14]);
  });
  it('degenerate bars: DIs 0, DX holds, ADX skips (TA-Lib rules)', () => {
    // Flat bars (TR exactly 0), then a narrowing range (TR > 0 but no directional
    // movement, so +DI + -DI = 0), then a trend, then a short flat stretch.
    const n = 160;
    const h = new Float64Array(n), l = new Float64Array(n), c = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let hi = 100, lo = 100;
      if (i >= 10 && i < 30) [hi, lo] = [110 - (i - 10) * 0.25, 90 + (i - 10) * 0.25];
      else if (i >= 30 && i < 100) [hi, lo] = [100 + (i - 30) + 1, 100 + (i - 30) - 1];
      else if (i >= 100) [hi, lo] = [170, 170];
      h[i] = hi;
      l[i] = lo;
      c[i] = (hi + lo) / 2;
    }
    // Stop before the smoothed TR of the last flat stretch decays into (1e-14, 1e-8),
    // where this TA-Lib build's zero test (1e-14) and ours (1e-8) disagree.
    const m = 140;
    const [hh, ll, cc] = [h, l, c].map((x) => x.subarray(0, m)) as [Float64Array, Float64Array, Float64Array];
    for (const period of [3, 5]) {
      const r = adx(hh, ll, cc, period);
      const o = { optInTimePeriod: period };
      const t = (name: string) => ta(name, { high: hh, low: ll, close: cc }, o).outReal!;
      expectClose(r.adx, t('ADX'), 1e-9, 'adx');
      expectClose(r.dx, t('DX'), 1e-9, 'dx');
      expectClose(r.plusDi, t('PLUS_DI'), 1e-9, 'plusDi');
      expectClose(r.minusDi, t('MINUS_DI'), 1e-9, 'minusDi');
      expect(r.plusDi[period]).toBe(0);
      expect(r.dx[period]).toBe(0);
    }
  });
});
