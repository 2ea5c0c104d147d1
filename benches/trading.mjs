#!/usr/bin/env node
// Benchmarks of the Rust trading core from JS: one pre-trade check, batch checks, book
// deltas applied in batch, and routing a parent order across 5 venues × 50 levels.
//
//   node benches/trading.mjs [--quick]
//
// Uses the built package (dist/) when it exports the trading API, else the addon directly
// (HEAN_RUST_ADDON, or build/rust/hean_rust.node) with the same calls the TS classes make.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 7;

async function loadApi() {
  const dist = join(root, 'dist', 'index.js');
  if (existsSync(dist)) {
    const m = await import(dist);
    if (m.RiskEngine && m.OrderBook && m.Router) return { via: 'dist', m };
  }
  const file = process.env.HEAN_RUST_ADDON ?? join(root, 'build', 'rust', 'hean_rust.node');
  if (!existsSync(file)) throw new Error(`benches/trading: no dist with the trading API and no addon at ${file}; run npm run build:rust`);
  const a = createRequire(import.meta.url)(file);
  // Minimal shims with the TS classes' shapes (constructor arguments and the raw calls).
  class RiskEngine {
    constructor(l) {
      this.native = new a.RiskEngine(l ?? null);
      this.handle = this.native.handle;
    }
    addInstrument(r, l) {
      return this.native.addInstrument(r, l ?? null);
    }
    mark(i, p, t) {
      this.native.mark(i, p, t);
    }
    checkRaw(id, inst, flags, price, qty, now) {
      return a.riskCheck(this.handle, id, inst, flags, price, qty, now);
    }
    checkBatch(b, now, out) {
      this.native.checkBatch(b.clientIds, b.instruments, b.sides, b.prices, b.qtys, b.flags ?? null, null, now, out);
      return out;
    }
  }
  class OrderBook {
    constructor(o) {
      this.native = new a.OrderBook(o.venue, o.symbol, o.tickSize, o.qtyStep);
      this.venue = o.venue;
    }
    applySnapshot(id, bids, asks) {
      this.native.applySnapshot(id, Float64Array.from(bids, (x) => x[0]), Float64Array.from(bids, (x) => x[1]), Float64Array.from(asks, (x) => x[0]), Float64Array.from(asks, (x) => x[1]));
    }
    applyDeltas(b, out) {
      return { applied: this.native.applyDeltas(b.ids, b.counts, b.sides, b.prices, b.sizes, out), statuses: out };
    }
  }
  class Router {
    constructor(e) {
      this.native = new a.Router(e ? e.native : null);
    }
    addVenue(v) {
      return this.native.addVenue(v.book.native, v.takerFee, v.instrument ?? null, null);
    }
    routeRaw(side, qty, limit, now, strategy, out) {
      return this.native.route(side, qty, limit, now, strategy, out);
    }
  }
  return { via: `addon ${file}`, m: { RiskEngine, OrderBook, Router, orderFlags: (s) => (s === 'sell' ? 1 : 0) } };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const now = () => process.hrtime.bigint();

const { via, m } = await loadApi();
const T = Date.UTC(2024, 0, 15);
const BTC = { symbol: 'BTCUSDT', tickSize: '0.10', qtyStep: '0.001', minOrderQty: '0.001', maxOrderQty: '100', minNotionalValue: '5', priceBand: 0.05 };
const results = [];

// 1. One check from JS.
{
  const e = new m.RiskEngine({ maxOpenOrders: 1000, maxGrossExposure: 1e9, dailyLossLimit: 1e6, maxOrdersPerWindow: 100 });
  const id = e.addInstrument(BTC, { maxPosition: 10, maxNotional: 1e6 });
  e.mark(id, 30000, T);
  const buy = m.orderFlags('buy');
  const N = quick ? 200_000 : 1_000_000;
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += e.checkRaw(i, id, buy, 29990 + (i & 63) / 10, 0.01, T); // warm-up
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const t = now();
    for (let i = 0; i < N; i++) sink += e.checkRaw(i, id, buy, 29990 + (i & 63) / 10, 0.01, T);
    runs.push(Number(now() - t) / N);
  }
  if (sink !== 0) throw new Error('bench: unexpected rejects in the single-check loop');
  results.push({ what: 'one check from JS (checkRaw)', value: median(runs), unit: 'ns/check', target: 250, better: 'lower' });
}

