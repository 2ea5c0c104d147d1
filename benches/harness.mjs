// Shared bench helpers: deterministic market data, the timing loop, machine info and
// Markdown output. Used by indicators.mjs; other suites (trading.mjs) may import them too.
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Reads an integer from the environment, with a default. */
export function envInt(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`${name} must be a positive integer, got '${v}'`);
  return n;
}

// ---------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------

import { mulberry32 } from '../src/core/mulberry32.js';

export { mulberry32 };

/** Standard normals from a uniform source (Box-Muller, both values used). */
export function normals(rng) {
  let spare = NaN;
  return () => {
    if (spare === spare) {
      const s = spare;
      spare = NaN;
      return s;
    }
    const u = 1 - rng(); // (0, 1]: log(u) is finite
    const r = Math.sqrt(-2 * Math.log(u));
    const th = 2 * Math.PI * rng();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
}

/**
 * A geometric random walk of `n` closes starting at 100 (σ = 0.1% per bar, no drift),
 * written into `into` at `offset` (so many series can share one buffer).
 */
export function fillCloses(into, offset, n, seed, sigma = 0.001) {
  const z = normals(mulberry32(seed));
  let p = 100;
  for (let i = 0; i < n; i++) {
    p *= Math.exp(sigma * z());
    into[offset + i] = p;
  }
  return into;
}

/**
 * Deterministic OHLCV bars: close is a geometric random walk (seeded), open is the previous
 * close, high/low extend max/min(open, close) by a half-normal wick, volume is log-normal.
 */
export function makeBars(n, seed = 42) {
  const close = fillCloses(new Float64Array(n), 0, n, seed);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  const z = normals(mulberry32(seed ^ 0x9e3779b9));
  for (let i = 0; i < n; i++) {
    const o = i === 0 ? close[0] : close[i - 1];
    const c = close[i];
    open[i] = o;
    high[i] = Math.max(o, c) * (1 + 0.0005 * Math.abs(z()));
    low[i] = Math.min(o, c) * (1 - 0.0005 * Math.abs(z()));
    volume[i] = Math.round(1000 * Math.exp(0.5 * z()));
  }
  return { n, open, high, low, close, volume };
}

// ---------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------

/** A full GC (when node runs with --expose-gc): used between sections, never before a timed run. */
export const gcExposed = typeof globalThis.gc === 'function';
export function collect() {
  if (gcExposed) globalThis.gc();
}

const now = () => process.hrtime.bigint();

/** Keeps results reachable until the next run so calls cannot be optimised away. */
let blackhole;

/**
 * Times `fn`: `warmup` untimed calls, then at least `minRuns` timed calls, continuing up to
 * `maxRuns` while the timed total stays under `budgetMs` (cheap cells get more samples).
 * A full GC runs before every call, outside the timed region, unless `gc: false` (a forced
 * full GC makes V8 drop optimized code, which hurts allocation-free JIT loops). Returns ns.
 */
/** Median of timed runs. No forced GC before a run unless asked (`gc: true`): users don't get one. */
export function measure(fn, { warmup = 2, minRuns = 5, maxRuns = 25, budgetMs = 400, gc = false } = {}) {
  for (let w = 0; w < warmup; w++) {
    blackhole = undefined;
    if (gc) collect();
    blackhole = fn();
  }
  const samples = [];
  let total = 0;
  while (samples.length < minRuns || (samples.length < maxRuns && total < budgetMs * 1e6)) {
    blackhole = undefined;
    if (gc) collect();
    const t0 = now();
    blackhole = fn();
    const dt = Number(now() - t0);
    samples.push(dt);
    total += dt;
  }
  blackhole = undefined;
  return summarize(samples);
}

/**
 * Times several functions round-robin: each round calls every one of them once, in order,
 * so a drift in the neighbours' load lands on all alike (timing one after the other put
 * it on whichever ran last). `warmup` untimed rounds, then at least `minRuns` timed rounds,
 * continuing up to `maxRuns` while the timed total stays under `budgetMs`. No forced GC.
 * `cpu: true` times process CPU (user + system, every thread) instead of the wall clock: on
 * an overloaded host a call longer than a scheduler slice (a peer's 100 ms) is preempted in
 * proportion to the load while a 2 ms call mostly is not, so wall-clock ratios flatter the
 * short side (load 10 on 2 cores: peers ~5x slower, hean barely). Returns one summarize()
 * per function (ns), in order.
 */
export function measureRoundRobin(fns, { warmup = 1, minRuns = 7, maxRuns = 15, budgetMs = 1500, prime = 1, cpu = false } = {}) {
  const clock = cpu
    ? () => {
        const c = process.cpuUsage();
        return (c.user + c.system) * 1000;
      }
    : () => Number(now());
  const samples = fns.map(() => []);
  let total = 0;
  for (let r = 0; r < warmup + maxRuns; r++) {
    if (r >= warmup + minRuns && total >= budgetMs * 1e6) break;
    fns.forEach((fn, k) => {
      for (let p = 0; p < prime; p++) {
        blackhole = undefined;
        blackhole = fn();
      }
      blackhole = undefined;
      const t0 = clock();
      blackhole = fn();
      const dt = clock() - t0;
      if (r >= warmup) {
        samples[k].push(dt);
        total += dt;
      }
    });
  }
  blackhole = undefined;
  return samples.map(summarize);
}

export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs: s.length, samples };
}

