// Streaming suite: cost of one update() per bar for hean's streaming classes against
// trading-signals (`update`) and technicalindicators (`nextValue`), on the same series in
// one run. Target (issue 11): rsi, macd, bbands and atr at least 3x faster per update than
// the fastest peer; ema is reported (against the floor below), without a target.
//   node --expose-gc benches/streaming.mjs   (or npm run bench -- streaming)
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import { envInt, fmtNs, machineInfo, makeBars, mdTable, measure, pkgVersion, cpuMeter } from './harness.mjs';

const require = createRequire(import.meta.url);
const hean = await import('../dist/index.js');
const ts = await import('trading-signals');
const ti = require('technicalindicators');

const N = envInt('HEAN_BENCH_UPDATES', 1_000_000);
const PEER_N = Math.min(N, envInt('HEAN_BENCH_PEER_UPDATES', 200_000));
const bars = makeBars(N, 42);
const { high, low, close } = bars;
const meter = cpuMeter();

// Each case: per library, a constructor and the call that feeds bar i. Every (case, library)
// gets its own generated loop (a unique source string), so each call site stays
// monomorphic, as in a real bot's loop; a shared `feed(i)` closure would measure V8's
// megamorphic-call and double-boxing costs instead of the indicators.
const cases = [
  {
    name: 'ema(20)',
    hean: ['new hean.Ema(20)', 's.update(close[i])'],
    tradingSignals: ['new ts.EMA(20)', 's.update(close[i])'],
    technicalindicators: ['new ti.EMA({ period: 20, values: [] })', 's.nextValue(close[i])'],
  },
  {
    name: 'rsi(14)',
    ratio: 3,
    hean: ['new hean.Rsi(14)', 's.update(close[i])'],
    tradingSignals: ['new ts.RSI(14)', 's.update(close[i])'],
    technicalindicators: ['new ti.RSI({ period: 14, values: [] })', 's.nextValue(close[i])'],
  },
  {
    name: 'macd(12,26,9)',
    ratio: 3,
    hean: ['new hean.Macd()', 's.update(close[i])'],
    tradingSignals: ['new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9))', 's.update(close[i])'],
    technicalindicators: ['new ti.MACD({ fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false, values: [] })', 's.nextValue(close[i])'],
  },
  {
    name: 'bbands(20,2)',
    ratio: 3,
    hean: ['new hean.Bbands({ period: 20, stdDev: 2 })', 's.update(close[i])'],
    tradingSignals: ['new ts.BollingerBands(20, 2)', 's.update(close[i])'],
    technicalindicators: ['new ti.BollingerBands({ period: 20, stdDev: 2, values: [] })', 's.nextValue(close[i])'],
  },
  {
    name: 'atr(14)',
    ratio: 3,
    hean: ['new hean.Atr(14)', 's.update(high[i], low[i], close[i])'],
    tradingSignals: ['new ts.ATR(14)', 's.update({ high: high[i], low: low[i], close: close[i] })'],
    technicalindicators: ['new ti.ATR({ period: 14, high: [], low: [], close: [] })', 's.nextValue({ high: high[i], low: low[i], close: close[i] })'],
  },
];

let unique = 0;
function perUpdate([ctor, call], n, env = {}) {
  const loop = new Function('hean', 'ts', 'ti', 'high', 'low', 'close', 'n', 'env',
    `// loop ${unique++}\nconst s = ${ctor};\nlet last;\nfor (let i = 0; i < n; i++) last = ${call};\nreturn last;`);
  const r = measure(() => loop(hean, ts, ti, high, low, close, n, env), { minRuns: 7, budgetMs: 1500, gc: false });
  return r.median / n;
}

const rows = [];
const results = [];
for (const c of cases) {
  const h = perUpdate(c.hean, N);
  const p1 = perUpdate(c.tradingSignals, PEER_N);
  const p2 = perUpdate(c.technicalindicators, PEER_N);
  const best = Math.min(p1, p2);
  const ratio = best / h;
  const ok = c.ratio === undefined || ratio >= c.ratio;
  results.push({ name: c.name, hean: h, tradingSignals: p1, technicalindicators: p2, ratio, target: c.ratio === undefined ? null : `>= ${c.ratio}x the fastest peer`, ok });
  rows.push([c.name, fmtNs(h), fmtNs(p1), fmtNs(p2), `${ratio.toFixed(1)}x`, c.ratio === undefined ? '(none)' : `>= ${c.ratio}x`, c.ratio === undefined ? '' : ok ? 'met' : 'MISSED']);
}
// The floor of any streaming EMA in JS on this machine: a class whose update() is one
// multiply-add on a field (no gap check, no warm-up, no replace support): hean's ema has no
// lead target because trading-signals' EMA is already within a few ns of it.
class BareEma {
  constructor(p) {
    this.k = 2 / (p + 1);
    this.a = 1 - this.k;
    this.y = 0;
  }
  update(x) {
    return (this.y = this.y * this.a + x * this.k);
  }
}
const floorNs = perUpdate(['new env.BareEma(20)', 's.update(close[i])'], N, { BareEma });
const noise = meter();
const machine = machineInfo();
console.log(`\n## Streaming: ns per update (${N.toLocaleString()} updates; peers ${PEER_N.toLocaleString()})`);
console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; other processes used ${noise.otherCores} cores on average\n`);
console.log(mdTable(['indicator', 'hean', 'trading-signals', 'technicalindicators', 'fastest peer / hean', 'target', ''], rows));
const emaRow = results.find((r) => r.name.startsWith('ema'));
console.log(`\nFloor: a bare JS EMA class (update = one multiply-add on a field, nothing else) takes ${fmtNs(floorNs)} ns per update here; ` +
  `3x the fastest peer on ema would need ${fmtNs(Math.min(emaRow.tradingSignals, emaRow.technicalindicators) / 3)} ns.`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/streaming-latest.json', import.meta.url),
  JSON.stringify({ suite: 'streaming', date: new Date().toISOString(), machine, noise, bareEmaFloorNs: floorNs, versions: { hean: hean.version, 'trading-signals': pkgVersion('trading-signals'), technicalindicators: pkgVersion('technicalindicators') }, results }, null, 1),
);
