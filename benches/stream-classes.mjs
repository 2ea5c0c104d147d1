// ns per update() of streaming classes (the C++-step ones and the TS ones alike), one
// generated monomorphic loop per class, as benches/streaming.mjs does.
//   node benches/stream-classes.mjs [Name ...]   (HEAN_BENCH_UPDATES, default 1e6)
import { envInt, makeBars, measure } from './harness.mjs';

const hean = await import(process.env.HEAN_DIST ?? '../dist/index.js');
const N = envInt('HEAN_BENCH_UPDATES', 1_000_000);
const { high, low, close, volume } = makeBars(N, 42);
const other = makeBars(N, 7).close;
const session = Float64Array.from({ length: N }, (_, i) => Math.floor(i / 390));
const hlc = 'high[i], low[i], close[i]';
const cases = {
  RollingCorr: ['new hean.RollingCorr(20)', 's.update(close[i], other[i])'],
  RollingMax: ['new hean.RollingMax(20)', 's.update(close[i])'],
  RollingMin: ['new hean.RollingMin(20)', 's.update(close[i])'],
  Sar: ['new hean.Sar()', 's.update(high[i], low[i])'],
  Stoch: ['new hean.Stoch()', `s.update(${hlc})`],
  Stochrsi: ['new hean.Stochrsi()', 's.update(close[i])'],
  Supertrend: ['new hean.Supertrend()', `s.update(${hlc})`],
  Tema: ['new hean.Tema(20)', 's.update(close[i])'],
  Trima: ['new hean.Trima(20)', 's.update(close[i])'],
  Trix: ['new hean.Trix(15)', 's.update(close[i])'],
  Ultosc: ['new hean.Ultosc()', `s.update(${hlc})`],
  Volatility: ['new hean.Volatility(20)', 's.update(close[i])'],
  Vwap: ['new hean.Vwap()', `s.update(${hlc}, volume[i], session[i])`],
  VwapRolling: ['new hean.Vwap({ period: 20 })', `s.update(${hlc}, volume[i])`],
  Vwma: ['new hean.Vwma(20)', 's.update(close[i], volume[i])'],
  Willr: ['new hean.Willr(14)', `s.update(${hlc})`],
  Wma: ['new hean.Wma(20)', 's.update(close[i])'],
  Zscore: ['new hean.Zscore(20)', 's.update(close[i])'],
  Ema: ['new hean.Ema(20)', 's.update(close[i])'],
  Atr: ['new hean.Atr(14)', `s.update(${hlc})`],
};
const only = process.argv.slice(2);
let unique = 0;
for (const [name, [ctor, call]] of Object.entries(cases)) {
  if (only.length && !only.includes(name)) continue;
  const loop = new Function('hean', 'high', 'low', 'close', 'volume', 'other', 'session', 'n',
    `// loop ${unique++}\nconst s = ${ctor};\nlet last;\nfor (let i = 0; i < n; i++) last = ${call};\nreturn last;`);
  const r = measure(() => loop(hean, high, low, close, volume, other, session, N), { minRuns: 7, budgetMs: 1500, gc: false });
  console.log(`${name}\t${(r.median / N).toFixed(2)}`);
}
