// Engine benchmark (`npm run bench -- engines`), generated from `hean.indicators()`: for every
// indicator,
//   - batch ns/bar on one series (HEAN_BENCH_BARS, default 1,000,000): native addon at its best
//     ISA level, native at HEAN_SIMD=base, and the WASM build, in HEAN_BENCH_ROUNDS rounds (5)
//     of one child process per engine, rotated (batchRounds); `node benches/engines.mjs --batch`
//     runs only this and replaces its section of docs/bench-engines.md;
//   - streaming ns/update (where a streaming class exists), as shipped;
//   - ns per call on 64 and 1,000 bars (default options, `out` given), as shipped (WASM below
//     the crossover, native above), against a plain JS loop (benches/plain.mjs) where one is
//     written; each plain loop's values are checked against hean's before it is timed;
// and, for sma ema rsi macd bbands atr, per call on 16..1,000 bars per engine (native only,
// WASM only, as shipped, plain JS) to place the crossover, plus the allocating form.
// Each engine runs in its own node process (HEAN_ENGINE / HEAN_WASM_BELOW pick it), from
// dist/ (run `npm run build:ts` first). Times are this process's CPU time (process.cpuUsage),
// median of several runs, no forced GC: on a shared machine wall time mostly measures the
// neighbours.
//   HEAN_BENCH_BARS (batch bars, 1,000,000), HEAN_BENCH_UPDATES (streaming updates, 200,000),
//   HEAN_BENCH_RUNS (timed runs per cell, 5), HEAN_BENCH_ONLY (comma-separated names),
//   HEAN_BENCH_LENGTHS (comma-separated short-series lengths for the six, 16,32,64,128,256,1000),
//   HEAN_BENCH_BATCH_RUNS (calls per batch cell in each child, 3)
// Writes benches/results/engines-latest.json and docs/bench-engines.md (linked from the README).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as plain from './plain.mjs';
import { cpuMeter, envInt, fmtNs, machineInfo, makeBars, mdTable, outFor } from './harness.mjs';

