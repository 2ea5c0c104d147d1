// Backtest bench (`npm run bench -- backtest`): hean's vectorised backtests with vectorbt
// timed side by side on the same data in the same run (through the test suite's cached
// Python venv, node_modules/.cache/hean-pyref; vectorbt is skipped with a note when absent).
//
//   HEAN_BT_BARS      bars of the one-column runs (default 10,000,000)
//   HEAN_BT_GRID_BARS bars of the 10,000-combination grid (default 1,000,000)
//   HEAN_BT_COMBOS    grid combinations (default 10,000)
//   HEAN_BT_ROUNDS    rounds of the interleaved hean / vectorbt runs (default 3; see duel())
//   HEAN_BT_VBT_RUNS  vectorbt's timed calls a case a round (default 3)
//
// Writes benches/results/backtest-latest.json (the table and the raw medians).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { envInt, fillCloses, fmtNs, machineInfo, mdTable, mulberry32 } from './harness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { backtest, concurrency } = await import(join(root, 'dist', 'index.js'));

const BARS = envInt('HEAN_BT_BARS', 10_000_000);
const GRID_BARS = envInt('HEAN_BT_GRID_BARS', 1_000_000);
const COMBOS = envInt('HEAN_BT_COMBOS', 10_000);
const DENSE = Math.min(BARS, 1_000_000);

// The grid runs in a child process of its own, so its peak RSS is its own.
if (process.argv[2] === '--grid') {
  const close = fillCloses(new Float64Array(GRID_BARS), 0, GRID_BARS, 7);
  const side = Math.ceil(Math.sqrt(COMBOS));
  const fast = Array.from({ length: side }, (_, i) => 2 + i);
  const slow = Array.from({ length: side }, (_, i) => 2 + side + i * 2);
  const pairs = { fast: [], slow: [] };
  for (const f of fast) for (const s of slow) if (pairs.fast.length < COMBOS) (pairs.fast.push(f), pairs.slow.push(s));
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const g = backtest.maCrossGrid({ close }, { fast: pairs.fast, slow: pairs.slow, pairs: true, fees: 0.001 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cu = process.cpuUsage(c0);
  const cpuS = (cu.user + cu.system) / 1e6;
  const trades = g.metrics.totalTrades.reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ s, cpuS, combos: g.combinations, trades, maxRssMiB: process.resourceUsage().maxRSS / 1024, threads: concurrency() }));
  process.exit(0);
}

const info = machineInfo();
console.log(`# backtest bench\n\n${info.cpu}, ${info.cores} cores, Node ${info.node}, load ${info.loadavg.join(' ')}\n`);

// Data: a random walk; sparse signals (an entry every BARS/10 bars, exit 1,000 bars later,
// and one long holding period); dense orders (+1 / -1 every bar).
const close = fillCloses(new Float64Array(BARS), 0, BARS, 42);
const entries = new Uint8Array(BARS);
const exits = new Uint8Array(BARS);
for (let k = 0; k < 10; k++) {
  const at = Math.floor((k * BARS) / 10) + 1;
  entries[at] = 1;
  exits[Math.min(BARS - 1, at + (k === 5 ? Math.floor(BARS / 20) : 1000))] = 1;
}
const orders = new Float64Array(DENSE);
const r = mulberry32(3);
for (let i = 0; i < DENSE; i++) orders[i] = (i % 2 === 0 ? 1 : -1) * (0.5 + r() * 0.1);

// Wall time and this process's CPU time (all its threads) of `runs` calls after two warm-up
// calls: the machine is shared, and CPU time does not count the other jobs' share of the cores.
function sample(fn, runs) {
  for (let w = 0; w < 2; w++) fn();
  const wall = [], cpu = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0));
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) * 1e3);
  }
  return { wall, cpu };
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

