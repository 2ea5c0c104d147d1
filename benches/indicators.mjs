// Indicator benchmark: hean vs plain JS vs the npm peers, on one deterministic series.
//
//   npm run bench                       (run.mjs runs this with --expose-gc)
//   HEAN_BENCH_BARS=100000 node --expose-gc benches/indicators.mjs   (quick smoke run)
//
// Environment: HEAN_BENCH_BARS (default 1e6), HEAN_BENCH_SUBSET_BARS (200000),
// HEAN_BENCH_RUNS (minimum timed runs per cell, 5), HEAN_BENCH_SERIES (many-series, 64).
//
// Method (as in shared/research/indicators.md §3): per cell 2 warm-up calls, then the
// median of >= HEAN_BENCH_RUNS timed calls (process.hrtime.bigint), with no forced GC
// before a timed call (users don't get one: the allocating form pays its collections). Every library gets the same series; peers that only index plain
// arrays get number[] copies made outside the timed region. Each peer's last value is
// checked against hean's before its time is reported.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as plain from './plain.mjs';
import {
  envInt, makeBars, fillCloses, measure, collect, gcExposed, machineInfo, pkgVersion, mdTable, fmtNs, cpuMeter,
} from './harness.mjs';

const N = envInt('HEAN_BENCH_BARS', 1_000_000);
const SUBSET = Math.min(N, envInt('HEAN_BENCH_SUBSET_BARS', 200_000));
const MIN_RUNS = envInt('HEAN_BENCH_RUNS', 5);
const SERIES = envInt('HEAN_BENCH_SERIES', 64);
const SEED = 42;
/** A peer whose first full-size call takes longer than this is timed on the subset (at 1M bars
 *  only technicalindicators bbands, ~1.3 s, on an idle machine; talib/tulind take ~0.3-0.5 s). */
const SLOW_CALL_MS = 1000;
/** Last values agree when |peer - hean| <= TOL · max(1, |hean|). */
const TOL = 1e-6;
/** Other processes using more than this many cores on average during a section flag it as noisy. */
const BUSY_CORES = 0.25;
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const RESULTS = `${RESULTS_DIR}indicators-latest.json`;

const t0 = Date.now();
const log = (msg) => process.stderr.write(`${msg}\n`);

let hean;
try {
  hean = await import('../dist/index.js');
} catch (e) {
  console.error(`Cannot load ../dist/index.js (${e.message}). Build first: npm run build`);
  process.exit(1);
}
if (!gcExposed) log('warning: gc() not exposed; run through `npm run bench` or with node --expose-gc');

// ---------------------------------------------------------------------------------------
// Peers (each optional: a peer that is not installed or fails to load shows as n/a)
// ---------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const load = async (name, esm = false) => {
  try {
    return esm ? await import(name) : require(name);
  } catch (e) {
    log(`peer ${name} unavailable: ${e.message.split('\n')[0]}`);
    return undefined;
  }
};
const talib = await load('talib');
const tulind = await load('tulind');
const ti = await load('technicalindicators');
const ts = await load('trading-signals', true);
const ixjbMod = await load('@ixjb94/indicators');
const ixjb = ixjbMod && new ixjbMod.IndicatorsSync();

const PEERS = [
  { key: 'talib', pkg: 'talib', title: 'talib', present: !!talib, api: 'talib.execute({name, startIdx, endIdx, ...}) without callback (sync), number[] inputs' },
  { key: 'tulind', pkg: 'tulind', title: 'tulind', present: !!tulind, api: 'tulind.indicators.X.indicator([inputs], [options], cb); the callback runs synchronously; number[] inputs' },
  { key: 'ti', pkg: 'technicalindicators', title: 'technicalindicators', present: !!ti, api: 'X.calculate({period, values, ...}), number[] inputs; MACD with SimpleMAOscillator/SimpleMASignal = false (EMAs)' },
  { key: 'ts', pkg: 'trading-signals', title: 'trading-signals', present: !!ts, api: 'new X(...).updates(number[]) — a fresh streaming instance per run; updates() is inputs.map(update), the only array path for these six (no batch method)' },
  { key: 'ixjb', pkg: '@ixjb94/indicators', title: '@ixjb94', present: !!ixjb, api: 'new IndicatorsSync().X(number[], ...) (sync API)' },
];

/** Calls a tulind indicator (its callback is invoked synchronously) and returns the outputs. */
function tul(name, inputs, options) {
  let out;
  let err;
  tulind.indicators[name].indicator(inputs, options, (e, r) => {
    err = e;
    out = r;
  });
  if (err) throw new Error(`tulind ${name}: ${err}`);
  return out;
}
const tal = (name, d, params) => talib.execute({ name, startIdx: 0, endIdx: d.n - 1, ...params });
const last = (a) => a[a.length - 1];

