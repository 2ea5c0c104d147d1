// Why a peer is slower late in one long process than in a short one (issue 15): times the
// @ixjb94/indicators kama peer (the same call as benches/functions.mjs makes, CPU time, a
// primed call before each timed one) in a fresh child per condition, the conditions in
// alternating order, and counts the GCs and page faults of the timed calls.
//
//   alone    nothing before it
//   ics      first every other @ixjb94 function on 2,000 bars (inline caches, code space; no heap)
//   peers    first every other @ixjb94 function on the full bars, results dropped (heap history)
//   retain   first keep as many plain 1M-element arrays alive as the full run's input cache
//            holds (7: open high low close volume periods session), nothing else run
//   junk     first keep many small objects alive (a large old generation to mark)
//   natives  first every tulind and every TA-Lib function on the full bars (their results
//            are JS arrays the addons build, a lot of garbage), results dropped
//   cold     first let another process touch 2 GB and exit, then wait 5 s: this VM hands
//            memory the guest frees to the host (free page reporting), so the kernel's free
//            pages the peer's new arrays fault in are cold on the host too
//
//   node benches/peer-drift.mjs [rounds]      (HEAN_BENCH_BARS: bars, default 1,000,000)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { envInt, makeBars, summarize } from './harness.mjs';

const N = envInt('HEAN_BENCH_BARS', 1_000_000);
const CONDITIONS = (process.env.HEAN_DRIFT_CONDITIONS ?? 'alone,ics,peers,retain,junk,cold').split(',');
const FN = process.env.HEAN_DRIFT_FN ?? 'kama';

if (process.env.HEAN_DRIFT_CONDITION) child(process.env.HEAN_DRIFT_CONDITION);
else parent();

