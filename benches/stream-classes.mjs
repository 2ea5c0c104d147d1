// ns per update() of streaming classes (the C++-step ones and the TS ones alike), one
// generated monomorphic loop per class, as benches/streaming.mjs does. With HEAN_BASE set
// to another build's dist/index.js, each class is timed in both builds, alternately in one
// process (fairer on a busy machine), and the table has both columns.
//   node benches/stream-classes.mjs [Name ...]   (HEAN_BENCH_UPDATES, default 1e6)
//   HEAN_BASE=/path/to/old/dist/index.js node benches/stream-classes.mjs
import { envInt, makeBars, measure } from './harness.mjs';

const hean = await import(process.env.HEAN_DIST ?? '../dist/index.js');
const base = process.env.HEAN_BASE ? await import(process.env.HEAN_BASE) : undefined;
const N = envInt('HEAN_BENCH_UPDATES', 1_000_000);
const { high, low, close, volume } = makeBars(N, 42);
const other = makeBars(N, 7).close;
const session = Float64Array.from({ length: N }, (_, i) => Math.floor(i / 390));
const hlc = 'high[i], low[i], close[i]';
const cases = {
  Ma: ['new hean.Ma(30)', 's.update(close[i])'],
  Sma: ['new hean.Sma(20)', 's.update(close[i])'],
  Rsi: ['new hean.Rsi(14)', 's.update(close[i])'],
  Macd: ['new hean.Macd()', 's.update(close[i])'],
  Bbands: ['new hean.Bbands({ period: 20 })', 's.update(close[i])'],
  MaEma: ['new hean.Ma({ period: 30, maType: "ema" })', 's.update(close[i])'],
  Apo: ['new hean.Apo()', 's.update(close[i])'],
  Macdext: ['new hean.Macdext()', 's.update(close[i])'],
  Stochf: ['new hean.Stochf()', `s.update(${hlc})`],
  Linearreg: ['new hean.Linearreg()', 's.update(close[i])'],
  MinMaxIndex: ['new hean.MinMaxIndex()', 's.update(close[i])'],
  Accbands: ['new hean.Accbands()', `s.update(${hlc})`],
  Adxr: ['new hean.Adxr()', `s.update(${hlc})`],
  CdlEngulfing: ['new hean.CdlEngulfing()', 's.update(close[i], high[i], low[i], close[i])'],
  CdlAdvanceBlock: ['new hean.CdlAdvanceBlock()', 's.update(close[i], high[i], low[i], close[i])'],
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
  Trange: ['new hean.Trange()', `s.update(${hlc})`],
  Obv: ['new hean.Obv()', 's.update(close[i], volume[i])'],
  Mom: ['new hean.Mom(10)', 's.update(close[i])'],
};
const only = process.argv.slice(2);
let unique = 0;
function loopOf(ctor, call) {
  return new Function('hean', 'high', 'low', 'close', 'volume', 'other', 'session', 'n',
    `// loop ${unique++}\nconst s = ${ctor};\nlet last;\nfor (let i = 0; i < n; i++) last = ${call};\nreturn last;`);
}
/** Best of `rounds` medians (ns per update): the least disturbed by other processes. */
function time(lib, loop, rounds) {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const m = measure(() => loop(lib, high, low, close, volume, other, session, N), { minRuns: 5, maxRuns: 9, budgetMs: 300, gc: false });
    best = Math.min(best, m.min / N);
  }
  return best;
}
if (base) console.log('class\tbase ns\tthis ns\tdelta');
for (const [name, [ctor, call]] of Object.entries(cases)) {
  if (only.length && !only.includes(name)) continue;
  const a = loopOf(ctor, call);
  if (!base) {
    console.log(`${name}\t${time(hean, a, 3).toFixed(2)}`);
    continue;
  }
  const b = loopOf(ctor, call);
  let tb = Infinity, ta = Infinity;
  for (let r = 0; r < 3; r++) {
    tb = Math.min(tb, time(base, b, 1));
    ta = Math.min(ta, time(hean, a, 1));
  }
  console.log(`${name}\t${tb.toFixed(2)}\t${ta.toFixed(2)}\t${(ta - tb >= 0 ? '+' : '') + (ta - tb).toFixed(2)}`);
}
