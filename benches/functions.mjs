// Every function against its peers (`npm run bench -- functions`), generated from hean's
// indicator table: for each indicator, hean with `out`, hean allocating (what most users
// write), and each peer that has the function: talib (TA-Lib C through node, by TA-Lib name),
// tulind and @ixjb94/indicators (by their names, options in hean's order). A peer's time
// counts only when its last values agree with hean's (same options: hean's defaults, passed
// to the peer under its option names), so a peer computing something else never sets the
// ratio. Every row is timed in its own fresh node process (the parent only measures the
// floors, writes the bars to a file every child reads, spawns one child per row, collects the
// rows and writes the table and JSON). Within the child the contenders (hean with `out`, hean allocating, each peer) are timed
// round-robin, a primed call and a timed call each a round (benches/harness.mjs
// measureRoundRobin), and each median taken over the rounds: a drift in the shared host's
// load then lands on all of them, not on whichever ran last, and the primed call collects
// the garbage the previous contender left (talib's results had doubled the next peer's
// time). No forced GC before a timed run: the allocating form pays its own collections.
// Times are process CPU time (every thread: GC helpers included), not the wall clock: on
// this shared host a long peer call is preempted in proportion to the neighbours' load
// while hean's short one mostly is not (HEAN_BENCH_WALL=1: the wall clock).
//
// Why a fresh process per row: the one long process (until 2026-12) gave some peers slower
// cells than a short one (@ixjb94 kama 38.1 vs 25.1 ns/bar). benches/peer-drift.mjs finds no
// process history that slows the kama peer (after every other @ixjb94 function, their ICs,
// TA-Lib's and tulind's garbage, a retained heap, 3M live objects: 0.93-1.02x alone), but
// that ~2/3 of its time is the kernel's (7,572 page faults a call for the 30 MB its push-grown
// arrays take), which moves with the machine's state (26.9 and 34.3 in two one-row processes
// two minutes apart). So no row now inherits another row's heap, JIT state or garbage, and every
// peer cell is what a one-row run gives; the page-fault share still moves with the host.
//
// "x floor": hean's time with `out` over the memory floor of the function's shape, the time
// one pass takes to read its k input arrays and write its m output arrays here, right after
// the same pass, as hean is timed after its primed call (benches/membw.cpp --shapes, the
// faster of ordinary and non-temporal stores, measured once before the functions; g++).
//
//   HEAN_BENCH_BARS   bars (default 1,000,000)
//   HEAN_BENCH_ONLY   comma-separated hean names to run (default: all)
//   HEAN_BENCH_UPDATE =1 with HEAN_BENCH_ONLY: re-measure those rows of the last full run
//                     (benches/results/functions-latest.json, same bar count) and rewrite
//                     its results and table with them; the table's head names the rows and
//                     the time and load of each run. Each row's ratios come from its own
//                     round-robin, so rows from two runs stay comparable as ratios.
//
// Writes benches/results/functions-latest.json and docs/bench-functions.md (the README's table)
// after a full run or an update of one; a plain filtered run writes only the results file.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envInt, fmtNs, machineInfo, makeBars, mdTable, measureRoundRobin, memFloors, outFor } from './harness.mjs';

const N = envInt('HEAN_BENCH_BARS', 1_000_000);
const ONLY = process.env.HEAN_BENCH_ONLY ? new Set(process.env.HEAN_BENCH_ONLY.split(',')) : undefined;
const TOL = 1e-6;
const OUT_TARGET = 10;
const ALLOC_TARGET = 5;
const FLOOR_TARGET = 2;
const CPU = process.env.HEAN_BENCH_WALL !== '1';
const UPDATE = process.env.HEAN_BENCH_UPDATE === '1';
/** Set in a child: the one row it times (the parent spawns one child per row). */
const ROW = process.env.HEAN_BENCH_ROW;
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const latestPath = `${resultsDir}functions-latest.json`;
/** The full run an update rewrites: refused up front (before minutes of timing) if unusable. */
const base = UPDATE && !ROW ? loadBase() : undefined;
function loadBase() {
  if (!ONLY) throw new RangeError('HEAN_BENCH_UPDATE=1 needs HEAN_BENCH_ONLY (the rows to re-measure)');
  if (!existsSync(latestPath)) throw new RangeError(`HEAN_BENCH_UPDATE=1: no ${latestPath} to update; run the full bench first`);
  const prev = JSON.parse(readFileSync(latestPath, 'utf8'));
  if (prev.bars !== N) throw new RangeError(`HEAN_BENCH_UPDATE=1: ${latestPath} has ${prev.bars} bars, this run ${N}`);
  if (prev.partial) throw new RangeError(`HEAN_BENCH_UPDATE=1: ${latestPath} is a filtered run, not a full one`);
  const names = new Set(prev.rows.map((r) => r.name));
  const unknown = [...ONLY].filter((n) => !names.has(n));
  if (unknown.length) throw new RangeError(`HEAN_BENCH_UPDATE=1: ${unknown.join(', ')} not in the full run`);
  return prev;
}
const log = (m) => process.stderr.write(`${m}\n`);
const t0 = Date.now();

