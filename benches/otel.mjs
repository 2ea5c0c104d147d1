#!/usr/bin/env node
// OpenTelemetry overhead (src/telemetry.ts) on RiskEngine.submit, the built package (dist/)
// in four set-ups, each in its own process (the API is looked up once per process):
//   no package     @opentelemetry/api not installed (the baseline)
//   package, no SDK  installed, no tracer provider registered
//   SDK, sampled out a BasicTracerProvider with AlwaysOffSampler (spans not recording)
//   SDK, recording   a BasicTracerProvider, BatchSpanProcessor, an exporter that drops spans
// Each set-up: ROUNDS turns (processes) of RUNS runs of N accepted submits, each followed by an (untraced) cancel so the
// engine stays in a steady state; median ns per submit + cancel.
//
//   node benches/otel.mjs [--quick]       (or: npm run bench -- otel)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 5;
const ROUNDS = quick ? 1 : 3;
const N = quick ? 50_000 : 100_000;
const MODES = ['no package', 'package, no SDK', 'SDK, sampled out', 'SDK, recording'];

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  await parent();
}

async function parent() {
  for (const f of ['dist/index.js', 'build/Release/hean_cpp.node', 'build/rust/hean_rust.node']) {
    if (!existsSync(join(root, f))) throw new Error(`benches/otel: ${f} missing; run npm run build:all`);
  }
  // A project with hean's dist and node-gyp-build only; a second one adds the OpenTelemetry packages.
  const work = mkdtempSync(join(tmpdir(), 'hean-otel-bench-'));
  try {
    const project = (name, otel) => {
      const dir = join(work, name);
      cpSync(join(root, 'dist'), join(dir, 'node_modules', 'hean', 'dist'), { recursive: true });
      cpSync(join(root, 'package.json'), join(dir, 'node_modules', 'hean', 'package.json'));
      symlinkSync(join(root, 'node_modules', 'node-gyp-build'), join(dir, 'node_modules', 'node-gyp-build'), 'dir');
      if (otel) {
        mkdirSync(join(dir, 'node_modules', '@opentelemetry'));
        for (const p of ['api', 'sdk-trace-base', 'sdk-trace', 'core', 'resources', 'semantic-conventions']) {
          symlinkSync(join(root, 'node_modules', '@opentelemetry', p), join(dir, 'node_modules', '@opentelemetry', p), 'dir');
        }
      }
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      return dir;
    };
    const bare = project('bare', false);
    const withOtel = project('otel', true);
    const env = { ...process.env, HEAN_CPP_ADDON: join(root, 'build', 'Release', 'hean_cpp.node'), HEAN_RUST_ADDON: join(root, 'build', 'rust', 'hean_rust.node') };
    // The set-ups take turns, ROUNDS times, so that drift in the machine's load hits all alike.
    const samples = MODES.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      MODES.forEach((mode, k) => {
        const dir = mode === 'no package' ? bare : withOtel;
        const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode, dir, ...(quick ? ['--quick'] : [])], { env, encoding: 'utf8' });
        samples[k].push(JSON.parse(out.trim().split('\n').pop()));
      });
    }
    const results = MODES.map((mode, k) => {
      const byValue = [...samples[k]].sort((a, b) => a.value - b.value);
      return { what: `submit + cancel, ${mode}`, ...byValue[byValue.length >> 1] };
    });
    const base = results[0].value;
    console.log(`\nhean OpenTelemetry overhead (dist; node ${process.version}; median of ${ROUNDS} rounds × ${RUNS} runs × ${N.toLocaleString('en-US')} submits)`);
    const w = Math.max(...results.map((r) => r.what.length));
    console.log(`${'benchmark'.padEnd(w)}  ${'ns/op'.padStart(10)}  ${'vs no package'.padStart(14)}  spans`);
    for (const r of results) console.log(`${r.what.padEnd(w)}  ${r.value.toFixed(0).padStart(10)}  ${`${r.value - base >= 0 ? '+' : ''}${(r.value - base).toFixed(0)} ns`.padStart(14)}  ${r.spans}`);
    const rows = results.map((r) => `| ${r.what} | ${r.value.toFixed(0)} ns | ${r.value - base >= 0 ? '+' : ''}${(r.value - base).toFixed(0)} ns |`);
    const table = ['| RiskEngine.submit + cancel | per op | vs no package |', '|---|---:|---:|', ...rows].join('\n');
    mkdirSync(join(root, 'benches', 'results'), { recursive: true });
    writeFileSync(join(root, 'benches', 'results', 'otel-latest.json'), JSON.stringify({ suite: 'otel', date: new Date().toISOString(), node: process.version, results, table }, null, 1));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function child(mode, dir) {
  const imp = (p) => import(pathToFileURL(join(dir, 'node_modules', ...p.split('/'))).href);
  let spans = () => 0;
  if (mode.startsWith('SDK')) {
    const api = await imp('@opentelemetry/api/build/src/index.js');
    const sdk = await imp('@opentelemetry/sdk-trace-base/build/src/index-shim.js');
    let exported = 0;
    const exporter = { export: (s, done) => ((exported += s.length), done({ code: 0 })), shutdown: async () => {}, forceFlush: async () => {} };
    const provider = new sdk.BasicTracerProvider({
      // A queue that holds a whole run (the loop is synchronous: nothing exports until it ends).
      spanProcessors: [new sdk.BatchSpanProcessor(exporter, { maxQueueSize: N, maxExportBatchSize: 8192, scheduledDelayMillis: 10 })],
      ...(mode === 'SDK, sampled out' ? { sampler: new sdk.AlwaysOffSampler() } : {}),
    });
    api.trace.setGlobalTracerProvider(provider);
    spans = async () => (await provider.forceFlush(), exported);
  }
  const h = await imp('hean/dist/index.js');
  const BTC = { symbol: 'BTCUSDT', tickSize: '0.10', qtyStep: '0.001', minOrderQty: '0.001', maxOrderQty: '100' };
  const runs = [];
  for (let r = 0; r <= RUNS; r++) {
    const e = new h.RiskEngine({ maxOpenOrders: 4_000_000, maxGrossExposure: Infinity, idHistory: 10 });
    const id = e.addInstrument(BTC, { maxPosition: 1e6, maxNotional: 1e12 });
    e.mark(id, 30000, 0);
    const order = { clientId: 0, instrument: id, side: 'buy', price: 29990, qty: 0.01 };
    globalThis.gc?.();
    let accepted = 0;
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      order.clientId = r * N + i + 1;
      order.side = i & 1 ? 'sell' : 'buy';
      order.price = i & 1 ? 30010 : 29990;
      if (e.submit(order, 0).ok) accepted++;
      e.cancel(order.clientId, 0); // keeps the book of open orders empty: a steady state
    }
    const dt = Number(process.hrtime.bigint() - t) / N;
    if (accepted !== N) throw new Error(`benches/otel: ${N - accepted} submits rejected`);
    if (r > 0) runs.push(dt); // run 0 warms up
    await spans(); // export the run's spans before the next one
  }
  const median = [...runs].sort((a, b) => a - b)[runs.length >> 1];
  console.log(JSON.stringify({ value: median, unit: 'ns/op', spans: await spans() }));
}
