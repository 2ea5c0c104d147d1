// Event-driven backtest bench (`npm run bench -- events`): bars per second of runEvents with
// a strategy that updates two streaming indicators (EMA 12, RSI 14) on every bar and sends
// a market order every 100 bars through the RiskEngine to the simulated venue (the engine
// marked before each order, the default; and at every close). Measured next to the same indicator loop with no engine and
// no venue (the floor), in the same run.
//
//   HEAN_EV_BARS   bars per run (default 2,000,000)
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envInt, fmtNs, machineInfo, makeBars, mdTable, measure } from './harness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const hean = await import(join(root, 'dist', 'index.js'));
const { runEvents, Ema, Rsi } = hean;
if (typeof runEvents !== 'function') throw new Error('benches/events: dist has no runEvents; run npm run build:ts');

const N = envInt('HEAN_EV_BARS', 2_000_000);
const TARGET = 1e6; // bars/s
const { open, high, low, close } = makeBars(N, 42);
const time = new Float64Array(N);
for (let i = 0; i < N; i++) time[i] = Date.UTC(2024, 0, 1) + i * 60_000;

/** The bench strategy: two indicators per bar, an order every 100 bars (flipping 1 unit long / flat). */
function strategy() {
  const ema = new Ema(12);
  const rsi = new Rsi(14);
  let sum = 0;
  return {
    onBar(bar, ctx) {
      const e = ema.update(bar.close);
      const r = rsi.update(bar.close);
      if (e === e && r === r) sum += r;
      if (bar.index % 100 === 99) {
        if (ctx.position > 0) ctx.sell(1);
        else ctx.buy(1);
      }
    },
    get sum() {
      return sum;
    },
  };
}

let last;
const run = (mark) => () => {
  last = runEvents(strategy(), { open, high, low, close, time }, { takerFee: 0.0005, mark, instrument: { symbol: 'BENCH', tickSize: '0.0001', qtyStep: '0.001' } });
  return last;
};
const ev = measure(run('order'), { warmup: 1, minRuns: 5, maxRuns: 7, budgetMs: 1 });
const fills = last.fills.qty.length;
if (fills < N / 100 - 2) throw new Error(`events bench: expected an order every 100 bars to fill, got ${fills} fills`);
const evBar = measure(run('bar'), { warmup: 1, minRuns: 5, maxRuns: 7, budgetMs: 1 });

// Floor: the same indicator updates and a cash/position ledger in a plain loop, no engine, no venue.
function floor() {
  const ema = new Ema(12);
  const rsi = new Rsi(14);
  let sum = 0;
  let pos = 0;
  let cash = 10_000;
  const eq = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const c = close[i];
    const e = ema.update(c);
    const r = rsi.update(c);
    if (e === e && r === r) sum += r;
    if (i % 100 === 99) {
      const q = pos > 0 ? -1 : 1;
      pos += q;
      cash -= q * c + Math.abs(q * c) * 0.0005;
    }
    eq[i] = cash + pos * c;
  }
  return sum + eq[N - 1];
}
const fl = measure(floor, { warmup: 1, minRuns: 5, maxRuns: 7, budgetMs: 1 });

const info = machineInfo();
const rate = (ns) => (N / ns) * 1e9;
const rows = [
  ['runEvents (default marks: before each order): 2 indicators/bar, an order every 100 bars through the RiskEngine', `${(ev.median / 1e6).toFixed(0)} ms`, `${fmtNs(ev.median / N)} ns/bar`, `${(rate(ev.median) / 1e6).toFixed(2)} M bars/s`, rate(ev.median) >= TARGET ? 'met (>= 1M)' : 'MISSED (>= 1M)'],
  ["the same with mark: 'bar' (the engine marked at every close, one native call per bar)", `${(evBar.median / 1e6).toFixed(0)} ms`, `${fmtNs(evBar.median / N)} ns/bar`, `${(rate(evBar.median) / 1e6).toFixed(2)} M bars/s`, ''],
  ['floor: the same indicators and a ledger in a plain loop (no engine, no venue)', `${(fl.median / 1e6).toFixed(0)} ms`, `${fmtNs(fl.median / N)} ns/bar`, `${(rate(fl.median) / 1e6).toFixed(2)} M bars/s`, ''],
];
console.log(`# events bench\n\n${info.cpu}, ${info.cores} cores, Node ${info.node}, load ${info.loadavg.join(' ')}\n`);
console.log(`${N.toLocaleString()} bars, ${last.accepted.toLocaleString()} orders accepted, ${fills.toLocaleString()} fills; median of ${ev.runs} runs\n`);
console.log(mdTable(['case', 'time', 'per bar', 'rate', 'target'], rows, ['l', 'r', 'r', 'r', 'l']));
