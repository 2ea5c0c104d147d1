// Candlestick pattern benchmark: all 61 TA-Lib patterns over one series of bars.
//
//   npm run build && node --expose-gc benches/patterns.mjs
//   HEAN_BENCH_BARS=100000 node --expose-gc benches/patterns.mjs   (quick run)
//
// Cells: hean patterns() (one native call, Int16 rows), hean's 61 cdl* indicators called
// one by one (Float64, NaN warm-up), and the npm `talib` package (TA-Lib C 0.6) calling each
// CDL function (talib.execute, sync, number[] inputs made outside the timed region). Median
// of >= HEAN_BENCH_RUNS timed calls with a gc() before each (harness.mjs). Every talib row
// is checked equal to hean's before its time is reported.
import { createRequire } from 'node:module';
import { envInt, makeBars, measure, machineInfo, fmtNs } from './harness.mjs';

const N = envInt('HEAN_BENCH_BARS', 1_000_000);
const MIN_RUNS = envInt('HEAN_BENCH_RUNS', 5);
const hean = await import('../dist/index.js');
const require = createRequire(import.meta.url);
let talib;
try {
  talib = require('talib');
} catch (e) {
  console.error(`talib unavailable: ${e.message}`);
}

// makeBars' walk has open = previous close; patterns need gaps, dojis and long shadows too,
// so the bars get a seeded mix of them (the same data for every cell).
const d = makeBars(N, 42);
{
  let s = 7;
  const r = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < N; i++) {
    const c = d.close[i];
    const k = r();
    let o = k < 0.5 ? d.open[i] : c * (1 + (r() - 0.5) * 0.004);
    if (k > 0.9) o = c; // doji
    d.open[i] = o;
    d.high[i] = Math.max(o, c) * (1 + 0.002 * r() * r());
    d.low[i] = Math.min(o, c) * (1 - 0.002 * r() * r());
  }
}
const names = hean.patternNames();
const ta = (n) => `CDL${n.slice(3).toUpperCase()}`;
const info = machineInfo?.() ?? {};

const rows = [];
const cell = (label, fn, runs = MIN_RUNS) => {
  const m = measure(fn, { minRuns: runs, maxRuns: runs, budgetMs: 0 });
  rows.push({ label, ns: m.median, perBar: m.median / N });
  console.error(`${label}: ${fmtNs(m.median)} (${(m.median / N).toFixed(1)} ns/bar)`);
};

cell('hean patterns() — 61 patterns, one call (Int16)', () => hean.patterns(d.open, d.high, d.low, d.close));
cell("hean patterns({ output: 'float64' })", () => hean.patterns(d.open, d.high, d.low, d.close, { output: 'float64' }));
cell('hean cdl* — 61 indicator calls (Float64)', () => names.map((n) => hean[n](d.open, d.high, d.low, d.close)));
if (talib) {
  const arr = { open: Array.from(d.open), high: Array.from(d.high), low: Array.from(d.low), close: Array.from(d.close) };
  // Every option passed (talib aborts the process when one is omitted): the defaults.
  const call = (n) => {
    const p = { name: ta(n), startIdx: 0, endIdx: N - 1, ...arr };
    for (const o of talib.explain(ta(n)).optInputs) p[o.name] = o.defaultValue;
    return p;
  };
  const mine = hean.patterns(d.open, d.high, d.low, d.close);
  let checked = 0;
  for (const n of names) {
    const r = talib.execute(call(n));
    const row = mine.get(n);
    const out = r.result.outInteger;
    for (let i = 0; i < out.length; i++) {
      if (out[i] !== row[i + r.begIndex]) throw new Error(`talib ${ta(n)}[${i + r.begIndex}] = ${out[i]}, hean ${row[i + r.begIndex]}`);
    }
    checked++;
  }
  console.error(`talib rows equal hean's: ${checked}`);
  cell('npm talib — 61 CDL calls (talib.execute, number[])', () => names.map((n) => talib.execute(call(n))), 3);
}
const fired = (() => {
  const r = hean.patterns(d.open, d.high, d.low, d.close);
  let k = 0;
  for (let i = 0; i < r.values.length; i++) if (r.values[i]) k++;
  return k;
})();
console.log(`\n${N.toLocaleString('en')} bars, 61 patterns (${fired.toLocaleString('en')} signals), node ${process.version}, ${info.cpu ?? ''}\n`);
console.log('| cell | time | ns/bar (all 61) |\n|---|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${fmtNs(r.ns)} | ${r.perBar.toFixed(1)} |`);