/** The load averages, as `uptime` prints them. */
const uptime = () => `load average: ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;

/** Median CPU ns of `fn` over `runs` runs (after 2 warm-up runs). */
function measure(fn, { minRuns = 5 } = {}) {
  fn();
  fn();
  const s = [];
  for (let r = 0; r < minRuns; r++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    s.push((c.user + c.system) * 1000);
  }
  s.sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2 };
}

const LENGTHS = process.env.HEAN_BENCH_LENGTHS ? process.env.HEAN_BENCH_LENGTHS.split(',').map(Number) : [16, 32, 64, 128, 256, 1000];
const CALL_LENGTHS = [64, 1000];
const N = envInt('HEAN_BENCH_BARS', 1_000_000);
const UPDATES = envInt('HEAN_BENCH_UPDATES', 200_000);
const MIN_RUNS = envInt('HEAN_BENCH_RUNS', 5);
const ONLY = process.env.HEAN_BENCH_ONLY ? new Set(process.env.HEAN_BENCH_ONLY.split(',')) : undefined;
const ROUNDS = envInt('HEAN_BENCH_ROUNDS', 5);
const BATCH_RUNS = envInt('HEAN_BENCH_BATCH_RUNS', 3);
const SIX = ['sma', 'ema', 'rsi', 'macd', 'bbands', 'atr'];

/**
 * The plain JS loops: hean name -> (inputs by name, outputs array) => void, with hean's
 * default options. Multi-output ones write outputs in hean's output order.
 */
const PLAIN = {
  sma: (d, o) => plain.sma(d.close, 20, o[0]),
  ema: (d, o) => plain.ema(d.close, 20, o[0]),
  wma: (d, o) => plain.wma(d.close, 20, o[0]),
  rsi: (d, o) => plain.rsi(d.close, 14, o[0]),
  macd: (d, o) => plain.macd(d.close, 12, 26, 9, o[0], o[1], o[2]),
  bbands: (d, o) => plain.bbands(d.close, 20, 2, o[0], o[1], o[2]),
  atr: (d, o) => plain.atr(d.high, d.low, d.close, 14, o[0]),
  stddev: (d, o) => plain.stddev(d.close, 20, 1, o[0]),
  roc: (d, o) => plain.roc(d.close, 10, o[0]),
  mom: (d, o) => plain.mom(d.close, 10, o[0]),
  willr: (d, o) => plain.willr(d.high, d.low, d.close, 14, o[0]),
  cci: (d, o) => plain.cci(d.high, d.low, d.close, 20, o[0]),
  obv: (d, o) => plain.obv(d.close, d.volume, o[0]),
};
/** The option values the plain loops hard-code, checked against hean's defaults. */
const PLAIN_OPTS = { sma: { period: 20 }, ema: { period: 20 }, wma: { period: 20 }, rsi: { period: 14 }, macd: { fast: 12, slow: 26, signal: 9 }, bbands: { period: 20, stdDev: 2, maType: 0 }, atr: { period: 14 }, stddev: { period: 20, stdDev: 1 }, roc: { period: 10 }, mom: { period: 10 }, willr: { period: 14 }, cci: { period: 20 } };

function slice(src, n) {
  const d = {};
  for (const [k, v] of Object.entries(src)) d[k] = v.slice(0, n);
  return d;
}

function dataOf(n) {
  const bars = makeBars(Math.max(n, 1000), 42);
  const close = bars.close.subarray(0, n);
  return slice(
    {
      open: bars.open,
      high: bars.high,
      low: bars.low,
      close: bars.close,
      volume: bars.volume,
      x: bars.close,
      y: bars.close.map((v, i) => v * (1 + 0.001 * Math.sin(i))),
      periods: Float64Array.from({ length: bars.close.length }, (_, i) => 2 + (i % 29)),
    },
    close.length,
  );
}

let unique = 0;
/** fn repeated `calls` times in a loop compiled per cell (keeps call sites monomorphic). */
function repeat(fn, calls) {
  const loop = new Function('fn', 'calls', `/* cell ${unique++} */ let r; for (let i = 0; i < calls; i++) r = fn(); return r;`);
  return () => loop(fn, calls);
}

/**
 * A hean call with default options and `out`, generated per indicator (no spread at the call
 * site); `arena` given: its inputs and `out` resident (hean.wasmArena), read and written in place.
 */
function heanCall(hean, m, d, alloc, arena) {
  const resident = (x) => {
    const r = arena.array(x.length);
    r.set(x);
    return r;
  };
  const ins = m.inputs.slice(0, m.required).map((k) => (arena ? resident(d[k]) : d[k]));
  const n = ins[0].length;
  const out = outFor(m, n, arena ? (len) => arena.array(len) : undefined);
  const args = ins.map((_, k) => `ins[${k}]`).join(', ');
  const body = alloc ? `return () => f(${args});` : `return () => f(${args}, undefined, out);`;
  return new Function('f', 'ins', 'out', `/* ${m.name} ${unique++} */ ${body}`)(globalThis.__hean[m.name], ins, out);
}

function perCallCalls(L) {
  return Math.max(500, Math.round(1_000_000 / L));
}

async function child(kind) {
  const hean = await import('../dist/index.js');
  globalThis.__hean = hean;
  const metas = hean.indicators().filter((m) => typeof hean[m.name] === 'function' && (!ONLY || ONLY.has(m.name)));
  const bySix = (a, b) => (SIX.includes(b.name) ? 1 : 0) - (SIX.includes(a.name) ? 1 : 0);
  metas.sort(bySix); // the six first: what they measure should not depend on the rest
  const out = { engine: hean.engine() };
  const six = metas.filter((m) => SIX.includes(m.name));
  if (kind === 'plain') {
    out.check = {};
    out.perCall = {};
    for (const [name, f] of Object.entries(PLAIN)) {
      const m = metas.find((x) => x.name === name);
      if (!m) continue;
      // Same options as hean's defaults, and the same values (to 1e-8 relative).
      for (const [k, v] of Object.entries(PLAIN_OPTS[name] ?? {})) {
        const o = m.options.find((x) => x.name === k);
        if (!o || o.default !== v) throw new Error(`plain.${name}: option ${k}=${v} is not hean's default (${o?.default})`);
      }
      let worst = 0;
      for (const L of [64, 1000, 5000]) {
        const d = dataOf(L);
        const o = m.outputs.map(() => new Float64Array(L));
        f(d, o);
        const ref = hean[name](...m.inputs.slice(0, m.required).map((k) => d[k]));
        const refs = m.outputs.length === 1 ? [ref] : m.outputs.map((k) => ref[k]);
        refs.forEach((r, k) => {
          for (let i = 0; i < L; i++) {
            const a = o[k][i], b = r[i];
            if (Number.isNaN(a) !== Number.isNaN(b)) throw new Error(`plain.${name} output ${m.outputs[k]}[${i}] is ${a}, hean has ${b} (${L} bars)`);
            if (!Number.isNaN(b)) worst = Math.max(worst, Math.abs(a - b) / Math.max(1, Math.abs(b)));
          }
        });
      }
      if (worst > 1e-8) throw new Error(`plain.${name} differs from hean by ${worst} (relative)`);
      out.check[name] = worst;
    }
    for (const [name, f] of Object.entries(PLAIN)) {
      if (!(name in out.check)) continue;
      const m = metas.find((x) => x.name === name);
      out.perCall[name] = {};
      for (const L of SIX.includes(name) ? [...new Set([...LENGTHS, ...CALL_LENGTHS])] : CALL_LENGTHS) {
        const d = dataOf(L);
        const o = m.outputs.map(() => new Float64Array(L));
        const calls = perCallCalls(L);
        out.perCall[name][L] = measure(repeat(() => f(d, o), calls), { minRuns: MIN_RUNS }).median / calls;
      }
      if (SIX.includes(name)) {
        // The allocating form, for comparison with hean's: fresh output arrays per call.
        const d = dataOf(64);
        const calls = perCallCalls(64);
        out.perCall[name].alloc64 = measure(repeat(() => f(d, m.outputs.map(() => new Float64Array(64))), calls), { minRuns: MIN_RUNS }).median / calls;
      }
    }
    return out;
  }
  // Per call, the six over LENGTHS (every engine), then every indicator at CALL_LENGTHS (as shipped).
  out.perCall = {};
  for (const m of kind === 'stream' ? [] : kind === 'auto' ? metas : six) {
    out.perCall[m.name] = {};
    const lens = SIX.includes(m.name) ? [...new Set([...LENGTHS, ...CALL_LENGTHS])] : CALL_LENGTHS;
    for (const L of lens) {
      const calls = perCallCalls(L);
      out.perCall[m.name][L] = measure(repeat(heanCall(hean, m, dataOf(L), false), calls), { minRuns: MIN_RUNS }).median / calls;
    }
    if (kind === 'auto' && SIX.includes(m.name)) {
      // Inputs and out resident (wasmArena): no copy in or out.
      for (const L of LENGTHS) {
        const calls = perCallCalls(L);
        const arena = hean.wasmArena((m.required + m.outputs.length) * L);
        out.perCall[m.name][`resident${L}`] = measure(repeat(heanCall(hean, m, dataOf(L), false, arena), calls), { minRuns: MIN_RUNS }).median / calls;
        arena.free();
      }
      const calls = perCallCalls(64);
      out.perCall[m.name].alloc64 = measure(repeat(heanCall(hean, m, dataOf(64), true), calls), { minRuns: MIN_RUNS }).median / calls;
    }
  }
  if (kind === 'stream') {
    // Streaming: the class of the same name in PascalCase, default options, one update per
    // bar; one class per process (STREAM_ONE), as a bot running a few classes would see it.
    out.stream = {};
    const d = dataOf(UPDATES);
    for (const m of metas) {
      if (m.name !== process.env.STREAM_ONE) continue;
      const cls = m.name[0].toUpperCase() + m.name.slice(1);
      const ins = m.inputs.slice(0, m.required);
      const loop = new Function('C', 'd', 'n', `/* ${cls} ${unique++} */ const ${ins.map((k, j) => `i${j} = d.${k}`).join(', ')}; const s = new C(); let last; for (let i = 0; i < n; i++) last = s.update(${ins.map((_, j) => `i${j}[i]`).join(', ')}); return last;`);
      out.stream[m.name] = measure(() => loop(hean[cls], d, UPDATES), { minRuns: MIN_RUNS }).median / UPDATES;
    }
    return out;
  }
  if (kind === 'auto') return out;
  if (kind !== 'batch') return out;
  // Batch ns/bar, default options, one series of N bars, `out` given; the engine (and ISA
  // level) as the parent's environment for this child says.
  out.batch = {};
  out.arrays = {};
  const d = dataOf(N);
  for (const m of metas) {
    const f = heanCall(hean, m, d, false);
    out.batch[m.name] = measure(f, { minRuns: BATCH_RUNS }).median / N;
    out.arrays[m.name] = m.required + m.outputs.length;
  }
  // The WASM engine's copy floor: ns/bar to copy one array of N doubles into a WebAssembly
  // memory and one out of it (half of each: the cost per array copied, in or out).
  const mem = new Float64Array(new WebAssembly.Memory({ initial: Math.ceil((8 * N) / 65536) }).buffer, 0, N);
  const back = new Float64Array(N);
  out.copy = measure(() => (mem.set(d.close), back.set(mem)), { minRuns: Math.max(BATCH_RUNS, 5) }).median / N / 2;
  return out;
}