// vectorbt as a server in its own process (benches/backtest_vbt.py), started before any
// timing and kept alive until both contenders are done, so its runs and hean's interleave:
// each round runs one contender's cases and then the other's, the order alternating. Both
// then see the same machine: the other jobs' load, and this VM's free page reporting (memory
// that has sat free for a few seconds goes back to the host and faults there at its next
// first touch). Timed one after the other, the contender that ran first after a large
// process exited (the previous bench run's vectorbt) paid more for its fresh pages: back-to-
// back runs of this bench gave hean's dense fills 16.5 and then 30.0 ns/order
// (docs/backtest.md#speed). Both sides' figures are the medians of their runs.
const ROUNDS = envInt('HEAN_BT_ROUNDS', 3);
const VBT_RUNS = envInt('HEAN_BT_VBT_RUNS', 3);
const venvPy = join(root, 'node_modules', '.cache', 'hean-pyref', 'venv', 'bin', 'python');
async function startVectorbt() {
  if (!existsSync(venvPy)) {
    console.log('vectorbt: no venv at node_modules/.cache/hean-pyref (run the backtest tests once to create it); hean only.\n');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hean-btbench-'));
  // A run killed before the server has read its inputs must not leave ~100 MB in /tmp.
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(130));
  writeFileSync(join(dir, 'close.f64'), close);
  writeFileSync(join(dir, 'entries.u8'), entries);
  writeFileSync(join(dir, 'exits.u8'), exits);
  writeFileSync(join(dir, 'orders.f64'), orders);
  const vb = { bars: GRID_BARS, fast: [], slow: [] };
  for (const f of [5, 10, 15, 20]) for (const s of [50, 100, 150, 200, 250]) (vb.fast.push(f), vb.slow.push(s));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify({ denseBars: DENSE, vbtGrid: vb }));
  const child = spawn('nice', [venvPy, fileURLToPath(new URL('backtest_vbt.py', import.meta.url)), dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b) => (err = (err + b).slice(-4000)));
  child.stdin.on('error', () => {}); // a server that died: its stderr is reported instead
  const exited = new Promise((res) => child.on('close', res));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const l = await lines.next();
    if (l.done) throw new Error(`vectorbt server ended:\n${err}`);
    return JSON.parse(l.value);
  };
  try {
    const ready = await next();
    rmSync(dir, { recursive: true, force: true });
    return {
      ...ready,
      run: (name, runs) => (child.stdin.write(`${JSON.stringify({ case: name, runs })}\n`), next()),
      quit: () => (child.stdin.end(`${JSON.stringify({ case: 'quit' })}\n`), exited),
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`vectorbt run failed: ${e.message}`);
    return undefined;
  }
}
let vbtServer = await startVectorbt();

// ROUNDS rounds of: hean's cases (`runs` calls each, after two warm-ups), then vectorbt's
// (VBT_RUNS calls each, after one warm-up), or the other way round in odd rounds.
async function duel(heanCases, vbtCases) {
  const h = Object.fromEntries(Object.keys(heanCases).map((k) => [k, { wall: [], cpu: [] }]));
  const v = Object.fromEntries(vbtCases.map((k) => [k, { wall: [], cpu: [] }]));
  const heanSide = () => {
    for (const [k, [fn, runs]] of Object.entries(heanCases)) {
      const s = sample(fn, runs);
      h[k].wall.push(...s.wall);
      h[k].cpu.push(...s.cpu);
    }
  };
  const vbtSide = async () => {
    for (const k of vbtServer ? vbtCases : []) {
      try {
        const s = await vbtServer.run(k, VBT_RUNS);
        v[k].wall.push(...s.wall);
        v[k].cpu.push(...s.cpu);
      } catch (e) {
        // hean only from here on: a vectorbt figure from part of its runs would not compare
        console.log(`vectorbt run failed: ${e.message}`);
        vbtServer = undefined;
      }
    }
  };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) (heanSide(), await vbtSide());
    else (await vbtSide(), heanSide());
  }
  for (const k in h) h[k] = { median: med(h[k].wall), cpu: med(h[k].cpu) };
  return { hean: h, vbt: v };
}

