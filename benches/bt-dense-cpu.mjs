// Dense fromOrders (an order every bar, the backtest bench's data) call by call, in CPU time
// with the page faults of each call (and the process's first call apart): where the fill log's
// fresh memory shows up (system time and faults), for A/B runs of two builds interleaved (HEAN_CPP_ADDON=/path/to/other.node).
//   node benches/bt-dense-cpu.mjs [fills|none|read] [calls]  none: `trades: false`; read: each result's trades read
//   HEAN_BT_WORKSPACE=1 ...                                 every call with one workspace (option `workspace`)
//   HEAN_BT_VERBOSE=1 ...                                  every call's user / sys / faults
//   HEAN_BT_GC=1 ...                                       the V8 collections during the calls (perf_hooks 'gc'
//     entries): how many were full (mark-compact), their pauses (wall time); with HEAN_BT_VERBOSE,
//     each call's. A full collection's concurrent marking runs between its start (in one call) and
//     its final pause (often the next), so its CPU cannot be pinned on one call: compare the median
//     with the workspace run's (HEAN_BT_WORKSPACE=1, no new column memory, no full collections)
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';
import { envInt, fillCloses, mulberry32 } from './harness.mjs';

const { backtest } = await import(process.env.HEAN_BENCH_DIST ?? '../dist/index.js');
const N = envInt('HEAN_BT_DENSE', 1_000_000);
const mode = process.argv[2] ?? 'fills';
const calls = Number(process.argv[3] ?? 30);
// the same series and orders as benches/backtest.mjs
const close = fillCloses(new Float64Array(N), 0, N, 42);
const size = new Float64Array(N);
const r = mulberry32(3);
for (let i = 0; i < N; i++) size[i] = (i % 2 === 0 ? 1 : -1) * (0.5 + r() * 0.1);
const opts = { fees: 0.001, threads: 1, ...(mode === 'none' ? { trades: false } : {}), ...(process.env.HEAN_BT_WORKSPACE ? { workspace: backtest.workspace() } : {}) };
const run = mode === 'read' ? () => backtest.fromOrders({ close, size }, opts).trades : () => backtest.fromOrders({ close, size }, opts);
// the process's first call on its own (its log's memory is fresh from the kernel)
const f00 = process.resourceUsage().minorPageFault;
const c00 = process.cpuUsage();
run();
const c1st = process.cpuUsage(c00);
const first = `first call ${(((c1st.user + c1st.system) * 1e3) / N).toFixed(1)} ns/order CPU (sys ${((c1st.system * 1e3) / N).toFixed(1)}), ${process.resourceUsage().minorPageFault - f00} page faults`;
run();
const ns = [];
const faults = [];
const spans = [];
const gcs = [];
const obs = process.env.HEAN_BT_GC ? new PerformanceObserver((l) => gcs.push(...l.getEntries())) : undefined;
obs?.observe({ entryTypes: ['gc'] });
for (let k = 0; k < calls; k++) {
  const f0 = process.resourceUsage().minorPageFault;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  run();
  const c = process.cpuUsage(c0);
  spans.push([t0, performance.now()]);
  const f = process.resourceUsage().minorPageFault - f0;
  ns.push(((c.user + c.system) * 1e3) / N);
  faults.push(f);
  if (process.env.HEAN_BT_VERBOSE) console.log(`call ${k}: user ${(c.user / 1e3).toFixed(1)} ms, sys ${(c.system / 1e3).toFixed(1)} ms, ${f} page faults`);
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`fromOrders dense, ${mode}${opts.workspace ? ' (workspace)' : ''}, ${N.toLocaleString()} orders: ${first}; then ${calls} calls: median ${med(ns).toFixed(1)} ns/order CPU (min ${Math.min(...ns).toFixed(1)}), median ${med(faults)} page faults a call (${faults.reduce((a, b) => a + b, 0)} in all)`);
if (obs) {
  // the entries arrive on a later turn of the event loop
  await new Promise((r) => setTimeout(r, 50));
  obs.disconnect();
  const major = (e) => (e.detail?.kind ?? e.kind) === constants.NODE_PERFORMANCE_GC_MAJOR;
  const inside = (k) => gcs.filter((e) => e.startTime >= spans[k][0] && e.startTime < spans[k][1]);
  let mcPause = 0;
  let otherPause = 0;
  for (let k = 0; k < calls && process.env.HEAN_BT_VERBOSE; k++)
    console.log(`call ${k}: ${ns[k].toFixed(1)} ns/order CPU; ${inside(k).map((e) => `${major(e) ? 'full' : 'other'} ${e.duration.toFixed(2)} ms`).join(', ')}`);
  const during = gcs.filter((e) => e.startTime >= spans[0][0] && e.startTime < spans[calls - 1][1]);
  for (const e of during) major(e) ? (mcPause += e.duration) : (otherPause += e.duration);
  const mcs = during.filter(major).length;
  console.log(`  V8 collections during the ${calls} calls: ${mcs} full (pauses ${mcPause.toFixed(1)} ms in all, wall time), the other collections' pauses ${otherPause.toFixed(1)} ms in all`);
}