// 2. Batch checks.
{
  const e = new m.RiskEngine({ maxOpenOrders: 1000, maxGrossExposure: 1e9, dailyLossLimit: 1e6 });
  const ids = [e.addInstrument({ ...BTC, venue: 'a' }), e.addInstrument({ ...BTC, venue: 'b' })];
  for (const id of ids) e.mark(id, 30000, T);
  const n = 1 << 20;
  const b = {
    clientIds: Float64Array.from({ length: n }, (_, i) => i + 1),
    instruments: Uint32Array.from({ length: n }, (_, i) => ids[i & 1]),
    sides: Uint8Array.from({ length: n }, (_, i) => (i >> 1) & 1),
    prices: Float64Array.from({ length: n }, (_, i) => 29900 + (i % 2000) / 10),
    qtys: Float64Array.from({ length: n }, (_, i) => 0.001 * (1 + (i % 50))),
  };
  const out = new Uint8Array(n);
  e.checkBatch(b, T, out);
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const t = now();
    e.checkBatch(b, T, out);
    runs.push(n / (Number(now() - t) / 1e9));
  }
  results.push({ what: `batch checks (${n.toLocaleString('en-US')} per call)`, value: median(runs) / 1e6, unit: 'M orders/s', target: 20, better: 'higher' });
}

