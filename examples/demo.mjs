// hean demo: the library's main job on the embedded sample (7 days of 1-minute bars,
// examples/data/sample-1m.csv, made by scripts/make-sample.mjs). Prints the latest value
// of each indicator and how long each call took, then the many-series, sweep, async and
// matrix forms, then (when the Rust core is built) the trading pipeline.
//   npm install && npm run demo
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as hean from '../dist/index.js';

const csv = readFileSync(fileURLToPath(new URL('./data/sample-1m.csv', import.meta.url)), 'utf8').trim().split('\n');
const n = csv.length - 1;
const bars = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
const cols = ['time', 'open', 'high', 'low', 'close', 'volume'];
for (let i = 0; i < n; i++) {
  const f = csv[i + 1].split(',');
  for (let k = 0; k < 6; k++) bars[cols[k]][i] = Number(f[k]);
}
const { open, high, low, close, volume } = bars;
const iso = (t) => new Date(t).toISOString().replace('.000Z', 'Z');
console.log(`hean ${hean.version} — ${n} one-minute bars, ${iso(bars.time[0])} .. ${iso(bars.time[n - 1])}\n`);

function timed(fn) {
  fn(); // warm-up: first call loads the addon and compiles the wrapper
  const t = [];
  for (let r = 0; r < 7; r++) {
    const s = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - s));
  }
  t.sort((a, b) => a - b);
  return t[3];
}

const inputsOf = { close: [close], hlc: [high, low, close], hl: [high, low], cv: [close, volume], hlcv: [high, low, close, volume] };
const plan = [];
for (const meta of hean.indicators()) {
  const fn = hean[meta.name];
  if (typeof fn !== 'function') continue;
  const ins = meta.inputs.slice(0, meta.required).map((name) => bars[name] ?? bars.close);
  plan.push({ name: meta.name, fn, ins, outputs: meta.outputs });
}
const rows = [];
for (const { name, fn, ins, outputs } of plan) {
  let res;
  const ns = timed(() => (res = fn(...ins)));
  const last = outputs.length === 1 ? { [name]: res } : res;
  const shown = Object.entries(last)
    .slice(0, 3)
    .map(([k, v]) => `${k}=${Number.isNaN(v[n - 1]) ? 'NaN' : v[n - 1].toPrecision(7)}`)
    .join(' ');
  rows.push({ indicator: name, 'latest value(s)': shown, 'µs/call': (ns / 1000).toFixed(1), 'ns/bar': (ns / n).toFixed(2) });
}
console.table(rows);

// Many series in one call: 64 synthetic assets (the sample, rescaled and shifted in time).
const S = 64;
const matrix = new Float64Array(S * n);
for (let j = 0; j < S; j++) for (let t = 0; t < n; t++) matrix[j * n + t] = close[(t + j * 97) % n] * (1 + j / 10);
const manyOut = new Float64Array(S * n);
const nsMany = timed(() => hean.ema.many(matrix, S, 20, manyOut));
const nsOne = timed(() => hean.ema(close, 20));
console.log(`\nema(20) on ${S} series × ${n} bars in one call: ${(nsMany / 1e6).toFixed(2)} ms (${(nsMany / (S * n)).toFixed(2)} ns/bar vs ${(nsOne / n).toFixed(2)} ns/bar for one series)`);

// Parameter sweep: SMA for every period 5..200 in one call.
const periods = Array.from({ length: 196 }, (_, i) => i + 5);
let sweep;
const nsSweep = timed(() => (sweep = hean.sma.sweep(close, { period: periods })));
console.log(`sma sweep over ${periods.length} periods: ${(nsSweep / 1e6).toFixed(2)} ms; sma(200) latest = ${sweep.values[195 * n + n - 1].toFixed(2)}`);

// Async: off the main thread, the event loop stays free.
const t0 = process.hrtime.bigint();
const [a1, a2] = await Promise.all([hean.rsi.async(close, 14), hean.bbands.async(close, { period: 20, stdDev: 2 })]);
console.log(`rsi + bbands async: ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(2)} ms; rsi=${a1[n - 1].toFixed(2)} upper=${a2.upper[n - 1].toFixed(2)}`);

