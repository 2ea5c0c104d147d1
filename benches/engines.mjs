// Engine benchmark (`npm run bench -- engines`): the native addon against its WASM build.
//   1. per call on short series (16 .. 1000 bars) for sma, ema, rsi, macd, bbands, atr:
//      native only, WASM only, hean as shipped (WASM below the crossover), and a plain JS loop;
//   2. batch ns/bar for every indicator, native and WASM, on one series.
// Each engine runs in its own node process (HEAN_ENGINE / HEAN_WASM_BELOW pick it), from
// dist/ (run `npm run build:ts` first). Times are this process's CPU time (process.cpuUsage),
// median of several runs: on a shared machine wall time mostly measures the neighbours.
//   HEAN_BENCH_BARS (batch bars, default 200000), HEAN_BENCH_RUNS (min runs, 5)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as plain from './plain.mjs';
import { envInt, makeBars, machineInfo, mdTable, fmtNs, cpuMeter } from './harness.mjs';

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
  return { median: s[s.length >> 1] };
}

const LENGTHS = [16, 32, 48, 64, 128, 256, 1000];
const N = envInt('HEAN_BENCH_BARS', 200_000);
const MIN_RUNS = envInt('HEAN_BENCH_RUNS', 5);

const SIX = {
  sma: { hean: (h, d, o) => h.sma(d.close, 20, o.a), plain: (d, o) => plain.sma(d.close, 20, o.a) },
  ema: { hean: (h, d, o) => h.ema(d.close, 20, o.a), plain: (d, o) => plain.ema(d.close, 20, o.a) },
  rsi: { hean: (h, d, o) => h.rsi(d.close, 14, o.a), plain: (d, o) => plain.rsi(d.close, 14, o.a) },
  macd: { hean: (h, d, o) => h.macd(d.close, undefined, { macd: o.a, signal: o.b, histogram: o.c }), plain: (d, o) => plain.macd(d.close, 12, 26, 9, o.a, o.b, o.c) },
  bbands: { hean: (h, d, o) => h.bbands(d.close, 20, { upper: o.a, middle: o.b, lower: o.c }), plain: (d, o) => plain.bbands(d.close, 20, 2, o.a, o.b, o.c) },
  atr: { hean: (h, d, o) => h.atr(d.high, d.low, d.close, 14, o.a), plain: (d, o) => plain.atr(d.high, d.low, d.close, 14, o.a) },
};

/** fn repeated `calls` times in a loop compiled per cell (keeps call sites monomorphic). */
function repeat(fn, calls, tag) {
  const loop = new Function('fn', 'calls', `/* ${tag} */ let r; for (let i = 0; i < calls; i++) r = fn(); return r;`);
  return () => loop(fn, calls);
}

function slice(bars, n) {
  return { n, close: bars.close.slice(0, n), high: bars.high.slice(0, n), low: bars.low.slice(0, n), volume: bars.volume.slice(0, n) };
}

async function child(kind) {
  const hean = await import('../dist/index.js');
  const bars = makeBars(Math.max(N, 1000), 42);
  const out = {};
  out.engine = hean.engine();
  // 1. per call
  out.perCall = {};
  for (const [id, spec] of Object.entries(SIX)) {
    out.perCall[id] = {};
    for (const L of LENGTHS) {
      const d = slice(bars, L);
      const o = { a: new Float64Array(L), b: new Float64Array(L), c: new Float64Array(L) };
      const calls = Math.max(2000, Math.round(4_000_000 / L));
      const fn = kind === 'plain' ? () => spec.plain(d, o) : () => spec.hean(hean, d, o);
      out.perCall[id][L] = measure(repeat(fn, calls, `${id}_${L}`), { minRuns: MIN_RUNS }).median / calls;
    }
  }
  if (kind === 'plain' || kind === 'auto') return out;
  // 2. batch ns/bar for every indicator, default options, one series of N bars
  out.batch = {};
  const d = slice(bars, N);
  const session = Float64Array.from({ length: N }, (_, i) => Math.floor(i / 390));
  const other = bars.close.map((x, i) => x * (1 + 0.001 * Math.sin(i)));
  const open = bars.open ? bars.open.slice(0, N) : Float64Array.from(d.close, (c, i) => (i ? d.close[i - 1] : c));
  const periods = Float64Array.from({ length: N }, (_, i) => 2 + (i % 29)); // mavp: periods 2..30
  const byName = { close: d.close, high: d.high, low: d.low, volume: d.volume, open, periods, session, x: d.close, y: other };
  for (const m of hean.indicators()) {
    const f = hean[m.name];
    if (typeof f !== 'function') continue;
    const ins = m.inputs.slice(0, m.required).map((n) => byName[n]);
    if (ins.some((x) => x === undefined)) throw new Error(`engines bench: no series for an input of ${m.name} (${m.inputs.join(', ')}): add it to byName`);
    const outs = m.outputs.length === 1 ? new Float64Array(N) : Object.fromEntries(m.outputs.map((k) => [k, new Float64Array(N)]));
    out.batch[m.name] = measure(() => f(...ins, undefined, outs), { minRuns: MIN_RUNS }).median / N;
  }
  return out;
}

function runChild(kind, env) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`engines bench child ${kind} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(process.argv[3])));
} else {
  const meter = cpuMeter();
  const m = machineInfo();
  console.log(`\n## Engines: native addon vs WASM build\n\n${m.cpu}, ${m.cores} cores, Node ${m.node}; batch on ${N} bars\n`);
  const native = runChild('native', { HEAN_ENGINE: 'native', HEAN_WASM_BELOW: '0' });
  const wasm = runChild('wasm', { HEAN_ENGINE: 'wasm' });
  const auto = runChild('auto', { HEAN_ENGINE: 'auto', HEAN_WASM_BELOW: '' });
  const js = runChild('plain', {});
  if (native.engine !== 'native' || wasm.engine !== 'wasm') throw new Error(`engines: expected native and wasm, got ${native.engine} and ${wasm.engine}`);
  console.log('### ns per call on a short series (native / WASM / hean as shipped / plain JS loop)\n');
  const rows = [];
  for (const id of Object.keys(SIX)) {
    for (const L of LENGTHS) {
      const nat = native.perCall[id][L], w = wasm.perCall[id][L], a = auto.perCall[id][L], p = js.perCall[id][L];
      rows.push([id, L, fmtNs(nat), fmtNs(w), fmtNs(a), fmtNs(p), (a / p).toFixed(2), w < nat ? 'wasm' : 'native']);
    }
  }
  console.log(mdTable(['indicator', 'bars', 'native', 'wasm', 'hean', 'plain JS', 'hean/plain', 'faster'], rows));
  const cross = Object.keys(SIX).map((id) => {
    const first = LENGTHS.find((L) => native.perCall[id][L] <= wasm.perCall[id][L]);
    return `${id} ${first ?? '>1000'}`;
  });
  console.log(`\nCrossover (first length where native <= WASM): ${cross.join(' · ')}\n`);
  console.log('### Batch ns/bar, one series, default options\n');
  const brows = Object.keys(native.batch).map((name) => [name, fmtNs(native.batch[name]), fmtNs(wasm.batch[name]), (wasm.batch[name] / native.batch[name]).toFixed(2)]);
  console.log(mdTable(['indicator', 'native', 'wasm', 'wasm/native'], brows));
  const load = meter();
  console.log(`\n(other processes used ${load.otherCores} cores on average during this section; ${load.wallS} s)`);
}