/** The three batch engines: native at its best ISA level, native at HEAN_SIMD=base, WASM. */
const BATCH_ENGINES = [
  { id: 'best', env: { HEAN_ENGINE: 'native', HEAN_WASM_BELOW: '0', HEAN_SIMD: '' } },
  { id: 'base', env: { HEAN_ENGINE: 'native', HEAN_WASM_BELOW: '0', HEAN_SIMD: 'base' } },
  { id: 'wasm', env: { HEAN_ENGINE: 'wasm', HEAN_SIMD: '' } },
];

/**
 * Batch ns/bar of every indicator on each engine of BATCH_ENGINES: ROUNDS rounds, each one
 * child process per engine, the engines' order rotated round to round (so a neighbour's
 * burst lands on each in turn); per indicator and engine the median over rounds of the
 * child's median, and the median over rounds of the within-round ratios wasm/best and
 * wasm/base (each pair measured seconds apart).
 */
function batchRounds() {
  const per = Object.fromEntries(BATCH_ENGINES.map((e) => [e.id, []]));
  let arrays;
  const copy = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < BATCH_ENGINES.length; k++) {
      const e = BATCH_ENGINES[(r + k) % BATCH_ENGINES.length];
      const res = runChild('batch', e.env);
      if (res.engine !== (e.id === 'wasm' ? 'wasm' : 'native')) throw new Error(`engines: ${e.id} ran on ${res.engine}`);
      per[e.id].push(res.batch);
      arrays = res.arrays;
      copy.push(res.copy);
    }
  }
  const med = (xs) => {
    const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
    const h = s.length >> 1;
    return s.length ? (s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2) : NaN;
  };
  const names = Object.keys(per.wasm[0]);
  const table = {};
  for (const n of names) {
    const ns = Object.fromEntries(BATCH_ENGINES.map((e) => [e.id, med(per[e.id].map((b) => b[n]))]));
    table[n] = { ...ns, arrays: arrays[n], wasmBest: med(per.wasm.map((b, r) => b[n] / per.best[r][n])), wasmBase: med(per.wasm.map((b, r) => b[n] / per.base[r][n])) };
  }
  return { table, copy: med(copy) };
}