// Correlation of 5 assets' log returns, and an equal-weight portfolio's volatility.
const A = 5;
const rets = new Float64Array(A * (n - 1));
for (let j = 0; j < A; j++) for (let t = 1; t < n; t++) rets[j * (n - 1) + t - 1] = Math.log(matrix[j * n + t] / matrix[j * n + t - 1]);
const corr = hean.corrMatrix(rets, A);
const cov = hean.covMatrix(rets, A);
const vol = hean.portfolioVol(new Float64Array(A).fill(1 / A), cov);
console.log(`corr(asset0, asset1) = ${corr[1].toFixed(4)}; equal-weight portfolio vol = ${(vol * Math.sqrt(525600) * 100).toFixed(1)}% annualised`);

// Backtest: a 20/60 SMA crossover with 0.1% fees, then the best of a 20 x 20 grid.
{
  const { backtest } = hean;
  const grid = backtest.maCrossGrid({ close }, { fast: [20], slow: [60], pairs: true, fees: 0.001, periodsPerYear: 525600, trades: true });
  const m = grid.stats(0);
  const pct = (x) => `${(x * 100).toFixed(2)}%`;
  console.log(`\nbacktest sma 20/60 crossover, 0.1% fees: total return ${pct(m.totalReturn)} (buy & hold ${pct(m.benchmarkReturn)}), ` +
    `Sharpe ${m.sharpeRatio.toFixed(2)}, Sortino ${m.sortinoRatio.toFixed(2)}, max drawdown ${pct(m.maxDrawdown)} (${m.maxDrawdownDuration} bars), ` +
    `${m.closedTrades} trades, win rate ${pct(m.winRate)}, profit factor ${m.profitFactor.toFixed(2)}, SQN ${m.sqn.toFixed(2)}, ` +
    `exposure ${pct(m.exposureTime)}, fees ${m.totalFeesPaid.toFixed(2)}`);
  const w = Array.from({ length: 20 }, (_, i) => 5 + 5 * i);
  const g = timed(() => backtest.maCrossGrid({ close }, { fast: w, slow: w, fees: 0.001, periodsPerYear: 525600 }));
  const all = backtest.maCrossGrid({ close }, { fast: w, slow: w, fees: 0.001, periodsPerYear: 525600 });
  const b = all.best('sharpeRatio');
  console.log(`grid of ${all.combinations} fast < slow pairs in ${(g / 1e6).toFixed(2)} ms: best Sharpe ${all.metrics.sharpeRatio[b].toFixed(2)} at ${all.fast[b]}/${all.slow[b]} ` +
    `(total return ${pct(all.metrics.totalReturn[b])})`);

  // The 20/60 crossover again through fromSignals (same crossings as the grid), with equity
  // and drawdown, as a self-contained HTML report. Written to $HEAN_REPORT or the temp dir.
  const fast = hean.sma(close, 20);
  const slow = hean.sma(close, 60);
  const result = backtest.fromSignals(
    { open, high, low, close, entries: hean.crossedAbove(fast, slow), exits: hean.crossedAbove(slow, fast) },
    { fees: 0.001, periodsPerYear: 525600, equity: true, drawdown: true },
  );
  if (result.stats(0).totalReturn !== m.totalReturn) throw new Error('demo: fromSignals and maCrossGrid disagree');
  const file = hean.writeReport(process.env.HEAN_REPORT || join(tmpdir(), 'hean-demo-report.html'), {
    bars,
    result,
    lines: [{ name: 'SMA 20', values: fast }, { name: 'SMA 60', values: slow }],
    title: 'hean demo: SMA 20/60 crossover on the sample',
    subtitle: `${n} one-minute bars, 0.1% fees`,
  });
  console.log(`backtest report (self-contained HTML, opens offline): ${file}`);
}

if (typeof hean.RiskEngine === 'function') {
  const { runTradingDemo } = await import('./trading-demo.mjs');
  console.log('');
  await runTradingDemo(hean, bars);
}