// ---------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------

const bars = makeBars(N, SEED);

/** The inputs at length n (a prefix of the full series) as Float64Array views and number[]. */
function bundle(n) {
  const close = bars.close.subarray(0, n);
  const high = bars.high.subarray(0, n);
  const low = bars.low.subarray(0, n);
  const arr = { close: Array.from(close), high: Array.from(high), low: Array.from(low) };
  return { n, close, high, low, arr };
}
const full = bundle(N);
let subsetBundle;
const subset = () => (subsetBundle ??= bundle(SUBSET));

// ---------------------------------------------------------------------------------------
// The six indicators. Each: hean with/without `out`, the plain-JS loop, and per peer a
// `run(d)` (the timed call) plus `last(result)` giving the last value of every output
// under hean's output names, for the agreement check.
// ---------------------------------------------------------------------------------------

/** Shape of a single-output indicator: its one output is called `value` in the checks. */
const single = {
  outputs: ['value'],
  makeOut: (n) => new Float64Array(n),
  view: (r) => ({ value: r }),
  known: {},
};

const SPECS = [
  {
    ...single,
    id: 'sma', label: 'sma(20)', target: 0.8,
    heanOut: (d, o) => hean.sma(d.close, 20, o),
    heanAlloc: (d) => hean.sma(d.close, 20),
    plain: (d, o) => plain.sma(d.close, 20, o),
    peers: {
      talib: { run: (d) => tal('SMA', d, { inReal: d.arr.close, optInTimePeriod: 20 }), last: (r) => ({ value: last(r.result.outReal) }) },
      tulind: { run: (d) => tul('sma', [d.arr.close], [20]), last: (r) => ({ value: last(r[0]) }) },
      ti: { run: (d) => ti.SMA.calculate({ period: 20, values: d.arr.close }), last: (r) => ({ value: last(r) }) },
      ts: { run: (d) => new ts.SMA(20).updates(d.arr.close), last: (r) => ({ value: last(r) }) },
      ixjb: { run: (d) => ixjb.sma(d.arr.close, 20), last: (r) => ({ value: last(r) }) },
    },
  },
  {
    ...single,
    id: 'ema', label: 'ema(20)', target: 1.5,
    heanOut: (d, o) => hean.ema(d.close, 20, o),
    heanAlloc: (d) => hean.ema(d.close, 20),
    plain: (d, o) => plain.ema(d.close, 20, o),
    peers: {
      talib: { run: (d) => tal('EMA', d, { inReal: d.arr.close, optInTimePeriod: 20 }), last: (r) => ({ value: last(r.result.outReal) }) },
      tulind: { run: (d) => tul('ema', [d.arr.close], [20]), last: (r) => ({ value: last(r[0]) }) },
      ti: { run: (d) => ti.EMA.calculate({ period: 20, values: d.arr.close }), last: (r) => ({ value: last(r) }) },
      ts: { run: (d) => new ts.EMA(20).updates(d.arr.close), last: (r) => ({ value: last(r) }) },
      ixjb: { run: (d) => ixjb.ema(d.arr.close, 20), last: (r) => ({ value: last(r) }) },
    },
  },
  {
    ...single,
    id: 'rsi', label: 'rsi(14)', target: 5,
    heanOut: (d, o) => hean.rsi(d.close, 14, o),
    heanAlloc: (d) => hean.rsi(d.close, 14),
    plain: (d, o) => plain.rsi(d.close, 14, o),
    known: { ti: 'technicalindicators rounds RSI to 2 decimals' },
    peers: {
      talib: { run: (d) => tal('RSI', d, { inReal: d.arr.close, optInTimePeriod: 14 }), last: (r) => ({ value: last(r.result.outReal) }) },
      tulind: { run: (d) => tul('rsi', [d.arr.close], [14]), last: (r) => ({ value: last(r[0]) }) },
      ti: { run: (d) => ti.RSI.calculate({ period: 14, values: d.arr.close }), last: (r) => ({ value: last(r) }) },
      ts: { run: (d) => new ts.RSI(14).updates(d.arr.close), last: (r) => ({ value: last(r) }) },
      ixjb: { run: (d) => ixjb.rsi(d.arr.close, 14), last: (r) => ({ value: last(r) }) },
    },
  },
  {
    id: 'macd', label: 'macd(12,26,9)', target: 4,
    outputs: ['macd', 'signal', 'histogram'],
    makeOut: (n) => ({ macd: new Float64Array(n), signal: new Float64Array(n), histogram: new Float64Array(n) }),
    view: (r) => r,
    heanOut: (d, o) => hean.macd(d.close, { fast: 12, slow: 26, signal: 9 }, o),
    heanAlloc: (d) => hean.macd(d.close, { fast: 12, slow: 26, signal: 9 }),
    plain: (d, o) => (plain.macd(d.close, 12, 26, 9, o.macd, o.signal, o.histogram), o),
    known: { tulind: 'tulind hard-codes α = 0.15/0.075 for 12/26 (TA-Lib MACDFIX), so it never converges to MACD(12,26,9)' },
    peers: {
      talib: {
        run: (d) => tal('MACD', d, { inReal: d.arr.close, optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }),
        last: ({ result: r }) => ({ macd: last(r.outMACD), signal: last(r.outMACDSignal), histogram: last(r.outMACDHist) }),
      },
      tulind: { run: (d) => tul('macd', [d.arr.close], [12, 26, 9]), last: (r) => ({ macd: last(r[0]), signal: last(r[1]), histogram: last(r[2]) }) },
      ti: {
        run: (d) => ti.MACD.calculate({ values: d.arr.close, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }),
        last: (r) => ({ macd: last(r).MACD, signal: last(r).signal, histogram: last(r).histogram }),
      },
      ts: { run: (d) => new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)).updates(d.arr.close), last: (r) => ({ ...last(r) }) },
      ixjb: { run: (d) => ixjb.macd(d.arr.close, 12, 26, 9), last: (r) => ({ macd: last(r[0]), signal: last(r[1]), histogram: last(r[2]) }) },
    },
  },
  {
    id: 'bbands', label: 'bbands(20,2)', target: 3,
    outputs: ['upper', 'middle', 'lower'],
    makeOut: (n) => ({ upper: new Float64Array(n), middle: new Float64Array(n), lower: new Float64Array(n) }),
    view: (r) => r,
    heanOut: (d, o) => hean.bbands(d.close, { period: 20, stdDev: 2 }, o),
    heanAlloc: (d) => hean.bbands(d.close, { period: 20, stdDev: 2 }),
    plain: (d, o) => (plain.bbands(d.close, 20, 2, o.upper, o.middle, o.lower), o),
    peers: {
      talib: {
        run: (d) => tal('BBANDS', d, { inReal: d.arr.close, optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 }),
        last: ({ result: r }) => ({ upper: last(r.outRealUpperBand), middle: last(r.outRealMiddleBand), lower: last(r.outRealLowerBand) }),
      },
      // tulind and @ixjb94 return [lower, middle, upper].
      tulind: { run: (d) => tul('bbands', [d.arr.close], [20, 2]), last: (r) => ({ upper: last(r[2]), middle: last(r[1]), lower: last(r[0]) }) },
      ti: { run: (d) => ti.BollingerBands.calculate({ period: 20, stdDev: 2, values: d.arr.close }), last: (r) => ({ upper: last(r).upper, middle: last(r).middle, lower: last(r).lower }) },
      ts: { run: (d) => new ts.BollingerBands(20, 2).updates(d.arr.close), last: (r) => ({ upper: last(r).upper, middle: last(r).middle, lower: last(r).lower }) },
      ixjb: { run: (d) => ixjb.bbands(d.arr.close, 20, 2), last: (r) => ({ upper: last(r[2]), middle: last(r[1]), lower: last(r[0]) }) },
    },
  },
  {
    ...single,
    id: 'atr', label: 'atr(14)', target: 3,
    heanOut: (d, o) => hean.atr(d.high, d.low, d.close, 14, o),
    heanAlloc: (d) => hean.atr(d.high, d.low, d.close, 14),
    plain: (d, o) => plain.atr(d.high, d.low, d.close, 14, o),
    peers: {
      talib: { run: (d) => tal('ATR', d, { high: d.arr.high, low: d.arr.low, close: d.arr.close, optInTimePeriod: 14 }), last: (r) => ({ value: last(r.result.outReal) }) },
      tulind: { run: (d) => tul('atr', [d.arr.high, d.arr.low, d.arr.close], [14]), last: (r) => ({ value: last(r[0]) }) },
      ti: { run: (d) => ti.ATR.calculate({ period: 14, high: d.arr.high, low: d.arr.low, close: d.arr.close }), last: (r) => ({ value: last(r) }) },
      // trading-signals' ATR takes {high, low, close} objects. They are built before and
      // dropped after this cell only: 1M live objects make every full gc() take ~0.3 s.
      ts: {
        prepare: (d) => (d.candles = d.arr.close.map((c, i) => ({ high: d.arr.high[i], low: d.arr.low[i], close: c }))),
        release: (d) => (d.candles = undefined),
        run: (d) => new ts.ATR(14).updates(d.candles),
        last: (r) => ({ value: last(r) }),
      },
      ixjb: { run: (d) => ixjb.atr(d.arr.high, d.arr.low, d.arr.close, 14), last: (r) => ({ value: last(r) }) },
    },
  },
];
const RATIO_TARGET = 10;