/** Markdown of batchRounds' table: every indicator, and the ones over 3x native's best. */
function batchSection({ table, copy }, load) {
  const names = Object.keys(table);
  const lines = [];
  lines.push(`### Batch on ${N.toLocaleString('en-US')} bars: WASM vs native, every indicator\n`);
  lines.push(`ns/bar, default options, \`out\` given, CPU time of the child process; ${ROUNDS} rounds, each one process per engine (native at its best ISA level, native at HEAN_SIMD=base, WASM), the order rotated per round; each cell the median over rounds of the process's median of ${BATCH_RUNS} calls; ratios are medians of the within-round ratios. ${load}\n`);
  lines.push(`copy floor: the WASM engine copies each input into its memory and each output out of it (native reads and writes the caller's arrays in place); copying one array of ${N.toLocaleString('en-US')} doubles in or out took ${fmtNs(copy)} ns/bar (median over the processes), times the indicator's arrays. (wasm − copy)/best: what is left of WASM's time after that floor, over native's best.\n`);
  const rows = names.map((n) => {
    const t = table[n];
    const floor = t.arrays * copy;
    return [n, fmtNs(t.best), fmtNs(t.base), fmtNs(t.wasm), t.wasmBest.toFixed(2), t.wasmBase.toFixed(2), fmtNs(floor), ((t.wasm - floor) / t.best).toFixed(2)];
  });
  lines.push(mdTable(['indicator', 'native best', 'native base', 'wasm', 'wasm/best', 'wasm/base', 'copy floor', '(wasm − copy)/best'], rows));
  const over = names.filter((n) => table[n].wasmBest > 3).sort((a, b) => table[b].wasmBest - table[a].wasmBest);
  const r = names.map((n) => table[n].wasmBest).sort((a, b) => a - b);
  lines.push(`\nWASM batch within 3× of native (best level): ${names.length - over.length} of ${names.length} (median ratio ${r[r.length >> 1].toFixed(2)}, worst ${r[r.length - 1].toFixed(2)}). Over 3×: ${over.map((n) => `${n} ${table[n].wasmBest.toFixed(2)}`).join(', ') || 'none'}.`);
  // What limits each one over 3x, from its own numbers: the copies (what is left after the
  // copy floor is within 3x of native), or the vector width (WASM within 2x of native at
  // HEAN_SIMD=base, which runs the same kernels on 2-lane SSE2 without FMA).
  const copyBound = over.filter((n) => (table[n].wasm - table[n].arrays * copy) / table[n].best <= 3);
  const widthBound = over.filter((n) => !copyBound.includes(n) && table[n].wasmBase <= 2);
  const other = over.filter((n) => !copyBound.includes(n) && !widthBound.includes(n));
  const list = (xs, f) => xs.map((n) => `${n} ${f(table[n])}`).join(', ') || 'none';
  lines.push(`\nLimits of the ones over 3×: the copies (within 3× once the copy floor is taken off; (wasm − copy)/best): ${list(copyBound, (t) => ((t.wasm - t.arrays * copy) / t.best).toFixed(2))}. The vector width (WASM within 2× of native at HEAN_SIMD=base, the same kernels on 2-lane SSE2 without FMA; native's best runs them on 8-lane AVX-512 with hardware FMA, where WASM has 2-lane SIMD128 and, for linearreg and tsf, an exact FMA emulated (lmath.hpp lfma_certified: ~13 operations a lane and one test a run): relaxed-simd's FMA is not deterministic; wasm/base): ${list(widthBound, (t) => t.wasmBase.toFixed(2))}. Neither: ${list(other, (t) => `wasm/base ${t.wasmBase.toFixed(2)}`)}.`);
  return lines.join('\n');
}