function parent() {
  const rounds = Number(process.argv[2] ?? 3);
  const res = Object.fromEntries(CONDITIONS.map((c) => [c, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...CONDITIONS].reverse() : CONDITIONS;
    for (const c of order) {
      const p = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
        env: { ...process.env, HEAN_DRIFT_CONDITION: c },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (p.status !== 0) throw new Error(`${c}: exit ${p.status}`);
      res[c].push(JSON.parse(p.stdout));
    }
  }
  const med = (xs) => summarize(xs).median;
  console.log(`@ixjb94 ${FN}, ${N.toLocaleString()} bars, ${rounds} processes per condition (medians of their medians)`);
  console.log('condition  ns/bar  vs alone  of which system  GCs/call (scavenge, mark-compact)  GC ms/call  minor faults/call  heap used MB');
  const base = med(res.alone.map((x) => x.ns));
  for (const c of CONDITIONS) {
    const xs = res[c];
    const ns = med(xs.map((x) => x.ns));
    console.log(
      `${c.padEnd(9)} ${ns.toFixed(1).padStart(7)} ${(ns / base).toFixed(2).padStart(8)}x  ${med(xs.map((x) => x.sysNs)).toFixed(1).padStart(15)}  ${med(xs.map((x) => x.scav)).toFixed(1).padStart(8)}, ${med(xs.map((x) => x.mc)).toFixed(1).padEnd(24)} ${med(xs.map((x) => x.gcMs)).toFixed(2).padStart(10)} ${med(xs.map((x) => x.faults)).toFixed(0).padStart(18)} ${med(xs.map((x) => x.heapMB)).toFixed(0).padStart(13)}`,
    );
  }
}

function child(condition) {
  const require = createRequire(import.meta.url);
  const { IndicatorsSync } = require('@ixjb94/indicators');
  const ix = new IndicatorsSync();
  const bars = makeBars(N, 42);
  const close = Array.from(bars.close);
  const hlcv = { high: Array.from(bars.high), low: Array.from(bars.low), close, volume: Array.from(bars.volume) };
  const keep = [];
  /** Calls every other @ixjb94 function as benches/functions.mjs does (inputs by tulind's names, then small periods). */
  const tulind = require('tulind');
  const runOthers = (n) => {
    const cut = (a) => (n === N ? a : a.slice(0, n));
    const byName = { open: cut(Array.from(bars.open)), high: cut(hlcv.high), low: cut(hlcv.low), close: cut(close), volume: cut(hlcv.volume), real: cut(close) };
    for (const [name, tu] of Object.entries(tulind.indicators)) {
      if (name === FN || typeof ix[name] !== 'function') continue;
      const ins = tu.input_names.map((x) => byName[x] ?? byName.high);
      const nopt = ix[name].length - ins.length;
      if (nopt < 0) continue;
      try {
        ix[name](...ins, ...[5, 10, 20, 2, 3, 4].slice(0, nopt));
      } catch {
        // a function that refuses these options is skipped
      }
    }
  };
  if (condition === 'ics') runOthers(2000);
  if (condition === 'peers') runOthers(N);
  if (condition === 'retain') for (let k = 0; k < 7; k++) keep.push(Array.from(bars.close, (x) => x + k));
  if (condition === 'junk') for (let k = 0; k < 3_000_000; k++) keep.push({ k, v: k * 0.5 });
  if (condition === 'natives') {
    const talib = require('talib');
    const byName = { open: Array.from(bars.open), high: hlcv.high, low: hlcv.low, close, volume: hlcv.volume, real: close };
    for (const tu of Object.values(tulind.indicators)) {
      tu.indicator(
        tu.input_names.map((x) => byName[x] ?? close),
        [5, 10, 20, 2, 3, 4].slice(0, tu.options),
        () => {},
      );
    }
    for (const { name } of talib.functions) {
      const spec = talib.explain(name);
      const p = { name, startIdx: 0, endIdx: N - 1 };
      for (const x of spec.inputs) {
        if (x.flags) for (const f of Object.values(x.flags)) p[f] = byName[f];
        else p[x.name] = close;
      }
      for (const o of spec.optInputs) p[o.name] = o.defaultValue;
      try {
        talib.execute(p);
      } catch {
        // a function this call does not suit is skipped
      }
    }
  }
  if (condition === 'cold') {
    spawnSync(process.execPath, ['-e', 'const b = Buffer.alloc(2 ** 31, 1); process.exit(b[12345] - 1)'], { stdio: 'inherit' });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
  }
  globalThis.gc?.();

  // GC entries arrive asynchronously: keep them all and count those inside a timed call's window.
  const entries = [];
  const windows = [];
  const obs = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  obs.observe({ entryTypes: ['gc'] });
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) * 1000;
  };
  const samples = [];
  const sys = [];
  let faults = 0;
  let sink;
  const RUNS = 9;
  for (let r = 0; r < RUNS + 1; r++) {
    sink = undefined;
    sink = ix[FN](close, 30); // primed call (the harness primes each timed call)
    sink = undefined;
    const f0 = process.resourceUsage().minorPageFault;
    const s0 = process.cpuUsage().system;
    const w0 = performance.now();
    const t0 = cpu();
    sink = ix[FN](close, 30);
    const dt = cpu() - t0;
    if (r > 0) {
      windows.push([w0, performance.now()]);
      samples.push(dt);
      sys.push((process.cpuUsage().system - s0) * 1000);
      faults += process.resourceUsage().minorPageFault - f0;
    }
  }
  // Entries arrive asynchronously: let the observer drain before reporting.
  setTimeout(() => {
    obs.disconnect();
    let scav = 0;
    let mc = 0;
    let gcMs = 0;
    for (const e of entries) {
      if (!windows.some(([a, b]) => e.startTime >= a && e.startTime <= b)) continue;
      const kind = e.detail?.kind ?? e.kind;
      if (kind === 1) scav++;
      else mc++;
      gcMs += e.duration;
    }
    const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
    process.stdout.write(
      JSON.stringify({ ns: summarize(samples).median / N, sysNs: summarize(sys).median / N, scav: scav / RUNS, mc: mc / RUNS, gcMs: gcMs / RUNS, faults: faults / RUNS, heapMB, keep: keep.length, sink: sink.length }),
    );
  }, 50);
}