// ---------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------

/** Largest |a-b| / max(1,|b|) over two whole arrays; NaN placement must match exactly. */
function arrayDiff(a, b) {
  if (a.length !== b.length) return { maxRel: Infinity, nanMismatch: -1 };
  let maxRel = 0;
  let nanMismatch = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) nanMismatch++;
      continue;
    }
    const r = Math.abs(x - y) / Math.max(1, Math.abs(y));
    if (r > maxRel) maxRel = r;
  }
  return { maxRel, nanMismatch };
}

function checkArrays(spec, got, ref, tol) {
  let maxRel = 0;
  let nanMismatch = 0;
  for (const k of spec.outputs) {
    const d = arrayDiff(got[k], ref[k]);
    maxRel = Math.max(maxRel, d.maxRel);
    nanMismatch += d.nanMismatch;
  }
  return { ok: maxRel <= tol && nanMismatch === 0, maxRel, nanMismatch };
}

/** Compares a peer's last values with hean's (all outputs). */
function checkLast(spec, peerLast, ref) {
  const detail = {};
  let maxRel = 0;
  for (const k of spec.outputs) {
    const want = last(ref[k]);
    const got = peerLast[k];
    const rel = typeof got === 'number' && Number.isFinite(got) ? Math.abs(got - want) / Math.max(1, Math.abs(want)) : Infinity;
    detail[k] = { hean: want, peer: got ?? null, rel };
    maxRel = Math.max(maxRel, rel);
  }
  return { ok: maxRel <= TOL, maxRel, detail };
}

