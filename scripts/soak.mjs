#!/usr/bin/env node
// Soak test: millions of mixed calls into hean (batch and async indicators, streaming
// updates, risk checks, submits, fills and cancels, book deltas, routing, resampling,
// feature matrices, snapshots and restores), sampling RSS and V8 heap after a full GC. It
// fails when memory grows past the bounds after the warm-up: a leak in the addons shows up
// as RSS growth, one in the TypeScript as heap growth.
//
//   npm run soak                          # 10,000,000 calls
//   HEAN_SOAK_CALLS=1000000 npm run soak  # fewer
//
// It runs itself under `node --expose-gc --min-semi-space-size=16 --max-semi-space-size=16`:
// gc() before each sample, and a young generation of fixed size (V8 grows it under
// allocation pressure, which would show as a one-off RSS step of up to ~24 MiB).
//
// Env: HEAN_SOAK_CALLS (default 10,000,000), HEAN_SOAK_RSS_MIB (default 32),
// HEAN_SOAK_HEAP_MIB (default 8), HEAN_SOAK_SAMPLES (default 20), HEAN_SOAK_MODULE (the
// hean module to load; default ../dist/index.js), HEAN_SOAK_ONLY (a comma list of parts to
// run, to find which one grows: stream, batch, async, risk, book, route, ticks, snapshot).
// Prints a table of samples and a JSON summary line (`SOAK {...}`); exits 1 when a bound
// is exceeded.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from '../src/core/mulberry32.js';