const rows = [];
const held = Math.floor(BARS / 20) + 9 * 1000;
// the same signals on the first 1,000,000 bars (10 trades)
const n1 = Math.min(BARS, 1_000_000);
const e1 = new Uint8Array(n1), x1 = new Uint8Array(n1);
for (let k = 0; k < 10; k++) {
  const at = Math.floor((k * n1) / 10) + 1;
  e1[at] = 1;
  x1[Math.min(n1 - 1, at + (k === 5 ? Math.floor(n1 / 20) : 1000))] = 1;
}
const sparse = await duel(
  {
    one: [() => backtest.fromSignals({ close, entries, exits }, { fees: 0.001, threads: 1 }), 3],
    one1M: [() => backtest.fromSignals({ close: close.subarray(0, n1), entries: e1, exits: x1 }, { fees: 0.001, threads: 1 }), 5],
  },
  ['sparse'],
);
const { one, one1M: o1 } = sparse.hean;
rows.push(['fromSignals, 1 column, 10 trades', `${BARS.toLocaleString()} bars (${held.toLocaleString()} in position)`, `${(one.median / 1e6).toFixed(2)} ms`, `${fmtNs(one.median / BARS)} ns/bar`, `${fmtNs(one.cpu / BARS)} ns/bar`]);
rows.push(['fromSignals, 1 column, 10 trades', `${n1.toLocaleString()} bars`, `${(o1.median / 1e6).toFixed(2)} ms`, `${fmtNs(o1.median / n1)} ns/bar`, `${fmtNs(o1.cpu / n1)} ns/bar`]);

const dc = close.subarray(0, DENSE);
const ws = backtest.workspace();
const denseCases = {
  // Like vectorbt's timed call, the run writes its fill records (16 bytes a fill) and builds
  // the trade columns from them on first access of `trades`, which is timed on its own below.
  dense: () => backtest.fromOrders({ close: dc, size: orders }, { fees: 0.001, threads: 1 }),
  // the same without any record output (every metric)
  denseNt: () => backtest.fromOrders({ close: dc, size: orders }, { fees: 0.001, threads: 1, trades: false }),
  // the run and then its trades read (built from the fills): vectorbt's pf.trades likewise
  denseTr: () => backtest.fromOrders({ close: dc, size: orders }, { fees: 0.001, threads: 1 }).trades,
  // the same two with a workspace (option `workspace`): the fill log and the trade columns in
  // memory reused call after call instead of memory new to the process
  denseWs: () => backtest.fromOrders({ close: dc, size: orders }, { fees: 0.001, threads: 1, workspace: ws }),
  denseWsTr: () => backtest.fromOrders({ close: dc, size: orders }, { fees: 0.001, threads: 1, workspace: ws }).trades,
};
const denseDuel = await duel(Object.fromEntries(Object.entries(denseCases).map(([k, fn]) => [k, [fn, 3]])), ['dense', 'dense_trades']);
const { dense, denseNt, denseTr, denseWs, denseWsTr } = denseDuel.hean;
const dres = backtest.fromOrders({ close: dc, size: orders }, { fees: 0.001 });
const nOrders = DENSE; // every bar fills (checked below)
if (dres.metrics.totalTrades[0] < DENSE / 2 - 1) throw new Error('dense bench: not every order filled');
for (const [label, t] of [['fromOrders, an order every bar', dense], ['the same, trades: false', denseNt], ['the same, then trades read', denseTr], ['the same, with a workspace', denseWs], ['the same, with a workspace, then trades read', denseWsTr]])
  rows.push([label, `${DENSE.toLocaleString()} orders`, `${(t.median / 1e6).toFixed(2)} ms`, `${((nOrders / t.median) * 1e3).toFixed(1)} M orders/s`, `${((nOrders / t.cpu) * 1e3).toFixed(1)} M orders/s`]);

