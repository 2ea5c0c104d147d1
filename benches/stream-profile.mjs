// One streaming update, end to end, in layers: the class's update() (JS wrapper: type
// checks, wrap), the WASM export alone (save for replace, step dispatch, step, outputs), and
// the indicator's own export (hean_su_<name>: its step compiled in), a near-empty WASM export (the JS→WASM call itself), to see where a streaming update's
// fixed cost goes:
//   node benches/stream-profile.mjs [Name,Name,...]
import { envInt, fmtNs, makeBars, mdTable, measure } from './harness.mjs';

const hean = await import(process.env.HEAN_BENCH_DIST ?? '../dist/index.js');
const N = envInt('HEAN_BENCH_UPDATES', 1_000_000);
const { high, low, close } = makeBars(N, 42);
const cases = {
  Ema: ['new hean.Ema(20)', 1],
  Rsi: ['new hean.Rsi(14)', 1],
  Macd: ['new hean.Macd()', 1],
  Bbands: ['new hean.Bbands({ period: 20, stdDev: 2 })', 1],
  Atr: ['new hean.Atr(14)', 3],
  Sma: ['new hean.Sma(20)', 1],
  MaSma: ["new hean.Ma({ period: 20, maType: 'sma' })", 1],
  MaEma: ["new hean.Ma({ period: 20, maType: 'ema' })", 1],
  Apo: ['new hean.Apo()', 1],
  Macdext: ['new hean.Macdext()', 1],
};
const args = { 1: 'close[i]', 3: 'high[i], low[i], close[i]' };
const only = process.argv[2] ? process.argv[2].split(',') : undefined;
let unique = 0;
function ns(body, ctor) {
  const loop = new Function('hean', 'high', 'low', 'close', 'n',
    `// loop ${unique++}\nconst s = ${ctor};\nconst api = s.api, t = s.t, up = s.up;\nlet last;\nfor (let i = 0; i < n; i++) last = ${body};\nreturn last;`);
  return measure(() => loop(hean, high, low, close, N), { minRuns: 5, budgetMs: 800 }).median / N;
}
const rows = [];
for (const [name, [ctor, nin]] of Object.entries(cases)) {
  if (only && !only.includes(name)) continue;
  const a = args[nin];
  const fn = nin === 1 ? 'update1' : 'update3';
  rows.push([
    name,
    fmtNs(ns(`s.update(${a})`, ctor)),
    fmtNs(ns(`s.replace(${a})`, ctor)),
    fmtNs(ns(`api.${fn}(t, ${a})`, ctor)),
    fmtNs(ns(`up(t, ${a})`, ctor)),
    fmtNs(ns(`api.has(1)`, ctor)),
  ]);
}
console.log(mdTable(['class', 'update()', 'replace()', 'generic WASM export', 'own WASM export', 'empty WASM call'], rows));
