// Streaming updates in CPU time (this process's, not wall time: on a shared machine wall time
// mostly measures the neighbours), for A/B runs of two builds interleaved: ns per update of
// hean's Macd, Atr, Ema and Bbands (default options) and trading-signals' MACD and ATR, the
// peers of the streaming target, on the same series. Median of 7 runs of HEAN_BENCH_UPDATES.
//   node benches/stream-cpu.mjs
//   HEAN_BENCH_DIST=/path/to/other/dist/index.js node benches/stream-cpu.mjs   (the other build)
import { envInt, fmtNs, makeBars, mdTable } from './harness.mjs';

const hean = await import(process.env.HEAN_BENCH_DIST ?? '../dist/index.js');
const ts = await import('trading-signals');
const N = envInt('HEAN_BENCH_UPDATES', 1_000_000);
const PEER_N = Math.min(N, 200_000);
const { high, low, close } = makeBars(N, 42);
let unique = 0;
function cpu(lib, ctor, body, n) {
  // A loop compiled per case (a unique source string), so each call site stays monomorphic.
  const loop = new Function('hean', 'ts', 'high', 'low', 'close', 'n', `// ${unique++}\nconst s = ${ctor};\nlet last;\nfor (let i = 0; i < n; i++) last = ${body};\nreturn last;`);
  loop(hean, ts, high, low, close, n);
  const s = [];
  for (let r = 0; r < 7; r++) {
    const c0 = process.cpuUsage();
    loop(hean, ts, high, low, close, n);
    const c = process.cpuUsage(c0);
    s.push(((c.user + c.system) * 1000) / n);
  }
  s.sort((a, b) => a - b);
  return s[3];
}
const rows = [
  ['macd(12,26,9)', cpu(hean, 'new hean.Macd()', 's.update(close[i])', N), cpu(ts, 'new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9))', 's.update(close[i])', PEER_N)],
  ['atr(14)', cpu(hean, 'new hean.Atr(14)', 's.update(high[i], low[i], close[i])', N), cpu(ts, 'new ts.ATR(14)', 's.update({ high: high[i], low: low[i], close: close[i] })', PEER_N)],
  ['ema(20)', cpu(hean, 'new hean.Ema(20)', 's.update(close[i])', N), cpu(ts, 'new ts.EMA(20)', 's.update(close[i])', PEER_N)],
  ['bbands(20,2)', cpu(hean, 'new hean.Bbands({ period: 20, stdDev: 2 })', 's.update(close[i])', N), cpu(ts, 'new ts.BollingerBands(20, 2)', 's.update(close[i])', PEER_N)],
];
console.log(`CPU ns per update (median of 7 runs; hean ${N.toLocaleString('en-US')} updates, trading-signals ${PEER_N.toLocaleString('en-US')})`);
console.log(mdTable(['indicator', 'hean', 'trading-signals', 'trading-signals / hean'], rows.map(([n, h, t]) => [n, fmtNs(h), fmtNs(t), `${(t / h).toFixed(1)}x`])));