const gp = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--grid'], { encoding: 'utf8', env: process.env });
if (gp.status !== 0) throw new Error(`grid child failed: ${gp.stderr}`);
const g = JSON.parse(gp.stdout.trim());

// vectorbt's figures: the medians of its runs, as hean's (its best run's CPU time as well; a
// best of a few runs here picked up single low outliers: pf.trades once 154 ns/order CPU
// against 215-226 for the other five runs and 183-198 for from_orders without it)
let vbt;
const vg = await vbtServer?.run('grid', 1).catch((e) => console.log(`vectorbt run failed: ${e.message}`));
if (vbtServer && vg) {
  vbt = { dense_orders: vbtServer.dense_orders, grid_combos: vbtServer.grid_combos, grid_bars: vbtServer.grid_bars, grid_s: vg.wall[0], grid_cpu: vg.cpu[0] };
  for (const [k, s] of [...Object.entries(sparse.vbt), ...Object.entries(denseDuel.vbt)])
    Object.assign(vbt, { [`${k}_s`]: med(s.wall), [`${k}_cpu`]: med(s.cpu), [`${k}_cpu_best`]: Math.min(...s.cpu), [`${k}_cpu_runs`]: s.cpu });
  await vbtServer.quit();
  rows.push(['vectorbt from_signals, same input', `${BARS.toLocaleString()} bars`, `${(vbt.sparse_s * 1e3).toFixed(2)} ms`, `${fmtNs((vbt.sparse_s * 1e9) / BARS)} ns/bar (hean ${(vbt.sparse_s * 1e9 / one.median).toFixed(1)}x faster)`, `${fmtNs((vbt.sparse_cpu * 1e9) / BARS)} ns/bar (hean ${(vbt.sparse_cpu * 1e9 / one.cpu).toFixed(1)}x)`]);
  rows.push(['vectorbt from_orders, same input', `${vbt.dense_orders.toLocaleString()} orders`, `${(vbt.dense_s * 1e3).toFixed(2)} ms`, `${(vbt.dense_orders / vbt.dense_s / 1e6).toFixed(1)} M orders/s (hean ${((vbt.dense_s * 1e9) / dense.median).toFixed(1)}x)`, `${(vbt.dense_orders / vbt.dense_cpu / 1e6).toFixed(1)} M orders/s, best run ${(vbt.dense_orders / vbt.dense_cpu_best / 1e6).toFixed(1)} (hean ${((vbt.dense_cpu * 1e9) / dense.cpu).toFixed(1)}x; trades: false ${((vbt.dense_cpu * 1e9) / denseNt.cpu).toFixed(1)}x; workspace ${((vbt.dense_cpu * 1e9) / denseWs.cpu).toFixed(1)}x)`]);
  rows.push(['vectorbt from_orders, then pf.trades', `${vbt.dense_orders.toLocaleString()} orders`, `${(vbt.dense_trades_s * 1e3).toFixed(2)} ms`, `${(vbt.dense_orders / vbt.dense_trades_s / 1e6).toFixed(1)} M orders/s (hean ${((vbt.dense_trades_s * 1e9) / denseTr.median).toFixed(1)}x)`, `${(vbt.dense_orders / vbt.dense_trades_cpu / 1e6).toFixed(1)} M orders/s, best run ${(vbt.dense_orders / vbt.dense_trades_cpu_best / 1e6).toFixed(1)} (hean ${((vbt.dense_trades_cpu * 1e9) / denseTr.cpu).toFixed(1)}x; workspace ${((vbt.dense_trades_cpu * 1e9) / denseWsTr.cpu).toFixed(1)}x)`]);
}