const hean = await import('../dist/index.js');
const require = createRequire(import.meta.url);
/** Loads an optional peer, or undefined (a child loads them; the parent never does). */
const opt = (name) => {
  try {
    return require(name);
  } catch (e) {
    log(`peer ${name} unavailable: ${e.message.split('\n')[0]}`);
    return undefined;
  }
};
const talib = ROW ? opt('talib') : undefined;
const tulind = ROW ? opt('tulind') : undefined;
const ixjbMod = ROW ? opt('@ixjb94/indicators') : undefined;
const ixjb = ixjbMod && new ixjbMod.IndicatorsSync();

// ---- data -------------------------------------------------------------------------------
// The parent generates the series once from fixed seeds and writes them to a file; every
// child reads that file (HEAN_BENCH_DATA), so every row sees the same bytes and no child pays
// for generating them. A child started by hand without the file generates them itself.
const SERIES = ['open', 'high', 'low', 'close', 'volume', 'periods', 'session'];
function makeData() {
  const { open, high, low, close, volume } = makeBars(N, 42);
  return {
    open,
    high,
    low,
    close,
    volume,
    periods: Float64Array.from({ length: N }, (_, i) => 2 + (i % 29)),
    // vwap's session ids: a new session every 390 bars (a day of 1-minute bars); before, the
    // fallback passed `high`, a new session every bar.
    session: Float64Array.from({ length: N }, (_, i) => Math.floor(i / 390)),
  };
}
function readData(path) {
  const buf = readFileSync(path);
  if (buf.length !== SERIES.length * N * 8) throw new RangeError(`${path}: ${buf.length} bytes, not ${SERIES.length} series of ${N} doubles`);
  const all = new Float64Array(SERIES.length * N);
  new Uint8Array(all.buffer).set(buf);
  return Object.fromEntries(SERIES.map((k, j) => [k, all.slice(j * N, (j + 1) * N)]));
}
const data = ROW ? (process.env.HEAN_BENCH_DATA ? readData(process.env.HEAN_BENCH_DATA) : makeData()) : undefined;
const bars = data && { n: N, open: data.open, high: data.high, low: data.low, close: data.close, volume: data.volume };
const extra = data && { periods: data.periods, session: data.session };
/** hean input name -> series (two-series functions take close and high). */
function seriesFor(name, k) {
  if (bars[name]) return bars[name];
  if (extra[name]) return extra[name];
  return k === 0 ? bars.close : bars.high;
}
const arrays = new Map();
const asArray = (f) => {
  let a = arrays.get(f);
  if (!a) arrays.set(f, (a = Array.from(f)));
  return a;
};