// ---------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const cellOf = (m, d, extra) => ({ nsPerBar: m.median / d.n, bars: d.n, subset: d.n < N, runs: m.runs, medianNs: m.median, minNs: m.min, maxNs: m.max, samplesNs: m.samples, ...extra });

/** hean and plain-JS cells: cheap, so they get more runs within a small budget. */
const fastCell = (fn, d = full) => cellOf(measure(fn, { minRuns: MIN_RUNS, maxRuns: 15, budgetMs: 200 }), d);

/**
 * A peer cell. The first full-size call is the first warm-up and provides the output for
 * the agreement check; if it took longer than SLOW_CALL_MS the timed runs use the subset.
 */
function peerCell(spec, peer, ref) {
  let d = full;
  try {
    peer.prepare?.(full);
    collect();
    const s = nowMs();
    let res = peer.run(full);
    const firstCallMs = nowMs() - s;
    const check = checkLast(spec, peer.last(res), ref);
    res = undefined;
    if (firstCallMs > SLOW_CALL_MS && SUBSET < N) {
      peer.release?.(full);
      d = subset();
      peer.prepare?.(d);
    }
    const m = measure(() => peer.run(d), { warmup: d === full ? 1 : 2, minRuns: MIN_RUNS, maxRuns: 11, budgetMs: 500 });
    return cellOf(m, d, { firstCallMs: Math.round(firstCallMs), check });
  } finally {
    peer.release?.(d);
  }
}

