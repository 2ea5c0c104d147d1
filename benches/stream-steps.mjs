// ns per update() of the streaming classes, one generated monomorphic loop per class (as in
// streaming.mjs), to compare a class before and after a change (e.g. a TypeScript mirror
// replaced by the C++ step in the WASM engine):
//   node benches/stream-steps.mjs [out.json] [Name,Name,...]
// Prints a table; with out.json also writes {name: ns}. HEAN_BENCH_UPDATES sets the bars.
import { writeFileSync } from 'node:fs';
import { envInt, fmtNs, makeBars, mdTable, measure } from './harness.mjs';

// HEAN_BENCH_DIST: another build's dist/index.js (absolute path), e.g. a copy of the previous one.
const hean = await import(process.env.HEAN_BENCH_DIST ?? '../dist/index.js');
const N = envInt('HEAN_BENCH_UPDATES', 300_000);
const bars = makeBars(N, 42);
const { high, low, close } = bars;
const volume = bars.volume ?? Float64Array.from(close, (_, i) => 1000 + (i % 97) * 13);
const ret = Float64Array.from(close, (c, i) => (i ? c / close[i - 1] - 1 : 0));
const ret2 = Float64Array.from(high, (c, i) => (i ? c / high[i - 1] - 1 : 0));

const HLCV = 'high[i], low[i], close[i], volume[i]';
const HLC = 'high[i], low[i], close[i]';
const HL = 'high[i], low[i]';
const C = 'close[i]';
const cases = {
  Ad: ['new hean.Ad()', HLCV],
  Adosc: ['new hean.Adosc()', HLCV],
  Adx: ['new hean.Adx(14)', HLC],
  Aroon: ['new hean.Aroon(14)', HL],
  AroonOsc: ['new hean.AroonOsc(14)', HL],
  Cci: ['new hean.Cci(20)', HLC],
  Cmo: ['new hean.Cmo(14)', C],
  Dema: ['new hean.Dema(20)', C],
  Donchian: ['new hean.Donchian(20)', HL],
  Hma: ['new hean.Hma(20)', C],
  Ichimoku: ['new hean.Ichimoku()', HLC],
  Kama: ['new hean.Kama(10)', C],
  Keltner: ['new hean.Keltner()', HLC],
  Mfi: ['new hean.Mfi(14)', HLCV],
  Ppo: ['new hean.Ppo()', C],
  PpoEma: ["new hean.Ppo({ maType: 'ema' })", C],
  Returns: ['new hean.Returns(1)', C],
  ReturnsLog: ["new hean.Returns({ period: 1, kind: 'log' })", C],
  RollingBeta: ['new hean.RollingBeta(20)', 'ret[i], ret2[i]'],
  Ema: ['new hean.Ema(20)', C],
  Atr: ['new hean.Atr(14)', HLC],
  Macd: ['new hean.Macd()', C],
};

const only = process.argv[3] ? process.argv[3].split(',') : undefined;
let unique = 0;
const res = {};
for (const [name, [ctor, args]] of Object.entries(cases)) {
  if (only && !only.includes(name)) continue;
  const loop = new Function('hean', 'high', 'low', 'close', 'volume', 'ret', 'ret2', 'n',
    `// loop ${unique++}\nconst s = ${ctor};\nlet last;\nfor (let i = 0; i < n; i++) last = s.update(${args});\nreturn last;`);
  const r = measure(() => loop(hean, high, low, close, volume, ret, ret2, N), { minRuns: 5, budgetMs: 800, gc: false });
  res[name] = r.median / N;
}
console.log(mdTable(['class', 'ns/update'], Object.entries(res).map(([k, v]) => [k, fmtNs(v)])));
if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(res, null, 1));