// ---- names ------------------------------------------------------------------------------
const squash = (s) => s.replace(/_/g, '').toLowerCase();
const talibFns = talib ? new Map(talib.functions.map((f) => [squash(f.name), f.name])) : new Map();
/** hean names whose TA-Lib name is not the squashed hean name. */
const TALIB_NAME = { variance: 'VAR', rollingMin: 'MIN', rollingMax: 'MAX', rollingCorr: 'CORREL' };
const TULIND_NAME = {
  TRANGE: 'tr', SAR: 'psar', WCLPRICE: 'wcprice', LINEARREG: 'linreg', LINEARREG_SLOPE: 'linregslope',
  LINEARREG_INTERCEPT: 'linregintercept', MULT: 'mul', PLUS_DI: 'di', MINUS_DI: 'di', PLUS_DM: 'dm', MINUS_DM: 'dm', AVGDEV: 'md',
  rollingMin: 'min', rollingMax: 'max', variance: 'var',
};
/** hean option -> TA-Lib optIn names it sets. */
const TALIB_OPT = {
  period: ['optInTimePeriod'], fast: ['optInFastPeriod'], slow: ['optInSlowPeriod'], signal: ['optInSignalPeriod'],
  stdDev: ['optInNbDev', 'optInNbDevUp', 'optInNbDevDn'], fastK: ['optInFastK_Period'], slowK: ['optInSlowK_Period'],
  slowD: ['optInSlowD_Period'], fastD: ['optInFastD_Period'], acceleration: ['optInAcceleration'], maximum: ['optInMaximum'],
  period1: ['optInTimePeriod1'], period2: ['optInTimePeriod2'], period3: ['optInTimePeriod3'], maType: ['optInMAType'],
};
function talibParams(meta, fn) {
  const info = talib.explain(fn);
  const p = {};
  for (const o of info.optInputs) p[o.name] = o.defaultValue;
  for (const o of meta.options) {
    const names = TALIB_OPT[o.name] ?? [`optIn${o.name[0].toUpperCase()}${o.name.slice(1)}`];
    for (const n of names) {
      const hit = info.optInputs.find((x) => squash(x.name) === squash(n));
      if (hit) p[hit.name] = o.default;
    }
  }
  const ins = {};
  meta.inputs.forEach((name, k) => {
    const s = seriesFor(name, k);
    const slot = info.inputs.find((x) => (x.flags ? Object.values(x.flags).includes(name) : false));
    if (slot) ins[name] = asArray(s);
  });
  const reals = info.inputs.filter((x) => !x.flags);
  reals.forEach((x, k) => {
    const name = meta.inputs[k] ?? meta.inputs[0];
    ins[x.name] = asArray(seriesFor(name, k));
  });
  for (const x of info.inputs) if (x.flags) for (const f of Object.values(x.flags)) ins[f] ??= asArray(bars[f]);
  return { name: fn, startIdx: 0, endIdx: N - 1, ...ins, ...p };
}

// ---- peers ------------------------------------------------------------------------------
const lastOf = (a) => {
  for (let i = a.length - 1; i >= 0; i--) if (Number.isFinite(a[i])) return a[i];
  return NaN;
};
function peersFor(meta, fn) {
  const vals = meta.options.map((o) => o.default);
  const peers = [];
  if (talib && fn) {
    const params = talibParams(meta, fn);
    peers.push({ lib: 'talib', run: () => talib.execute(params), lasts: (r) => Object.values(r.result).map(lastOf) });
  }
  const tname = TULIND_NAME[fn] ?? TULIND_NAME[meta.name] ?? (fn ? squash(fn) : meta.name.toLowerCase());
  const tu = tulind?.indicators[tname];
  const ins = meta.inputs.map((name, k) => asArray(seriesFor(name, k)));
  const byName = Object.fromEntries(meta.inputs.map((name, k) => [name, ins[k]]));
  const pick = (names) => names.map((n, k) => byName[n === 'real' ? meta.inputs[0] : n] ?? (n === 'real' || k === 0 ? ins[0] : ins[k]));
  if (tu && tu.input_names.every((n) => n === 'real' || byName[n])) {
    const tin = pick(tu.input_names);
    const topt = vals.slice(0, tu.options);
    if (topt.length === tu.options) {
      peers.push({
        lib: 'tulind',
        run: () => {
          let out;
          tu.indicator(tin, topt, (e, r) => {
            if (e) throw new Error(String(e));
            out = r;
          });
          return out;
        },
        lasts: (r) => r.map(lastOf),
      });
    }
  }
  const ix = ixjb && typeof ixjb[tname] === 'function' && tu ? ixjb[tname].bind(ixjb) : undefined;
  if (ix && tu.input_names.every((n) => n === 'real' || byName[n])) {
    const xin = pick(tu.input_names);
    const nopt = ixjb[tname].length - xin.length;
    if (nopt >= 0 && nopt <= vals.length) {
      const xopt = vals.slice(0, nopt);
      peers.push({ lib: '@ixjb94', run: () => ix(...xin, ...xopt), lasts: (r) => (Array.isArray(r[0]) ? r.map(lastOf) : [lastOf(r)]) });
    }
  }
  return peers;
}

/** A peer agrees when each of its outputs' last value is one of hean's outputs' last values. */
function agrees(peerLasts, heanLasts) {
  if (!peerLasts.length) return false;
  return peerLasts.every((p) => Number.isFinite(p) && heanLasts.some((h) => Math.abs(p - h) <= TOL * Math.max(1, Math.abs(h))));
}

// ---- run --------------------------------------------------------------------------------
/** [inputs hean reads (required and the optional ones the bench passes), outputs]. */
const shapeOf = (meta) => [meta.inputs.length, meta.outputs.length];