// 3. Book deltas in batch.
{
  const book = new m.OrderBook({ venue: 'bybit', symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
  const depth = 200;
  const snap = () =>
    book.applySnapshot(
      0,
      Array.from({ length: depth }, (_, k) => [Number((30000 - 0.1 * (k + 1)).toFixed(1)), 1]),
      Array.from({ length: depth }, (_, k) => [Number((30000 + 0.1 * k).toFixed(1)), 1]),
    );
  const msgs = 100_000;
  const per = 10;
  const L = msgs * per;
  const ids = Float64Array.from({ length: msgs }, (_, i) => i + 1);
  const counts = new Uint32Array(msgs).fill(per);
  const sides = new Uint8Array(L);
  const prices = new Float64Array(L);
  const sizes = new Float64Array(L);
  let s = 1;
  for (let i = 0; i < L; i++) {
    s = (s * 48271) % 2147483647;
    const side = s & 1;
    // Mostly the top 20 levels, as in a live feed; 1 in 8 deletes (re-added later).
    const k = (s >> 3) % (s % 5 === 0 ? depth : 20);
    sides[i] = side;
    prices[i] = side === 0 ? Number((30000 - 0.1 * (k + 1)).toFixed(1)) : Number((30000 + 0.1 * k).toFixed(1));
    sizes[i] = (s >> 7) % 8 === 0 ? 0 : (((s >> 9) % 5000) + 1) / 1000;
  }
  const out = new Uint8Array(msgs);
  const runs = [];
  for (let r = 0; r < RUNS + 1; r++) {
    snap();
    const t = now();
    const { applied } = book.applyDeltas({ ids, counts, sides, prices, sizes }, out);
    const dt = Number(now() - t);
    if (applied !== msgs) throw new Error(`bench: ${msgs - applied} delta messages not applied`);
    if (r > 0) runs.push(L / (dt / 1e9));
  }
  results.push({ what: `book deltas in batch (${msgs / 1000}K msgs × ${per} levels)`, value: median(runs) / 1e6, unit: 'M levels/s', target: 10, better: 'higher' });
}

// 4. Routing across 5 venues × 50 levels.
{
  const e = new m.RiskEngine({ maxGrossExposure: 1e12 });
  const router = new m.Router(e);
  const fees = [0.00055, 0.0005, 0.0004, 0.0006, 0.00045];
  for (let v = 0; v < 5; v++) {
    const id = e.addInstrument({ symbol: 'BTCUSDT', venue: `v${v}`, tickSize: '0.1', qtyStep: v === 3 ? '0.01' : '0.001', maxOrderQty: '1000' });
    e.mark(id, 30000, T);
    const book = new m.OrderBook({ venue: `v${v}`, symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: v === 3 ? '0.01' : '0.001' });
    const lv = (k) => Number((((k * 7 + v * 3) % 11) + 1).toFixed(3)) / 4;
    book.applySnapshot(
      1,
      Array.from({ length: 50 }, (_, k) => [Number((29999.9 - 0.1 * (k + v)).toFixed(1)), lv(k)]),
      Array.from({ length: 50 }, (_, k) => [Number((30000 + 0.1 * (k + v)).toFixed(1)), lv(k)]),
    );
    router.addVenue({ book, takerFee: fees[v], instrument: id });
  }
  const out = new Float64Array(128);
  const N = quick ? 5_000 : 20_000;
  // Parent: ~150 BTC, about 60% of the 5 × 50 levels on the ask side.
  for (let i = 0; i < 2000; i++) router.routeRaw(0, 150, NaN, T, 0, out);
  if (!(out[0] > 140)) throw new Error(`bench: routing filled only ${out[0]}`);
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const t = now();
    for (let i = 0; i < N; i++) router.routeRaw(i & 1, 150, NaN, T, 0, out);
    runs.push(Number(now() - t) / N / 1000);
  }
  results.push({ what: 'route 150 BTC over 5 venues × 50 levels', value: median(runs), unit: 'µs/route', target: 5, better: 'lower' });
}

console.log(`\nhean trading core (${via}; node ${process.version}; median of ${RUNS} runs)`);
const w = Math.max(...results.map((r) => r.what.length));
console.log(`${'benchmark'.padEnd(w)}  ${'result'.padStart(16)}  ${'target'.padStart(10)}  ok`);
for (const r of results) {
  const ok = r.better === 'lower' ? r.value <= r.target : r.value >= r.target;
  const v = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
  console.log(`${r.what.padEnd(w)}  ${`${v} ${r.unit}`.padStart(16)}  ${`${r.better === 'lower' ? '≤' : '≥'} ${r.target}`.padStart(10)}  ${ok ? 'yes' : 'NO'}`);
}
const single = results[0].value;
const batch = results[1].value * 1e6;
const route = results[3].value;
console.log(
  `\nvs the plan's 100K orders/s and < 1 ms: one-by-one checks run ${((1e9 / single) / 1e5).toFixed(0)}× past 100K/s, ` +
    `batches ${(batch / 1e5).toFixed(0)}×; a check takes ${(single / 1e6).toExponential(1)} ms and a 5-venue route ${(route / 1000).toExponential(1)} ms (${(1000 / route).toFixed(0)}× under 1 ms).`,
);

// For the README's benchmark section (scripts/readme-tables.mjs).
{
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const rows = results.map((r) => {
    const ok = r.better === 'lower' ? r.value <= r.target : r.value >= r.target;
    return `| ${r.what} | ${r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2)} ${r.unit} | ${r.better === 'lower' ? '≤' : '≥'} ${r.target} | ${ok ? 'met' : 'MISSED'} |`;
  });
  const table = ['| benchmark | result | target | |', '|---|---:|---|---|', ...rows].join('\n');
  mkdirSync(join(root, 'benches', 'results'), { recursive: true });
  writeFileSync(join(root, 'benches', 'results', 'trading-latest.json'), JSON.stringify({ suite: 'trading', date: new Date().toISOString(), node: process.version, results, table }, null, 1));
}
