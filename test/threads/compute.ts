// One deterministic workload over every part of hean, run on the main thread and in
// several worker_threads at once (test/threads.test.ts): the results must be identical.
import type * as Hean from '../../src/index.js';
import { mulberry32 } from '../../src/core/mulberry32.js';

type H = typeof Hean;

export interface Input {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** A seeded OHLCV walk (mulberry32), the same on every thread. */
export function makeInput(n: number, seed: number): Input {
  const r = mulberry32(seed);
  const x = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p *= Math.exp((r() - 0.5) * 0.03);
    x.open[i] = o;
    x.close[i] = p;
    x.high[i] = Math.max(o, p) * (1 + r() * 0.005);
    x.low[i] = Math.min(o, p) * (1 - r() * 0.005);
    x.volume[i] = 1000 + Math.floor(r() * 9000);
  }
  return x;
}

/** Everything computed, as plain data (typed arrays, numbers, strings) that can be posted back. */
export async function compute(h: H, x: Input): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  // MAVP's per-bar periods: integers 2..30, a deterministic mix.
  const periods = Float64Array.from(x.close, (_, i) => 2 + ((i * 7) % 29));
  const cols: Record<string, Float64Array> = { ...x, x: x.close, y: x.open, periods };

  // Every batch indicator with its defaults, sync and async; a many and a sweep.
  for (const m of h.indicators()) {
    const f = (h as unknown as Record<string, ((...a: unknown[]) => unknown) & { async(...a: unknown[]): Promise<unknown> }>)[m.name]!;
    const ins = m.inputs.slice(0, m.required).map((k) => cols[k]!);
    out[`batch.${m.name}`] = f(...ins);
    out[`async.${m.name}`] = await f.async(...ins);
  }
  out['many.ema'] = h.ema.many(x.close.subarray(0, x.close.length - (x.close.length % 4)), 4, 10);
  out['manyAsync.rsi'] = await h.rsi.manyAsync(x.close.subarray(0, x.close.length - (x.close.length % 4)), 4, 14);
  out['sweep.sma'] = h.sma.sweep(x.close, { period: [5, 10, 20] }).values;

  // Every streaming class over the series (its inputs in order).
  for (const [name, C] of Object.entries(h)) {
    if (typeof C !== 'function' || !(C.prototype instanceof h.Stream)) continue;
    const meta = h.indicators().find((m) => m.name === name[0]!.toLowerCase() + name.slice(1))!;
    const s = new (C as unknown as new () => { update(...a: number[]): unknown })();
    const ins = meta.inputs.slice(0, meta.required).map((k) => cols[k]!);
    const vals: number[] = [];
    for (let i = 0; i < x.close.length; i++) {
      const v = s.update(...ins.map((c) => c[i]!));
      if (typeof v === 'number') vals.push(v);
      else for (const y of Object.values(v as object)) vals.push(y as number);
    }
    out[`stream.${name}`] = Float64Array.from(vals);
  }

  // Market data and matrices.
  const ts = Float64Array.from(x.close, (_, i) => 1_700_000_000_000 + i * 15_000);
  const bars = h.resample(ts, x.close, x.volume, 60_000);
  out['resample.close'] = bars.close;
  out['resample.vwap'] = bars.vwap;
  const rets = h.returns.many(Float64Array.of(...x.close, ...x.open), 2);
  out['corr'] = h.corrMatrix(rets.map((v) => (Number.isNaN(v) ? 0 : v)), 2);

  // A risk engine fed the same orders, fills and marks.
  const e = new h.RiskEngine({ maxOpenOrders: 500, dailyLossLimit: 1e6 });
  const btc = e.addInstrument({ symbol: 'BTCUSDT', venue: 'bybit', tickSize: '0.1', qtyStep: '0.001', minNotionalValue: '5' });
  const eth = e.addInstrument({ symbol: 'ETHUSDT', tickSize: '0.01', qtyStep: '0.01' });
  const codes: number[] = [];
  let t = 1_700_000_000_000;
  for (let i = 0; i < 400; i++) {
    t += 500;
    const inst = i % 3 === 0 ? eth : btc;
    const px = inst === btc ? 30_000 * (x.close[i]! / 100) : 2_000 * (x.close[i]! / 100);
    e.mark(inst, px, t);
    const r = e.submit({ clientId: i + 1, instrument: inst, side: i % 2 ? 'sell' : 'buy', price: px * (i % 2 ? 1.001 : 0.999), qty: inst === btc ? 0.01 : 0.5, strategy: i % 5 ? 'alpha' : 'beta' }, t);
    codes.push(r.code);
    if (r.ok && i % 4 !== 3) e.fill(i + 1, inst === btc ? 0.01 : 0.5, px, 0.01, t + 1);
    else if (r.ok) e.cancel(i + 1, t + 2);
  }
  out['risk.codes'] = Float64Array.from(codes);
  out['risk.snapshot'] = Uint8Array.from(e.snapshot());
  out['risk.account'] = JSON.stringify(e.account());

  // A book fed deltas, and a route across two venues with risk checks.
  const b1 = new h.OrderBook({ venue: 'bybit', symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
  const b2 = new h.OrderBook({ venue: 'okx', symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
  b1.applySnapshot(1, [[29_999.9, 1], [29_999, 2]], [[30_000.1, 1], [30_001, 2]]);
  b2.applySnapshot(1, [[29_999.8, 1]], [[30_000, 0.5], [30_002, 3]]);
  const statuses: string[] = [];
  for (let i = 0; i < 200; i++) {
    const d = Math.round((x.close[i]! - 100) * 10) / 10;
    statuses.push(b1.applyDelta(i + 2, [['buy', 29_990 + d, 1 + (i % 3)], ['sell', 30_010 + d, 1 + (i % 2)]]));
  }
  const router = new h.Router(e);
  router.addVenue({ book: b1, takerFee: 0.00055, instrument: btc });
  router.addVenue({ book: b2, takerFee: 0.0008 });
  out['book.statuses'] = statuses.join(',');
  out['book.snapshot'] = Uint8Array.from(b1.snapshot());
  out['route'] = JSON.stringify(router.route({ side: 'buy', qty: 2.5, now: t, strategy: 'alpha' }));
  return out;
}
