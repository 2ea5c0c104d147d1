// Cost composition of the allocating form (`npm run bench -- alloc`): for each function,
// CALLS back-to-back calls at N bars, with `out` and allocating, and what the allocating
// calls spend besides the kernel: time in GC by kind (PerformanceObserver 'gc': scavenge,
// mark-compact, ...), minor page faults (process.resourceUsage) and, for reference, the
// cost of just allocating and filling the outputs in JS (`new Float64Array(N)` + fill).
// Reports mean and median ns/bar (the mean includes every collection the calls caused;
// the median hides those that run every few calls). No forced GC between calls.
//
//   HEAN_BENCH_BARS   bars (default 1,000,000)
//   HEAN_BENCH_ONLY   comma-separated names (default macd,tema,adosc,sar,sma,bbands)
//   HEAN_BENCH_CALLS  calls per measurement (default 40)
//   HEAN_BENCH_SHORT  also measure 64-bar calls (default 1)
//
// 'yield per call' awaits setImmediate between calls (as a server does between ticks), so
// Node runs the finalizers of collected results; only the calls are timed.
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { envInt, makeBars, outFor } from './harness.mjs';

const N = envInt('HEAN_BENCH_BARS', 1_000_000);
const CALLS = envInt('HEAN_BENCH_CALLS', 40);
const ONLY = (process.env.HEAN_BENCH_ONLY ?? 'macd,tema,adosc,sar,sma,bbands').split(',');
const SHORT = process.env.HEAN_BENCH_SHORT !== '0';
const hean = await import('../dist/index.js');
const bars = makeBars(N, 42);

const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
let gcLog = [];
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if ((e.detail?.flags ?? 0) & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) continue; // the gc() before a run
    gcLog.push({ kind: KINDS[e.detail?.kind ?? e.kind] ?? 'other', ms: e.duration });
  }
});
obs.observe({ entryTypes: ['gc'] });
const flushGc = () => new Promise((r) => setImmediate(r)); // observer callbacks run asynchronously

let sink;
async function run(label, fn, calls = CALLS, per = N, yieldEach = false) {
  for (let w = 0; w < 3; w++) sink = fn();
  if (globalThis.gc) globalThis.gc();
  await flushGc();
  gcLog = [];
  const ru0 = process.resourceUsage();
  const cpu0 = process.cpuUsage();
  const samples = [];
  const t0 = process.hrtime.bigint();
  let inCalls = 0;
  for (let c = 0; c < calls; c++) {
    const a = process.hrtime.bigint();
    sink = fn();
    const dt = Number(process.hrtime.bigint() - a);
    samples.push(dt);
    inCalls += dt;
    if (yieldEach) await new Promise((r) => setImmediate(r)); // a server's tick: finalizers run
  }
  // Yielding: only the calls are timed (GC pauses inside them included).
  const total = yieldEach ? inCalls : Number(process.hrtime.bigint() - t0);
  const cpu1 = process.cpuUsage(cpu0);
  const ru1 = process.resourceUsage();
  await flushGc();
  samples.sort((a, b) => a - b);
  const byKind = {};
  for (const g of gcLog) {
    const k = (byKind[g.kind] ??= { n: 0, ms: 0 });
    k.n++;
    k.ms += g.ms;
  }
  const gcNs = Object.values(byKind).reduce((s, k) => s + k.ms * 1e6, 0);
  const r = {
    label,
    mean: total / calls / per,
    median: samples[calls >> 1] / per,
    cpu: ((cpu1.user + cpu1.system) * 1e3) / calls / per,
    gc: gcNs / calls / per,
    faults: (ru1.minorPageFault - ru0.minorPageFault) / calls,
    kinds: Object.entries(byKind).map(([k, v]) => `${k} ${v.n}× ${v.ms.toFixed(1)} ms`).join(', '),
  };
  const f = (x) => x.toFixed(2).padStart(7);
  console.log(`  ${label.padEnd(26)} mean ${f(r.mean)}  cpu ${f(r.cpu)}  median ${f(r.median)}  gc ${f(r.gc)} ns/bar  faults/call ${r.faults.toFixed(0).padStart(5)}  ${r.kinds}`);
  return r;
}