const BATCH_BEGIN = '<!-- batch: benches/engines.mjs --batch -->';
const BATCH_END = '<!-- /batch -->';

function runChild(kind, env) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`engines bench child ${kind} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : 'n/a');

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(process.argv[3])));
} else if (process.argv[2] === '--batch') {
  // The batch table alone, replacing its section of docs/bench-engines.md.
  const meter = cpuMeter();
  const batch = batchRounds();
  const load = meter();
  const up = uptime();
  const section = batchSection(batch, `Other processes used ${load.otherCores} cores on average over the ${load.wallS} s; \`uptime\` after: ${up}. Generated by \`node benches/engines.mjs --batch\` (after \`npm run build:ts\`).`);
  process.stdout.write(`${section}\n`);
  const doc = new URL('../docs/bench-engines.md', import.meta.url);
  const old = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Engine bench\n';
  const block = `${BATCH_BEGIN}\n${section}\n${BATCH_END}`;
  const i = old.indexOf(BATCH_BEGIN), j = old.indexOf(BATCH_END);
  writeFileSync(doc, i >= 0 && j > i ? old.slice(0, i) + block + old.slice(j + BATCH_END.length) : `${old.trimEnd()}\n\n${block}\n`);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/engines-batch-latest.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), machine: machineInfo(), noise: load, uptime: up, bars: N, rounds: ROUNDS, runs: BATCH_RUNS, ...batch }, null, 1));
} else {
  const meter = cpuMeter();
  const m = machineInfo();
  const log = (s = '') => process.stdout.write(`${s}\n`);
  const md = [];
  const both = (s = '') => {
    log(s);
    md.push(s);
  };
  const started = Date.now();
  const batch = batchRounds();
  const native = runChild('native', { HEAN_ENGINE: 'native', HEAN_WASM_BELOW: '0' });
  const wasm = runChild('wasm', { HEAN_ENGINE: 'wasm' });
  const auto = runChild('auto', { HEAN_ENGINE: 'auto', HEAN_WASM_BELOW: '' });
  const js = runChild('plain', {});
  auto.stream = {};
  const probe = await import('../dist/index.js');
  for (const mt of probe.indicators()) {
    if (ONLY && !ONLY.has(mt.name)) continue;
    if (typeof probe[mt.name[0].toUpperCase() + mt.name.slice(1)] !== 'function') continue;
    Object.assign(auto.stream, runChild('stream', { HEAN_ENGINE: 'auto', STREAM_ONE: mt.name }).stream);
  }
  if (native.engine !== 'native' || wasm.engine !== 'wasm') throw new Error(`engines: expected native and wasm, got ${native.engine} and ${wasm.engine}`);
  const load = meter();
  both(`## Engines: every indicator, native addon, WASM build, streaming and short series\n`);
  both(`${m.cpu}, ${m.cores} cores, Node ${m.node}; CPU time of the bench process, median of ${MIN_RUNS} runs; batch on ${N.toLocaleString('en-US')} bars, streaming ${UPDATES.toLocaleString('en-US')} updates; other processes used ${load.otherCores} cores on average (${load.wallS} s). Generated by \`npm run bench -- engines\` (benches/engines.mjs).\n`);
  both('### Short series: ns per call, sma ema rsi macd bbands atr (default options, `out` given)\n');
  both('native: the addon only; wasm: the WASM engine only; hean: as shipped (WASM below the crossover, WASM_BELOW in src/wasm/load.ts); hean resident: as shipped, inputs and `out` in a `wasmArena` (no copies); plain JS: a loop in benches/plain.mjs with the same values.\n');
  const rows = [];
  for (const id of SIX) {
    if (!auto.perCall[id]) continue;
    for (const L of LENGTHS) {
      const nat = native.perCall[id][L], w = wasm.perCall[id][L], a = auto.perCall[id][L], p = js.perCall[id]?.[L];
      const r = auto.perCall[id][`resident${L}`];
      rows.push([id, L, fmtNs(nat), fmtNs(w), fmtNs(a), fmtNs(r), fmtNs(p), ratio(a, p), ratio(r, p)]);
    }
  }
  both(mdTable(['indicator', 'bars', 'native', 'wasm', 'hean', 'hean resident', 'plain JS', 'hean/plain', 'resident/plain'], rows));
  const cross = SIX.filter((id) => native.perCall[id]).map((id) => `${id} ${LENGTHS.find((L) => native.perCall[id][L] <= wasm.perCall[id][L]) ?? '>1000'}`);
  both(`\nCrossover (first length where native <= WASM): ${cross.join(' · ')}\n`);
  both('Allocating form (no `out`) on 64 bars, ns per call: ' + SIX.filter((id) => auto.perCall[id]).map((id) => `${id} ${fmtNs(auto.perCall[id].alloc64)} (plain JS allocating ${fmtNs(js.perCall[id]?.alloc64)})`).join(' · ') + '\n');
  both('### Every indicator\n');
  both('Batch: ns/bar on one series; stream: ns per `update` of the streaming class (— when there is none); 64 / 1000: ns per call as shipped, with the plain JS loop beside it where one is written.\n');
  const all = Object.keys(auto.perCall);
  const erows = all.map((name) => {
    const p = js.perCall[name];
    return [
      name,
      fmtNs(batch.table[name]?.best),
      fmtNs(batch.table[name]?.wasm),
      batch.table[name] ? batch.table[name].wasmBest.toFixed(2) : 'n/a',
      auto.stream[name] === undefined ? '—' : fmtNs(auto.stream[name]),
      fmtNs(auto.perCall[name][64]),
      p ? fmtNs(p[64]) : '—',
      fmtNs(auto.perCall[name][1000]),
      p ? fmtNs(p[1000]) : '—',
    ];
  });
  both(mdTable(['indicator', 'native ns/bar', 'wasm ns/bar', 'wasm/native', 'stream ns/update', '64 bars', 'plain 64', '1000 bars', 'plain 1000'], erows));
  const beat = Object.keys(js.perCall).filter((n) => auto.perCall[n]?.[64] <= js.perCall[n][64]);
  both(`Per call on 64 bars no slower than the plain JS loop: ${beat.length} of ${Object.keys(js.perCall).length} (${beat.join(', ') || 'none'}).`);
  const six = SIX.filter((n) => auto.perCall[n]?.resident64 !== undefined && js.perCall[n]);
  const beatResident = six.filter((n) => auto.perCall[n].resident64 <= js.perCall[n][64]);
  both(`With inputs and \`out\` resident (wasmArena): ${beatResident.length} of ${six.length} (${beatResident.join(', ') || 'none'}).`);
  both(`\n${BATCH_BEGIN}\n${batchSection(batch, `\`uptime\` after: ${uptime()}.`)}\n${BATCH_END}`);
  const res = { suite: 'engines', batch, date: new Date().toISOString(), machine: m, noise: load, bars: N, updates: UPDATES, runs: MIN_RUNS, seconds: Math.round((Date.now() - started) / 1000), native, wasm, auto, plain: js };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/engines-latest.json', import.meta.url), JSON.stringify(res, null, 1));
  mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../docs/bench-engines.md', import.meta.url), `# Engine bench\n\n${md.join('\n')}\n`);
}