// ---------------------------------------------------------------------------------------
// Environment and output
// ---------------------------------------------------------------------------------------

/** The version of an installed package, or undefined (reads its package.json directly). */
export function pkgVersion(name) {
  try {
    return JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  } catch {
    return undefined;
  }
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemGiB: Math.round(os.totalmem() / 2 ** 30),
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    gcExposed,
  };
}

/**
 * Measures how much CPU *other* processes used while a section ran: system-wide busy time
 * (os.cpus()) minus this process's own (process.cpuUsage()), in cores on average. On this
 * shared 2-core machine that is the best noise flag: the load average lags and counts us.
 */
export function cpuMeter() {
  const busy = () => os.cpus().reduce((a, c) => a + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
  const busy0 = busy();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const wall = performance.now() - t0;
    const own = process.cpuUsage(own0);
    const ownMs = (own.user + own.system) / 1000;
    const r = (x) => Math.round(x * 100) / 100;
    return { wallS: r(wall / 1000), ownCores: r(ownMs / wall), otherCores: r(Math.max(0, (busy() - busy0 - ownMs) / wall)) };
  };
}

/** `out` for an indicator call of n bars: one Float64Array, or one per output name. */
export function outFor(meta, n, make = (len) => new Float64Array(len)) {
  return meta.outputs.length === 1 ? make(n) : Object.fromEntries(meta.outputs.map((o) => [o, make(n)]));
}

/** A Markdown table; `align` is 'l' or 'r' per column (default: first left, rest right). */
export function mdTable(headers, rows, align) {
  const al = align ?? headers.map((_, i) => (i === 0 ? 'l' : 'r'));
  const sep = al.map((a) => (a === 'r' ? '---:' : ':---'));
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(sep), ...rows.map(line)].join('\n');
}

/** ns with 3 significant digits (at least 2 decimals below 10). */
export function fmtNs(x) {
  if (x === undefined || x === null || !Number.isFinite(x)) return 'n/a';
  if (x < 10) return x.toFixed(2);
  if (x < 100) return x.toFixed(1);
  return x.toFixed(0);
}

// ---------------------------------------------------------------------------------------
// Native floors
// ---------------------------------------------------------------------------------------

/**
 * Compiles benches/<file> with g++ (`flags`), runs it with `args` and returns its stdout, or
 * undefined when g++ or the run fails (`inherit`: the run prints to this process's stdout).
 */
export function runCpp(file, args = [], { flags = ['-O2'], inherit = false } = {}) {
  const src = fileURLToPath(new URL(file, import.meta.url));
  const dir = mkdtempSync(join(os.tmpdir(), 'hean-floors-'));
  try {
    const exe = join(dir, 'floor');
    const cc = spawnSync('g++', [...flags, src, '-o', exe], { stdio: 'inherit' });
    if (cc.status !== 0) throw new Error(`g++ failed (${cc.signal ?? `exit ${cc.status}`})`);
    const r = spawnSync(exe, args, { stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${file} failed (${r.signal ?? `exit ${r.status}`})`);
    return r.stdout ?? '';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The memory floor of one-series functions by shape (benches/membw.cpp --shapes): for each
 * [k, m], the best of 9 timings in ns per element of one pass that reads k inputs and writes m outputs
 * of n doubles right after an untimed one (as functions.mjs primes its calls), with ordinary
 * and with non-temporal stores. Returns a Map from
 * `${k}:${m}` to { ordinary, nontemporal, floor } (floor: the faster), or undefined when the
 * floor cannot be measured here (no g++, not x86-64).
 */
export function memFloors(n, shapes) {
  const list = [...new Set(shapes.map(([k, m]) => `${k}:${m}`))];
  if (!list.length || os.arch() !== 'x64') return undefined;
  try {
    const out = runCpp('membw.cpp', ['--shapes', String(n), list.join(',')], { flags: ['-O2', '-pthread'] });
    const floors = new Map();
    for (const line of out.trim().split('\n')) {
      const [k, m, ordinary, nontemporal] = line.split(' ').map(Number);
      floors.set(`${k}:${m}`, { ordinary, nontemporal, floor: Math.min(ordinary, nontemporal) });
    }
    return floors;
  } catch (e) {
    process.stderr.write(`memory floors unavailable: ${e.message}\n`);
    return undefined;
  }
}