// The dense cases again, right after vectorbt's process (GBs of memory) has exited: whether
// hean's runs there differ from its interleaved ones (the free-page effect above). The
// ratios above use the interleaved runs.
let after;
if (vbt) {
  after = { dense: sample(denseCases.dense, 9), denseTr: sample(denseCases.denseTr, 9) };
  for (const k in after) after[k] = { median: med(after[k].wall), cpu: med(after[k].cpu) };
  for (const [label, t, before] of [['fromOrders, an order every bar, again after vectorbt exited', after.dense, dense], ['the same, then trades read, again after vectorbt exited', after.denseTr, denseTr]])
    rows.push([label, `${DENSE.toLocaleString()} orders`, `${(t.median / 1e6).toFixed(2)} ms`, `${((nOrders / t.median) * 1e3).toFixed(1)} M orders/s`, `${((nOrders / t.cpu) * 1e3).toFixed(1)} M orders/s (${(t.cpu / before.cpu).toFixed(2)}x the CPU time before)`]);
}

const bc = g.combos * GRID_BARS;
rows.push([`maCrossGrid (sma), ${g.threads} threads`, `${g.combos.toLocaleString()} combos x ${GRID_BARS.toLocaleString()} bars, ${g.trades.toLocaleString()} trades`, `${g.s.toFixed(2)} s, peak RSS ${g.maxRssMiB.toFixed(0)} MiB`, `${fmtNs((g.s * 1e9) / bc)} ns/bar-combo`, `${g.cpuS.toFixed(2)} s CPU`]);
if (vbt) {
  const vbc = vbt.grid_combos * vbt.grid_bars;
  rows.push([`vectorbt MA grid (MA.run + crossings + from_signals)`, `${vbt.grid_combos} combos x ${vbt.grid_bars.toLocaleString()} bars`, `${vbt.grid_s.toFixed(2)} s`, `${fmtNs((vbt.grid_s * 1e9) / vbc)} ns/bar-combo (hean ${((vbt.grid_s / vbc) / (g.s / bc)).toFixed(1)}x per bar-combo)`, `${vbt.grid_cpu.toFixed(2)} s CPU (hean ${((vbt.grid_cpu / vbc) / (g.cpuS / bc)).toFixed(1)}x)`]);
}
const table = mdTable(['case', 'size', 'time', 'rate', 'CPU-time rate'], rows, ['l', 'l', 'r', 'r', 'r']);
console.log(table);
writeFileSync(
  join(root, 'benches', 'results', 'backtest-latest.json'),
  JSON.stringify(
    {
      suite: 'backtest',
      date: new Date().toISOString(),
      machine: info,
      bars: BARS,
      sparse: { wallNsPerBar: one.median / BARS, cpuNsPerBar: one.cpu / BARS },
      dense: { orders: nOrders, wallNsPerOrder: dense.median / nOrders, cpuNsPerOrder: dense.cpu / nOrders },
      denseNoTrades: { orders: nOrders, wallNsPerOrder: denseNt.median / nOrders, cpuNsPerOrder: denseNt.cpu / nOrders },
      denseTradesRead: { orders: nOrders, wallNsPerOrder: denseTr.median / nOrders, cpuNsPerOrder: denseTr.cpu / nOrders },
      denseAfterVectorbt: after ? { cpuNsPerOrder: after.dense.cpu / nOrders, tradesReadCpuNsPerOrder: after.denseTr.cpu / nOrders } : null,
      denseWorkspace: { orders: nOrders, wallNsPerOrder: denseWs.median / nOrders, cpuNsPerOrder: denseWs.cpu / nOrders },
      denseWorkspaceTradesRead: { orders: nOrders, wallNsPerOrder: denseWsTr.median / nOrders, cpuNsPerOrder: denseWsTr.cpu / nOrders },
      grid: { combos: g.combos, bars: GRID_BARS, wallS: g.s, cpuS: g.cpuS, maxRssMiB: g.maxRssMiB, threads: g.threads },
      vectorbt: vbt ?? null,
      table,
    },
    null,
    1,
  ),
);