function runIndicator(spec) {
  const row = { id: spec.id, label: spec.label, target: spec.target, cells: {} };
  // hean with `out` is the reference the other columns are checked against.
  const refOut = spec.makeOut(N);
  const ref = spec.view(spec.heanOut(full, refOut));
  row.cells.heanOut = fastCell(() => spec.heanOut(full, refOut));
  row.cells.heanAlloc = fastCell(() => spec.heanAlloc(full));
  row.cells.heanAlloc.check = checkArrays(spec, spec.view(spec.heanAlloc(full)), ref, 0);
  const plainOut = spec.makeOut(N);
  row.cells.plain = fastCell(() => spec.plain(full, plainOut));
  row.cells.plain.check = checkArrays(spec, spec.view(spec.plain(full, plainOut)), ref, 1e-9);
  for (const p of PEERS) {
    if (!p.present) continue;
    try {
      row.cells[p.key] = peerCell(spec, spec.peers[p.key], ref);
    } catch (e) {
      row.cells[p.key] = { error: e.message };
    }
  }

  const ok = PEERS.filter((p) => row.cells[p.key]?.check?.ok);
  const best = ok.reduce((b, p) => (!b || row.cells[p.key].nsPerBar < row.cells[b.key].nsPerBar ? p : b), undefined);
  row.fastestPeer = best ? { lib: best.title, nsPerBar: row.cells[best.key].nsPerBar } : null;
  row.ratio = best ? row.cells[best.key].nsPerBar / row.cells.heanOut.nsPerBar : null;
  row.met = { ns: row.cells.heanOut.nsPerBar <= spec.target, ratio: row.ratio !== null && row.ratio >= RATIO_TARGET };
  row.mismatches = PEERS.filter((p) => row.cells[p.key]?.check && !row.cells[p.key].check.ok).map((p) => ({
    lib: p.title,
    maxRel: row.cells[p.key].check.maxRel,
    detail: row.cells[p.key].check.detail,
    known: spec.known?.[p.key] ?? null,
  }));
  const brief = ['heanOut', 'heanAlloc', 'plain', ...PEERS.map((p) => p.key)]
    .filter((k) => row.cells[k]?.nsPerBar !== undefined)
    .map((k) => `${k} ${fmtNs(row.cells[k].nsPerBar)}`);
  log(`  ${spec.label.padEnd(14)} ${brief.join(' · ')}  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return row;
}

// ---------------------------------------------------------------------------------------
// Many series, parameter sweep, per-call overhead
// ---------------------------------------------------------------------------------------

/** ema(20) on SERIES series × N bars in one `many` call, vs one series and vs a loop of single calls. */
function runMany() {
  const S = SERIES;
  const T = N;
  const matrix = new Float64Array(S * T);
  for (let j = 0; j < S; j++) fillCloses(matrix, j * T, T, SEED + 1 + j);
  const out = new Float64Array(S * T);
  const one = new Float64Array(T);
  const rows = Array.from({ length: S }, (_, j) => [matrix.subarray(j * T, (j + 1) * T), out.subarray(j * T, (j + 1) * T)]);

  const singleM = measure(() => hean.ema(full.close, 20, one), { minRuns: MIN_RUNS, maxRuns: 25, budgetMs: 300 });
  const manyM = measure(() => hean.ema.many(matrix, S, 20, out), { minRuns: MIN_RUNS, maxRuns: 15, budgetMs: 1000 });
  // Check a few series of the many-series output against single calls before the loop overwrites it.
  let maxRel = 0;
  for (const j of [0, S >> 1, S - 1]) {
    const d = arrayDiff(out.subarray(j * T, (j + 1) * T), hean.ema(rows[j][0], 20));
    maxRel = Math.max(maxRel, d.nanMismatch ? Infinity : d.maxRel);
  }
  const loopM = measure(() => {
    for (const [x, o] of rows) hean.ema(x, 20, o);
  }, { minRuns: MIN_RUNS, maxRuns: 15, budgetMs: 1000 });

  const singleNs = singleM.median / T;
  const manyNs = manyM.median / (S * T);
  const loopNs = loopM.median / (S * T);
  const res = {
    series: S, bars: T,
    singleNsPerBar: singleNs, manyNsPerBarSeries: manyNs, loopNsPerBarSeries: loopNs,
    ratio: singleNs / manyNs, ratioVsLoop: loopNs / manyNs, target: 3,
    met: singleNs / manyNs >= 3,
    check: { ok: maxRel <= 1e-12, maxRel },
    runs: { single: singleM.runs, many: manyM.runs, loop: loopM.runs },
  };
  log(`  many: ${fmtNs(manyNs)} ns/bar-series vs ${fmtNs(singleNs)} ns/bar single (${res.ratio.toFixed(2)}×)  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return res;
}

/** sma for every period 5..200 in one sweep call vs 196 single calls. */
function runSweep() {
  const periods = Array.from({ length: 196 }, (_, i) => i + 5);
  const C = periods.length;
  const x = full.close;
  const sweepM = measure(() => hean.sma.sweep(x, { period: periods }), { minRuns: MIN_RUNS, maxRuns: 7, budgetMs: 0 });
  // The sweep writing into one preallocated buffer (`out`), as a backtest loop would.
  const sweepBuf = new Float64Array(C * N);
  const sweepOutM = measure(() => hean.sma.sweep(x, { period: periods }, sweepBuf), { minRuns: MIN_RUNS, maxRuns: 7, budgetMs: 0 });
  // Like sweep, the loop keeps all 196 outputs (each call allocates its own 8·N bytes).
  const loopAllocM = measure(() => periods.map((p) => hean.sma(x, p)), { minRuns: MIN_RUNS, maxRuns: 7, budgetMs: 0 });
  // The same loop writing into the rows of one preallocated (already faulted-in) buffer.
  const buf = new Float64Array(C * N);
  const rows = periods.map((_, c) => buf.subarray(c * N, (c + 1) * N));
  const loopOutM = measure(() => {
    for (let c = 0; c < C; c++) hean.sma(x, periods[c], rows[c]);
  }, { minRuns: MIN_RUNS, maxRuns: 7, budgetMs: 0 });

  // Check: sweep rows equal single calls (loopOut left them in buf).
  const sw = hean.sma.sweep(x, { period: periods });
  let maxRel = 0;
  for (const c of [0, 15, C - 1]) {
    const d = arrayDiff(sw.values.subarray(c * N, (c + 1) * N), rows[c]);
    maxRel = Math.max(maxRel, d.nanMismatch ? Infinity : d.maxRel);
  }
  const per = (m) => m.median / (C * N);
  const res = {
    periods: `5..200 (${C})`, combos: C, bars: N,
    sweepMs: sweepM.median / 1e6, sweepOutMs: sweepOutM.median / 1e6, sweepOutNsPerBarCombo: per(sweepOutM), loopAllocMs: loopAllocM.median / 1e6, loopOutMs: loopOutM.median / 1e6,
    sweepNsPerBarCombo: per(sweepM), loopAllocNsPerBarCombo: per(loopAllocM), loopOutNsPerBarCombo: per(loopOutM),
    speedupVsLoopAlloc: loopAllocM.median / sweepM.median, speedupVsLoopOut: loopOutM.median / sweepM.median,
    check: { ok: maxRel <= 1e-12, maxRel },
    runs: { sweep: sweepM.runs, loopAlloc: loopAllocM.runs, loopOut: loopOutM.runs },
  };
  log(`  sweep: ${res.sweepMs.toFixed(0)} ms vs loop ${res.loopAllocMs.toFixed(0)} ms (alloc) / ${res.loopOutMs.toFixed(0)} ms (out)  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return res;
}

/**
 * One timing loop per cell, compiled from its own source text: V8 can share type feedback
 * between closures of the same source, and a shared generic loop calling many different
 * functions deopted ("wrong call target") in the research runs (research/limits.md §c).
 */
function repeat(fn, calls, tag) {
  const loop = new Function('fn', 'calls', `/* ${tag.replace(/\W/g, '_')} */ let r; for (let i = 0; i < calls; i++) r = fn(); return r;`);
  return () => loop(fn, calls);
}

/** ns per call on a 64-bar series: the fixed cost of one call (argument checks, N-API). */
function runOverhead() {
  const L = 64;
  const CALLS = 10_000;
  const d = { n: L, close: bars.close.slice(0, L), high: bars.high.slice(0, L), low: bars.low.slice(0, L) };
  const opts = { minRuns: MIN_RUNS, maxRuns: 15, budgetMs: 100 };
  const rows = SPECS.map((spec) => {
    const o = spec.makeOut(L);
    const po = spec.makeOut(L);
    const cell = (fn, kind) => measure(repeat(fn, CALLS, `${spec.id}_${kind}`), opts).median / CALLS;
    return {
      id: spec.id, label: spec.label, bars: L,
      heanOutNsPerCall: cell(() => spec.heanOut(d, o), 'out'),
      heanAllocNsPerCall: cell(() => spec.heanAlloc(d), 'alloc'),
      plainNsPerCall: cell(() => spec.plain(d, po), 'plain'),
    };
  });
  log(`  per-call: ${rows.map((r) => `${r.id} ${fmtNs(r.heanOutNsPerCall)}`).join(' · ')} ns  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return rows;
}

// ---------------------------------------------------------------------------------------
// Run and report
// ---------------------------------------------------------------------------------------

const machine = machineInfo();
const versions = { hean: hean.version, ...Object.fromEntries(PEERS.map((p) => [p.pkg, p.present ? pkgVersion(p.pkg) : null])) };
log(`indicators bench: ${N} bars, seed ${SEED}, ${machine.cpu} ×${machine.cores}, node ${machine.node}, load ${machine.loadavg.join(' ')}`);

/** Runs one section and records how busy the rest of the machine was meanwhile. */
const noise = {};
function section(name, fn) {
  const done = cpuMeter();
  const r = fn();
  noise[name] = done();
  if (noise[name].otherCores > BUSY_CORES) log(`  (other processes used ${noise[name].otherCores} cores during ${name})`);
  collect();
  return r;
}
const runMeter = cpuMeter();
const table = SPECS.map((spec) => section(spec.id, () => runIndicator(spec)));
const many = section('many', runMany);
const sweep = section('sweep', runSweep);
const overhead = section('overhead', runOverhead);
const usage = runMeter();
const machineEnd = machineInfo();
const elapsedS = (Date.now() - t0) / 1000;

// --- Markdown ---------------------------------------------------------------------------
const fmtCell = (c) => {
  if (!c) return 'n/a';
  if (c.error) return 'error';
  return `${fmtNs(c.nsPerBar)}${c.subset ? '†' : ''}${c.check && !c.check.ok ? ' ⚠' : ''}`;
};
const yes = (b) => (b ? '✓' : '✗');
const out = [];
out.push(`# hean indicator bench`);
out.push('');
out.push(`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemGiB} GiB, ${machine.platform}`);
out.push(`- Node ${machine.node} (V8 ${machine.v8}); gc() between runs: ${gcExposed ? 'yes' : 'NO (run via npm run bench)'}`);
out.push(`- Other processes used ${usage.otherCores} of ${machine.cores} cores on average during the run (this bench: ${usage.ownCores}).`);
const noisy = Object.entries(noise).filter(([, v]) => v.otherCores > BUSY_CORES);
if (noisy.length) out.push(`- ⚠ Machine busy during: ${noisy.map(([k, v]) => `${k} (${v.otherCores} cores)`).join(', ')}. Those times are inflated and noisy, the threaded forms (many, sweep) most of all.`);
out.push(`- Versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v ?? 'n/a'}`).join(', ')}`);
out.push(`- Data: ${N.toLocaleString('en-US')} bars, geometric random walk (seed ${SEED}), high/low/volume derived; the same series for every library.`);
out.push(`- Cells: ns per bar, median of ≥${MIN_RUNS} timed runs after 2 warm-ups, no forced GC. Total bench time ${elapsedS.toFixed(0)} s.`);
out.push('');
out.push(mdTable(
  ['indicator', 'hean(out)', 'hean(alloc)', 'plain JS', ...PEERS.map((p) => p.title), 'fastest peer', 'ratio', 'target', 'met'],
  table.map((r) => [
    r.label,
    fmtCell(r.cells.heanOut),
    fmtCell(r.cells.heanAlloc),
    fmtCell(r.cells.plain),
    ...PEERS.map((p) => fmtCell(r.cells[p.key])),
    r.fastestPeer ? `${r.fastestPeer.lib} ${fmtNs(r.fastestPeer.nsPerBar)}` : 'n/a',
    r.ratio ? `${r.ratio.toFixed(1)}×` : 'n/a',
    `≤${r.target} ns, ≥${RATIO_TARGET}×`,
    `ns ${yes(r.met.ns)} ratio ${yes(r.met.ratio)}`,
  ]),
));
out.push('');
out.push('- hean(out): writes into preallocated Float64Arrays; hean(alloc): allocates its output(s) each call; plain JS: benches/plain.mjs into preallocated Float64Arrays (TA-Lib seeding).');
out.push(`- ratio = fastest peer / hean(out), over peers whose last value agrees with hean (|Δ| ≤ ${TOL}·max(1,|hean|)).`);
const subsetCells = table.flatMap((r) => PEERS.filter((p) => r.cells[p.key]?.subset).map((p) => `${p.title} ${r.id} (first full call ${r.cells[p.key].firstCallMs} ms)`));
if (subsetCells.length) out.push(`- † timed on the first ${SUBSET.toLocaleString('en-US')} bars and reported per bar, because one full-size call took > ${SLOW_CALL_MS} ms: ${subsetCells.join('; ')}. Agreement checks always use the full series.`);
const mism = table.flatMap((r) => r.mismatches.map((m) => ({ ...m, id: r.id })));
for (const m of mism) {
  const parts = Object.entries(m.detail).filter(([, v]) => !(v.rel <= TOL)).map(([k, v]) => `${k} ${v.peer} vs hean ${v.hean}`);
  out.push(`- ⚠ ${m.lib} ${m.id} disagrees with hean on the last value (${parts.join(', ')})${m.known ? `: expected — ${m.known}` : ': UNEXPLAINED'}. Its time is shown but excluded from "fastest peer".`);
}
const badSelf = table.filter((r) => !r.cells.heanAlloc.check.ok || !r.cells.plain.check.ok);
for (const r of badSelf) out.push(`- ⚠ ${r.id}: hean(alloc) or plain JS differs from hean(out) over the whole series (max rel ${Math.max(r.cells.heanAlloc.check.maxRel, r.cells.plain.check.maxRel).toExponential(1)}).`);
if (!badSelf.length) out.push('- hean(alloc) equals hean(out) exactly and plain JS agrees with hean to ≤1e-9 over every bar, for all six.');
const plainWins = table.filter((r) => r.cells.plain.nsPerBar < r.cells.heanOut.nsPerBar);
if (plainWins.length) out.push(`- plain JS is faster than hean(out) for: ${plainWins.map((r) => `${r.id} (${fmtNs(r.cells.plain.nsPerBar)} vs ${fmtNs(r.cells.heanOut.nsPerBar)})`).join(', ')}.`);
const errs = table.flatMap((r) => PEERS.filter((p) => r.cells[p.key]?.error).map((p) => `${p.title} ${r.id}: ${r.cells[p.key].error}`));
for (const e of errs) out.push(`- error: ${e}`);
out.push('- Peer API paths:');
for (const p of PEERS) out.push(`  - ${p.title}: ${p.present ? p.api : 'not installed'}`);
out.push('');
out.push(`## Many series: ema(20), ${many.series} series × ${many.bars.toLocaleString('en-US')} bars`);
out.push('');
out.push(mdTable(['form', 'ns per bar(-series)', 'vs many'], [
  ['hean.ema.many, one call', fmtNs(many.manyNsPerBarSeries), '1×'],
  [`hean.ema, one series of ${many.bars.toLocaleString('en-US')} bars`, fmtNs(many.singleNsPerBar), `${many.ratio.toFixed(2)}×`],
  [`hean.ema, loop of ${many.series} calls over the same matrix`, fmtNs(many.loopNsPerBarSeries), `${many.ratioVsLoop.toFixed(2)}×`],
]));
out.push('');
out.push(`Ratio single / many = ${many.ratio.toFixed(2)}× (target ≥ ${many.target}×: ${yes(many.met)}). Many-series output matches single calls: ${many.check.ok ? 'yes' : `NO (max rel ${many.check.maxRel})`}.`);
out.push('');
out.push(`## Sweep: sma, periods ${sweep.periods}, ${sweep.bars.toLocaleString('en-US')} bars`);
out.push('');
out.push(mdTable(['form', 'ms', 'ns per bar-period', 'vs sweep'], [
  [`hean.sma.sweep, one call (allocates ${sweep.combos} rows)`, sweep.sweepMs.toFixed(1), fmtNs(sweep.sweepNsPerBarCombo), '1×'],
  [`hean.sma.sweep, one call into \`out\``, sweep.sweepOutMs.toFixed(1), fmtNs(sweep.sweepOutNsPerBarCombo), `${(sweep.sweepMs / sweep.sweepOutMs).toFixed(2)}×`],
  [`loop of ${sweep.combos} hean.sma calls, each allocating`, sweep.loopAllocMs.toFixed(1), fmtNs(sweep.loopAllocNsPerBarCombo), `${sweep.speedupVsLoopAlloc.toFixed(2)}×`],
  [`loop of ${sweep.combos} hean.sma calls into one preallocated buffer`, sweep.loopOutMs.toFixed(1), fmtNs(sweep.loopOutNsPerBarCombo), `${sweep.speedupVsLoopOut.toFixed(2)}×`],
]));
out.push('');
out.push(`Sweep rows match single calls: ${sweep.check.ok ? 'yes' : `NO (max rel ${sweep.check.maxRel})`}. Without \`out\` the sweep pays for ${((sweep.combos * N * 8) / 2 ** 30).toFixed(2)} GiB of fresh pages; the allocating loop is its like-for-like comparison, the preallocated loop that of the sweep into \`out\`.`);
out.push('');
out.push(`## Per-call cost on a ${overhead[0].bars}-bar series (ns per call)`);
out.push('');
out.push(mdTable(['indicator', 'hean(out)', 'hean(alloc)', 'plain JS'], overhead.map((r) => [r.label, fmtNs(r.heanOutNsPerCall), fmtNs(r.heanAllocNsPerCall), fmtNs(r.plainNsPerCall)])));
console.log(out.join('\n'));

// --- JSON -------------------------------------------------------------------------------
mkdirSync(RESULTS_DIR, { recursive: true });
const json = {
  suite: 'indicators',
  date: new Date().toISOString(),
  machine: { ...machine, loadavgEnd: machineEnd.loadavg },
  otherProcessCores: { run: usage.otherCores, bySection: noise },
  versions,
  config: { bars: N, subsetBars: SUBSET, seed: SEED, minRuns: MIN_RUNS, warmup: 2, slowCallMs: SLOW_CALL_MS, tolerance: TOL },
  peerApi: Object.fromEntries(PEERS.map((p) => [p.title, p.present ? p.api : null])),
  targets: { nsPerBar: Object.fromEntries(SPECS.map((s) => [s.id, s.target])), ratio: RATIO_TARGET, manyRatio: 3 },
  indicators: table,
  many,
  sweep,
  overhead,
  elapsedS,
};
writeFileSync(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
log(`wrote ${RESULTS}`);
