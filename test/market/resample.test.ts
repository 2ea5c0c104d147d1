import { describe, expect, it } from 'vitest';
import { resample, resampleBars } from '../../src/market/resample.js';
import { expectSame, rng } from '../helpers.js';

function ticks(n: number, seed = 1, start = Date.UTC(2026, 0, 1)) {
  const r = rng(seed);
  const ts = new Float64Array(n);
  const px = new Float64Array(n);
  const vol = new Float64Array(n);
  let t = start;
  let p = 100;
  for (let i = 0; i < n; i++) {
    t += Math.floor(r() * r() * 20_000); // bursts and quiet gaps, sometimes equal times
    p *= 1 + (r() - 0.5) * 0.002;
    ts[i] = t;
    px[i] = p;
    vol[i] = r() < 0.05 ? 0 : r() * 3;
  }
  return { ts, px, vol };
}

/** Brute-force reference: group by bucket with a Map. */
function reference(ts: Float64Array, px: Float64Array, vol: Float64Array, iv: number) {
  const out = new Map<number, { o: number; h: number; l: number; c: number; v: number; pv: number; n: number }>();
  for (let i = 0; i < ts.length; i++) {
    const b = Math.floor(ts[i]! / iv);
    const x = out.get(b);
    if (!x) out.set(b, { o: px[i]!, h: px[i]!, l: px[i]!, c: px[i]!, v: vol[i]!, pv: px[i]! * vol[i]!, n: 1 });
    else {
      x.h = Math.max(x.h, px[i]!);
      x.l = Math.min(x.l, px[i]!);
      x.c = px[i]!;
      x.v += vol[i]!;
      x.pv += px[i]! * vol[i]!;
      x.n++;
    }
  }
  return [...out.entries()];
}

describe('resample', () => {
  const { ts, px, vol } = ticks(50_000);

  it('matches a brute-force grouping', () => {
    const bars = resample(ts, px, vol, 60_000);
    const ref = reference(ts, px, vol, 60_000);
    expect(bars.length).toBe(ref.length);
    ref.forEach(([b, x], k) => {
      expect(bars.time[k]).toBe(b * 60_000);
      expect([bars.open[k], bars.high[k], bars.low[k], bars.close[k], bars.volume[k], bars.count[k]]).toEqual([x.o, x.h, x.l, x.c, x.v, x.n]);
      expect(bars.vwap[k]).toBe(x.v > 0 ? x.pv / x.v : NaN);
    });
  });

  it('hand-checked, with an offset grid and carried empty bars', () => {
    const b = resample([0, 10, 25, 61], [5, 7, 6, 8], [1, 1, 2, 1], 20, { empty: 'carry', offsetMs: 5 });
    // buckets: [-15,5): t=0; [5,25): t=10; [25,45): t=25; [45,65): carry? no, t=61 lands in [45,65)
    expect(Array.from(b.time)).toEqual([-15, 5, 25, 45]);
    expect(Array.from(b.close)).toEqual([5, 7, 6, 8]);
    const c = resample([0, 100], [5, 9], undefined, 20, { empty: 'carry' });
    expect(Array.from(c.time)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(Array.from(c.close)).toEqual([5, 5, 5, 5, 5, 9]);
    expect(Array.from(c.volume)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(Array.from(c.count)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(c.vwap[2]).toBeNaN();
  });

  it('skips invalid ticks and rejects out-of-order time', () => {
    const b = resample([0, 1, 2, 3], [1, NaN, 3, 4], [1, 1, -1, 1], 10);
    expect(b.length).toBe(1);
    expect(b.count[0]).toBe(2);
    expect(b.close[0]).toBe(4);
    expect(() => resample([0, 5, 3], [1, 1, 1], undefined, 10)).toThrow(/ts\[2\]/);
    expect(() => resample(ts, px, vol, 0)).toThrow(RangeError);
    expect(() => resample(ts, px, vol, 10, { empty: 'fill' as never })).toThrow(RangeError);
    expect(() => resample(ts, px.subarray(1), vol, 10)).toThrow(RangeError);
    expect(resample([], [], [], 10).length).toBe(0);
  });

  it('resampleBars(1m → 5m) equals resampling the ticks straight to 5m (but vwap)', () => {
    const m1 = resample(ts, px, vol, 60_000);
    const m5 = resampleBars(m1, 300_000);
    const direct = resample(ts, px, vol, 300_000);
    for (const k of ['time', 'open', 'high', 'low', 'close'] as const) expectSame(m5[k], direct[k], k);
    for (let i = 0; i < m5.length; i++) expect(m5.volume[i]).toBeCloseTo(direct.volume[i]!, 9);
  });
});
