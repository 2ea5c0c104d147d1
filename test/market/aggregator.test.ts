import { describe, expect, it } from 'vitest';
import { CandleAggregator, type Candle } from '../../src/market/aggregator.js';
import { resample } from '../../src/market/resample.js';
import { rng } from '../helpers.js';

describe('CandleAggregator', () => {
  it('with lateMs 0 and ordered ticks, equals resample() exactly, per symbol', () => {
    const r = rng(4);
    const syms = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
    const ticks: { s: string; t: number; p: number; v: number }[] = [];
    let t = 0;
    for (let i = 0; i < 30_000; i++) {
      t += Math.floor(r() * 3000);
      ticks.push({ s: syms[Math.floor(r() * 3)]!, t, p: 100 + r(), v: r() * 2 });
    }
    const bars: Candle[] = [];
    const agg = new CandleAggregator({ intervalMs: 60_000, onBar: (b) => bars.push(b) });
    for (const k of ticks) expect(agg.add(k.s, k.t, k.p, k.v)).toBe('ok');
    agg.flush();
    for (const s of syms) {
      const mine = ticks.filter((k) => k.s === s);
      const ref = resample(mine.map((k) => k.t), mine.map((k) => k.p), mine.map((k) => k.v), 60_000);
      const got = bars.filter((b) => b.symbol === s);
      expect(got.length).toBe(ref.length);
      got.forEach((b, i) => {
        expect([b.time, b.open, b.high, b.low, b.close, b.volume, b.count]).toEqual([ref.time[i], ref.open[i], ref.high[i], ref.low[i], ref.close[i], ref.volume[i], ref.count[i]]);
        expect(Object.is(b.vwap, ref.vwap[i])).toBe(true);
      });
    }
  });

  it('merges late ticks within lateMs, rejects later ones, reports invalid ticks', () => {
    const agg = new CandleAggregator({ intervalMs: 1000, lateMs: 500 });
    expect(agg.add('X', 100, 10, 1)).toBe('ok');
    expect(agg.add('X', 1200, 11, 1)).toBe('ok'); // next bar; bar 0 still open until 1500
    expect(agg.add('X', 900, 9, 1)).toBe('ok'); // late but within tolerance: merged into bar 0
    expect(agg.drain()).toEqual([]);
    expect(agg.add('X', 1600, 12, 1)).toBe('ok'); // closes bar 0
    const [b0] = agg.drain();
    expect(b0).toMatchObject({ time: 0, open: 10, high: 10, low: 9, close: 9, volume: 2, count: 2 });
    expect(agg.add('X', 999, 8, 1)).toBe('late');
    expect(agg.add('X', NaN, 8, 1)).toBe('invalid');
    expect(agg.add('X', 1700, 8, -1)).toBe('invalid');
    expect(agg.rejected).toEqual({ invalid: 2, late: 1 });
    expect(agg.forming('X')).toMatchObject({ time: 1000, open: 11, close: 12, count: 2 });
    agg.flush(2400);
    expect(agg.drain()).toEqual([]);
    agg.flush(2500);
    expect(agg.drain().map((b) => b.time)).toEqual([1000]);
    expect(agg.forming('X')).toBeUndefined();
  });

  it('bounds the queue and validates options', () => {
    const agg = new CandleAggregator({ intervalMs: 1, maxQueued: 10 });
    for (let t = 0; t < 100; t++) agg.add('Y', t, 1, 1);
    expect(agg.dropped).toBe(89);
    expect(agg.drain().map((b) => b.time)).toEqual([89, 90, 91, 92, 93, 94, 95, 96, 97, 98]);
    expect(() => new CandleAggregator({ intervalMs: 0 })).toThrow(RangeError);
    expect(() => new CandleAggregator({ intervalMs: 1, lateMs: -1 })).toThrow(RangeError);
    expect(() => new CandleAggregator(null as never)).toThrow(TypeError);
  });
});