/** Times one row in this process (a child): hean with `out`, hean allocating and each peer, round-robin. */
function timeRow(meta) {
  const f = hean[meta.name];
  const fn = TALIB_NAME[meta.name] ?? talibFns.get(squash(meta.name));
  const ins = meta.inputs.slice(0, meta.required).map((name, k) => seriesFor(name, k));
  const optional = meta.inputs.slice(meta.required);
  const options = Object.fromEntries(optional.map((name, k) => [name, seriesFor(name, meta.required + k)]));
  const out = outFor(meta, N);
  const row = { name: meta.name, talib: fn ?? null, cells: {} };
  try {
    f(...ins, options, out);
    const heanLasts = (meta.outputs.length === 1 ? [out] : Object.values(out)).map(lastOf);
    row.peers = [];
    const timed = [];
    for (const p of peersFor(meta, fn)) {
      try {
        const agree = agrees(p.lasts(p.run()), heanLasts);
        timed.push({ lib: p.lib, run: p.run, agree });
      } catch (e) {
        row.peers.push({ lib: p.lib, error: e.message.split('\n')[0] });
      }
    }
    const [tOut, tAlloc, ...tPeers] = measureRoundRobin([() => f(...ins, options, out), () => f(...ins, options), ...timed.map((p) => p.run)], { cpu: CPU });
    row.cells.out = tOut.median / N;
    row.cells.alloc = tAlloc.median / N;
    row.runs = tOut.runs;
    timed.forEach((p, k) => row.peers.push({ lib: p.lib, ns: tPeers[k].median / N, agree: p.agree }));
    const ok = row.peers.filter((p) => p.agree);
    const best = ok.reduce((b, p) => (!b || p.ns < b.ns ? p : b), undefined);
    row.fastest = best ?? null;
    row.ratioOut = best ? best.ns / row.cells.out : null;
    row.ratioAlloc = best ? best.ns / row.cells.alloc : null;
  } catch (e) {
    row.error = e.message.split('\n')[0];
  }
  return row;
}

if (ROW) {
  const meta = hean.indicators().find((m) => m.name === ROW);
  if (!meta || typeof hean[ROW] !== 'function') throw new RangeError(`HEAN_BENCH_ROW: no function '${ROW}'`);
  writeFileSync(1, JSON.stringify(timeRow(meta)));
  process.exit(0);
}