const FLAGS = ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16'];
if (typeof globalThis.gc !== 'function' || !process.execArgv.some((a) => a.startsWith('--min-semi-space-size'))) {
  const r = spawnSync(process.execPath, [...FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const TOTAL = Math.max(10_000, Number(process.env.HEAN_SOAK_CALLS ?? 10_000_000) | 0);
const RSS_BOUND = Number(process.env.HEAN_SOAK_RSS_MIB ?? 32);
const HEAP_BOUND = Number(process.env.HEAN_SOAK_HEAP_MIB ?? 8);
const SAMPLES = Math.max(4, Number(process.env.HEAN_SOAK_SAMPLES ?? 20) | 0);
/** Share of the run before the baseline sample (caches, pools and JIT settle first). */
const WARMUP = 0.15;
const PARTS = ['stream', 'batch', 'async', 'risk', 'book', 'route', 'ticks', 'snapshot'];
const ONLY = new Set(process.env.HEAN_SOAK_ONLY ? process.env.HEAN_SOAK_ONLY.split(',') : PARTS);
const on = (p) => ONLY.has(p);

const modUrl = process.env.HEAN_SOAK_MODULE ? pathToFileURL(process.env.HEAN_SOAK_MODULE).href : new URL('../dist/index.js', import.meta.url).href;
const h = await import(modUrl);

const MiB = 1024 * 1024;
let calls = 0;
const t0 = Date.now();

// ---------------------------------------------------------------------------------------
// Fixtures, made once: everything the loop allocates per call is what a bot would.

const r = mulberry32(1);
const N = 256;
const close = new Float64Array(N);
const high = new Float64Array(N);
const low = new Float64Array(N);
const volume = new Float64Array(N);
{
  let p = 100;
  for (let i = 0; i < N; i++) {
    p *= Math.exp((r() - 0.5) * 0.02);
    close[i] = p;
    high[i] = p * 1.003;
    low[i] = p * 0.997;
    volume[i] = 1000 + Math.floor(r() * 1000);
  }
}
const out = new Float64Array(N);
const many = new Float64Array(N * 4);
for (let j = 0; j < 4; j++) many.set(close, j * N);
const ticksTs = Float64Array.from({ length: 2000 }, (_, i) => 1_700_000_000_000 + i * 250);
const ticksPx = Float64Array.from({ length: 2000 }, (_, i) => 100 + Math.sin(i / 30));
const ticksVol = Float64Array.from({ length: 2000 }, (_, i) => 1 + (i % 5));

const T = 1_700_000_000_000;
const engine = new h.RiskEngine({ maxOpenOrders: 1000, dailyLossLimit: 1e9, idHistory: 5000, maxOrdersPerWindow: 0 });
const btc = engine.addInstrument({ symbol: 'BTCUSDT', venue: 'bybit', tickSize: '0.1', qtyStep: '0.001', minNotionalValue: '5' });
engine.mark(btc, 30_000, T);
const flags = h.orderFlags('buy', 'limit', false, engine.strategyId('soak'));
const book = new h.OrderBook({ venue: 'bybit', symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
const book2 = new h.OrderBook({ venue: 'okx', symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001' });
const tick = (x) => Math.round(x * 10) / 10;
const levels = (mid, side) => Array.from({ length: 20 }, (_, i) => [tick(side === 'bid' ? mid - 0.1 * (i + 1) : mid + 0.1 * (i + 1)), (500 + i * 100) / 1000]);
book.applySnapshot(1, levels(30_000, 'bid'), levels(30_000, 'ask'));
book2.applySnapshot(1, levels(30_000.1, 'bid'), levels(30_000.1, 'ask'));
const router = new h.Router(engine);
router.addVenue({ book, takerFee: 0.00055, instrument: btc });
router.addVenue({ book: book2, takerFee: 0.0008 });
const agg = new h.CandleAggregator({ intervalMs: 1000 });
const vw = new h.WindowVwap({ windowMs: 10_000 });
const streams = [new h.Sma(20), new h.Ema(20), new h.Rsi(14), new h.Macd(), new h.Bbands(20), new h.Kama(10), new h.Stddev(20), new h.Zscore(20)];
const hlc = [new h.Atr(14), new h.Adx(14), new h.Stoch(), new h.Cci(20), new h.Supertrend(), new h.Ichimoku()];

// ---------------------------------------------------------------------------------------
// One round: about a thousand calls of every kind.

let bookId = 1;
let clientId = 1;
let now = T;
const open = [];

async function round(k) {
  // Streaming updates (the bulk of a live bot's calls), with revisions of the forming bar.
  for (let i = 0; i < 12 && on('stream'); i++) {
    const x = close[(k * 12 + i) % N];
    for (const s of streams) s.update(x);
    streams[i % streams.length].replace(x * 1.0001);
    for (const s of hlc) s.update(x * 1.002, x * 0.998, x);
    calls += streams.length + 1 + hlc.length;
  }
  // Batch indicators, into fresh and given outputs, many-series and a small sweep.
  if (on('batch')) batch(k);
  if (on('async')) {
    // Async jobs on the libuv pool, eight at a time (inputs also given as a fresh out).
    await Promise.all([
      h.ema.async(close, 20),
      h.rsi.async(close, 14),
      h.macd.manyAsync(many, 4),
      h.bbands.async(close, 20),
      h.atr.async(high, low, close, 14),
      h.sma.async(close, 50, new Float64Array(N)),
      h.stoch.async(high, low, close),
      h.sma.sweepAsync(close, { period: [10, 20] }),
    ]);
    calls += 8;
  }
  if (on('risk')) risk(k);
  if (on('book')) books(k);
  if (on('route')) route();
  if (on('ticks')) ticks();
  if (on('snapshot') && k % 50 === 0) snapshots();
  if (ONLY.size === 0) calls++;
}

function batch(k) {
  h.sma(close, 20, out);
  h.ema(close, 20);
  h.rsi(close, 14);
  h.macd(close);
  h.bbands(close, { period: 20, stdDev: 2 });
  h.atr(high, low, close, 14);
  h.adx(high, low, close);
  h.vwap(high, low, close, volume, { period: 50 });
  h.ema.many(many, 4, 10);
  h.stoch(high, low, close);
  calls += 10;
  if (k % 10 === 0) {
    h.sma.sweep(close, { period: [5, 10, 20, 50] });
    h.covMatrix(many, 4);
    h.resample(ticksTs, ticksPx, ticksVol, 60_000);
    h.resampleBars({ time: ticksTs, open: ticksPx, high: ticksPx, low: ticksPx, close: ticksPx }, 5000, { empty: 'carry' });
    h.features({ high, low, close, volume }, [{ fn: 'rsi', options: 14 }, { fn: 'sma', options: 20, transform: 'relative' }, { fn: 'macd' }], { label: { horizon: 5 } });
    calls += 5;
  }
}

// Risk: raw checks, full checks, submits with fills and cancels (open orders stay bounded).
function risk(k) {
  for (let i = 0; i < 60; i++) {
    engine.checkRaw(clientId + 1_000_000, btc, flags, 29_990 + (i % 20), 0.001, now);
    calls++;
  }
  for (let i = 0; i < 15; i++) {
    now += 3;
    const id = clientId++;
    const res = engine.submit({ clientId: id, instrument: btc, side: id % 2 ? 'buy' : 'sell', price: id % 2 ? 29_950 - (id % 30) : 30_050 + (id % 30), qty: 0.002, strategy: 'soak' }, now);
    calls++;
    if (res.ok) open.push(id);
    engine.check({ clientId: id + 1_000_000, instrument: 'bybit:BTCUSDT', side: 'sell', price: 30_100, qty: 0.001 }, now);
    calls++;
  }
  while (open.length > 20) {
    const id = open.shift();
    if (id % 3 === 0) engine.cancel(id, now);
    else {
      engine.fill(id, 0.001, id % 2 ? 29_950 : 30_050, 0.01, now);
      engine.fill(id, 0.001, id % 2 ? 29_950 : 30_050, 0.01, now);
      calls++;
    }
    calls++;
  }
  engine.mark(btc, 30_000 + Math.sin(k / 50) * 20, now);
  engine.account();
  engine.positions();
  calls += 3;
}

// Book deltas (levels come and go around a drifting mid).
function books(k) {
  for (let i = 0; i < 30; i++) {
    const mid = 30_000 + Math.round(Math.sin((k * 30 + i) / 200) * 50) / 10;
    book.applyDelta(++bookId, [['buy', tick(mid - 0.1 * (1 + (i % 20))), i % 7 === 0 ? 0 : (300 + (i % 5) * 100) / 1000], ['sell', tick(mid + 0.1 * (1 + (i % 20))), i % 11 === 0 ? 0 : 0.4]]);
    calls++;
  }
  if (book.stale) {
    book.applySnapshot(++bookId, levels(30_000, 'bid'), levels(30_000, 'ask'));
    calls++;
  }
}

// Routing across both books (risk-checked), and book reads.
function route() {
  for (let i = 0; i < 5; i++) {
    router.route({ side: i % 2 ? 'sell' : 'buy', qty: 0.5 + i * 0.3, now, strategy: 'soak' });
    book.fillEstimate('buy', 1);
    book.bestBid();
    book.mid();
    calls += 4;
  }
}

// Ticks into candles and a rolling VWAP; drained like a bot would.
function ticks() {
  now += 1;
  for (let i = 0; i < 30; i++) {
    const ts = now * 10 + i * 100;
    agg.add(i % 2 ? 'BTC' : 'ETH', ts, 100 + (i % 7), 1 + (i % 3));
    vw.add('BTC', ts, 100 + (i % 7), 1);
    calls += 2;
  }
  agg.drain();
  calls++;
}

// Snapshots and restores now and then.
function snapshots() {
  const snap = engine.snapshot();
  engine.restore(snap);
  const m = streams[3];
  m.restore(JSON.parse(JSON.stringify(m.snapshot())));
  book.restore(book.snapshot());
  calls += 6;
}

// ---------------------------------------------------------------------------------------

const samples = [];
function sample() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  const s = { calls, seconds: (Date.now() - t0) / 1000, rss: m.rss / MiB, heap: m.heapUsed / MiB, heapTotal: m.heapTotal / MiB, external: m.external / MiB, arrayBuffers: m.arrayBuffers / MiB };
  samples.push(s);
  return s;
}

const fmt = (x, d = 1) => x.toFixed(d).padStart(9);
console.log(`soak: ${TOTAL.toLocaleString('en')} calls, warm-up ${WARMUP * 100}%, bounds RSS +${RSS_BOUND} MiB, heap +${HEAP_BOUND} MiB (hean ${h.version}, ${fileURLToPath(modUrl)})`);
console.log(`${'calls'.padStart(12)} ${'seconds'.padStart(9)} ${'rss MiB'.padStart(9)} ${'heap MiB'.padStart(9)} ${'heap tot'.padStart(9)} ${'ext MiB'.padStart(9)} ${'ab MiB'.padStart(9)}`);
const print = (s, note = '') => console.log(`${s.calls.toLocaleString('en').padStart(12)} ${fmt(s.seconds)} ${fmt(s.rss)} ${fmt(s.heap, 2)} ${fmt(s.heapTotal)} ${fmt(s.external)} ${fmt(s.arrayBuffers)}${note}`);

print(sample(), '  start');
let k = 0;
let baseline;
let next = Math.floor(TOTAL * WARMUP);
while (calls < TOTAL) {
  await round(k++);
  if (calls >= next) {
    const s = sample();
    if (!baseline) {
      baseline = s;
      print(s, '  baseline (end of warm-up)');
      next = baseline.calls + Math.ceil((TOTAL - baseline.calls) / SAMPLES);
    } else {
      print(s);
      next += Math.ceil((TOTAL - baseline.calls) / SAMPLES);
    }
  }
}
const last = sample();
print(last, '  end');

const after = samples.slice(samples.indexOf(baseline));
const maxRss = Math.max(...after.map((s) => s.rss)) - baseline.rss;
const maxHeap = Math.max(...after.map((s) => s.heap)) - baseline.heap;
const summary = {
  calls,
  seconds: last.seconds,
  callsPerSecond: Math.round(calls / last.seconds),
  baseline: { calls: baseline.calls, rssMiB: +baseline.rss.toFixed(1), heapMiB: +baseline.heap.toFixed(2) },
  growth: { rssMiB: +(last.rss - baseline.rss).toFixed(1), heapMiB: +(last.heap - baseline.heap).toFixed(2), maxRssMiB: +maxRss.toFixed(1), maxHeapMiB: +maxHeap.toFixed(2) },
  bounds: { rssMiB: RSS_BOUND, heapMiB: HEAP_BOUND },
  openOrders: engine.account().openOrders,
};
const ok = maxRss <= RSS_BOUND && maxHeap <= HEAP_BOUND;
console.log(`\nafter warm-up: RSS ${summary.growth.rssMiB >= 0 ? '+' : ''}${summary.growth.rssMiB} MiB (max +${summary.growth.maxRssMiB}, bound +${RSS_BOUND}), heap ${summary.growth.heapMiB >= 0 ? '+' : ''}${summary.growth.heapMiB} MiB (max +${summary.growth.maxHeapMiB}, bound +${HEAP_BOUND}); ${calls.toLocaleString('en')} calls in ${last.seconds.toFixed(1)} s (${summary.callsPerSecond.toLocaleString('en')}/s): ${ok ? 'PASS' : 'FAIL'}`);
console.log(`SOAK ${JSON.stringify({ ...summary, ok })}`);
process.exit(ok ? 0 : 1);