const inputsOf = (meta, n) => meta.inputs.slice(0, meta.required).map((name) => (bars[name] ?? bars.close).subarray(0, n));
console.log(`# allocating form at ${N.toLocaleString()} bars, ${CALLS} calls each (ns/bar; cpu = process CPU time incl. GC helper threads; gc = GC pause time)`);
for (const name of ONLY) {
  const f = hean[name];
  const meta = f.meta;
  const ins = inputsOf(meta, N);
  const nOut = meta.outputs.length;
  const out = nOut === 1 ? new Float64Array(N) : Object.fromEntries(meta.outputs.map((o) => [o, new Float64Array(N)]));
  console.log(`${name} (${nOut} output${nOut > 1 ? 's' : ''})`);
  await run('out', () => f(...ins, undefined, out));
  await run('allocating', () => f(...ins));
  await run('allocating, yield per call', () => f(...ins), CALLS, N, true);
  await run('JS: new Float64Array × outs', () => {
    const r = [];
    for (let k = 0; k < nOut; k++) r.push(new Float64Array(N));
    return r;
  });
  await run('JS: new + fill × outs', () => {
    const r = [];
    for (let k = 0; k < nOut; k++) r.push(new Float64Array(N).fill(1));
    return r;
  });
}
if (SHORT) {
  const S = 64;
  console.log(`# ${S}-bar calls, 200000 each (ns/call)`);
  for (const name of ONLY) {
    const f = hean[name];
    const ins = inputsOf(f.meta, S);
    const out = outFor(f.meta, S);
    console.log(name);
    await run('out', () => f(...ins, undefined, out), 200000, 1);
    await run('allocating', () => f(...ins), 200000, 1);
  }
  console.log('reference');
  await run('new Float64Array(64)', () => new Float64Array(S), 200000, 1);
  await run('Buffer.allocUnsafe(512)', () => Buffer.allocUnsafe(512), 200000, 1);
  // What a user writes without hean: a loop that allocates its result (same values as
  // hean.sma / hean.ema with default periods, checked below).
  const x = new Float64Array(S).map((_, i) => 100 + Math.sin(i / 3) * 5 + i * 0.01);
  const plainSma = (v, p) => {
    const o = new Float64Array(v.length);
    let s = 0;
    for (let i = 0; i < v.length; i++) {
      s += v[i];
      if (i >= p) s -= v[i - p];
      o[i] = i >= p - 1 ? s / p : NaN;
    }
    return o;
  };
  const plainEma = (v, p) => {
    const o = new Float64Array(v.length);
    const k = 2 / (p + 1);
    let s = 0;
    let e = 0;
    for (let i = 0; i < v.length; i++) {
      if (i < p) {
        s += v[i];
        o[i] = NaN;
        if (i === p - 1) o[i] = e = s / p;
      } else o[i] = e = (v[i] - e) * k + e;
    }
    return o;
  };
  const close = (a, b) => a.every((v, i) => (Number.isNaN(v) ? Number.isNaN(b[i]) : Math.abs(v - b[i]) <= 1e-9 * Math.abs(v)));
  if (!close(plainSma(x, 20), hean.sma(x, 20)) || !close(plainEma(x, 20), hean.ema(x, 20))) throw new Error('plain loops disagree with hean');
  await run('plain JS sma(20), allocating', () => plainSma(x, 20), 200000, 1);
  await run('hean.sma(x, 20), allocating', () => hean.sma(x, 20), 200000, 1);
  await run('plain JS ema(20), allocating', () => plainEma(x, 20), 200000, 1);
  await run('hean.ema(x, 20), allocating', () => hean.ema(x, 20), 200000, 1);
}
obs.disconnect();