const info = machineInfo();
/** When and under what load a row was measured (an update mixes two runs). */
const RUN = { at: new Date().toISOString().slice(0, 16).replace('T', ' '), load: info.loadavg };
const rows = [];
const metas = hean.indicators().filter((m) => !ONLY || ONLY.has(m.name));
log(`# functions bench: ${metas.length} functions, ${N.toLocaleString()} bars, each row in a fresh process; ${info.cpu}, ${info.cores} cores`);
// An update keeps the full run's floors, so every row's x floor divides by the same passes.
const floors = base?.floors ? new Map(Object.entries(base.floors)) : memFloors(N, metas.map(shapeOf));
if (floors) log(`memory floors (ns/element): ${[...floors].map(([k, f]) => `${k} ${f.floor.toFixed(2)}`).join(', ')}`);
const self = fileURLToPath(import.meta.url);
const dataDir = mkdtempSync(join(tmpdir(), 'hean-functions-'));
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
const dataPath = join(dataDir, 'series.f64');
{
  const d = makeData();
  writeFileSync(dataPath, Buffer.concat(SERIES.map((k) => new Uint8Array(d[k].buffer))));
}
for (const meta of metas) {
  if (typeof hean[meta.name] !== 'function') continue;
  const child = spawnSync(process.execPath, [...process.execArgv, self], {
    env: { ...process.env, HEAN_BENCH_ROW: meta.name, HEAN_BENCH_DATA: dataPath },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let row;
  if (child.status === 0) {
    row = JSON.parse(child.stdout);
  } else {
    row = { name: meta.name, talib: null, cells: {}, error: `its process failed (${child.signal ?? `exit ${child.status}`})` };
  }
  row.run = RUN;
  if (!row.error) {
    row.shape = shapeOf(meta);
    row.floor = floors?.get(`${row.shape[0]}:${row.shape[1]}`)?.floor ?? null;
    row.xFloor = row.floor ? row.cells.out / row.floor : null;
  }
  rows.push(row);
  const peers = (row.peers ?? []).map((p) => `${p.lib} ${p.error ? 'error' : `${fmtNs(p.ns)}${p.agree ? '' : '(differs)'}`}`).join(' · ');
  log(`  ${meta.name.padEnd(20)} out ${fmtNs(row.cells.out)} alloc ${fmtNs(row.cells.alloc)} floor ${fmtNs(row.floor)} · ${peers}  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

// ---- report -----------------------------------------------------------------------------
if (base) {
  const fresh = new Map(rows.map((r) => [r.name, r]));
  const baseRun = base.run ?? { at: 'earlier', load: base.machine.loadavg };
  rows.splice(0, rows.length, ...base.rows.map((r) => fresh.get(r.name) ?? { ...r, run: r.run ?? baseRun }));
}
const x = (r) => (r === null || r === undefined ? 'n/a' : `${r.toFixed(1)}×`);
const table = mdTable(
  ['hean', 'TA-Lib', 'out ns/bar', 'alloc ns/bar', 'fastest agreeing peer', 'peer ns/bar', `out ratio (≥${OUT_TARGET}×)`, `alloc ratio (≥${ALLOC_TARGET}×)`, 'x floor', 'peers that differ'],
  rows.map((r) => [
    r.name,
    r.talib ?? '—',
    fmtNs(r.cells.out),
    fmtNs(r.cells.alloc),
    r.fastest?.lib ?? (r.error ? `error: ${r.error}` : 'none'),
    fmtNs(r.fastest?.ns),
    x(r.ratioOut),
    x(r.ratioAlloc),
    x(r.xFloor),
    (r.peers ?? []).filter((p) => !p.agree).map((p) => p.lib).join(', '),
  ]),
);
const withPeer = rows.filter((r) => r.ratioOut !== null);
const noPeer = rows.filter((r) => r.ratioOut === null && !r.error);
const summary = [
  `${rows.length} functions; ${withPeer.length} with an agreeing peer.`,
  `≥ ${OUT_TARGET}× the fastest peer with \`out\`: ${withPeer.filter((r) => r.ratioOut >= OUT_TARGET).length} of ${withPeer.length}; ≥ ${ALLOC_TARGET}× allocating: ${withPeer.filter((r) => r.ratioAlloc >= ALLOC_TARGET).length} of ${withPeer.length}.`,
  `Below ${OUT_TARGET}× with out: ${withPeer.filter((r) => r.ratioOut < OUT_TARGET).map((r) => `${r.name} ${r.ratioOut.toFixed(1)}×`).join(', ') || 'none'}.`,
  ...(floors
    ? [`Without a peer, within ${FLOOR_TARGET}× of the memory floor: ${noPeer.filter((r) => r.xFloor <= FLOOR_TARGET).length} of ${noPeer.length}; above: ${noPeer.filter((r) => r.xFloor > FLOOR_TARGET).map((r) => `${r.name} ${r.xFloor.toFixed(1)}×`).join(', ') || 'none'} (docs/bench-floor.md says why).`]
    : []),
].join('\n');
const loadOf = (run) => run.load?.map((l) => l.toFixed(2)).join(' ') ?? '';
// Rows by the run that measured them: the full run first, then each update with its rows.
const byRun = new Map();
for (const r of rows) {
  const key = `${r.run.at} UTC at load ${loadOf(r.run)}`;
  byRun.set(key, [...(byRun.get(key) ?? []), r.name]);
}
const [full, ...updates] = [...byRun].sort((a, b) => b[1].length - a[1].length);
const runs = [`${updates.length ? 'full run ' : ''}${full[0]}`, ...updates.map(([k, names]) => `${names.join(', ')} re-measured ${k} (HEAN_BENCH_UPDATE=1)`)].join('; ');
const head = `# Every function against its peers\n\n${info.cpu}, ${info.cores} cores, Node ${info.node}, ${N.toLocaleString()} bars, ${runs}; generated by \`npm run bench -- functions\` (benches/functions.mjs). Median ns per bar (${CPU ? 'process CPU time' : 'wall clock'}), each row timed in its own fresh process, hean and its peers round-robin there, no forced GC (a peer's cell in the former single long process could be far slower than in a one-row run; benches/peer-drift.mjs finds no process history behind it, but that most of an allocating peer's time is page faults, which move with the host's state); a peer counts only when its last values agree with hean's. x floor: hean with \`out\` over the time one pass takes to read the function's k inputs and write its m outputs, after an untimed one (benches/membw.cpp${floors ? `: ${[...floors].map(([k, f]) => `${k.replace(':', '→')} ${f.floor.toFixed(2)}`).join(', ')} ns/bar` : ', not measured here'}).\n`;
console.log(`${head}\n${summary}\n\n${table}`);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(latestPath, JSON.stringify({ machine: info, bars: N, run: base?.run ?? RUN, partial: ONLY && !base ? true : undefined, floors: floors ? Object.fromEntries(floors) : null, rows }, null, 1));
if ((!ONLY || base) && N >= 1_000_000) writeFileSync(fileURLToPath(new URL('../docs/bench-functions.md', import.meta.url)), `${head}\n${summary}\n\n${table}\n`);
