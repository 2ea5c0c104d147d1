// Market-data suite: native tick -> bar resampling and the streaming CandleAggregator.
// Targets: resample >= 50 M ticks/s; CandleAggregator >= 5 M ticks/s.
//   node --expose-gc benches/market.mjs   (or npm run bench -- market)
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpuMeter, envInt, machineInfo, mdTable, measure, mulberry32 } from './harness.mjs';

const hean = await import('../dist/index.js');
const N = envInt('HEAN_BENCH_TICKS', 5_000_000);
const rng = mulberry32(7);
const ts = new Float64Array(N), px = new Float64Array(N), vol = new Float64Array(N);
let t = Date.UTC(2026, 0, 1), p = 60_000;
for (let i = 0; i < N; i++) {
  t += Math.floor(rng() * rng() * 400); // ~100 ms apart on average, in bursts
  p *= 1 + (rng() - 0.5) * 0.0004;
  ts[i] = t;
  px[i] = p;
  vol[i] = rng() * 0.5;
}
const symbols = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT'];
const meter = cpuMeter();

const resample1m = measure(() => hean.resample(ts, px, vol, 60_000), { minRuns: 5 });
const resample1s = measure(() => hean.resample(ts, px, vol, 1_000), { minRuns: 5 });
const aggN = Math.min(N, 2_000_000);
const agg = measure(() => {
  let bars = 0;
  const a = new hean.CandleAggregator({ intervalMs: 60_000, onBar: () => bars++ });
  for (let i = 0; i < aggN; i++) a.add(symbols[i & 3], ts[i], px[i], vol[i]);
  a.flush();
  return bars;
}, { minRuns: 5 });
const vw = measure(() => {
  const w = new hean.WindowVwap({ windowMs: 5 * 60_000 });
  let v = 0;
  for (let i = 0; i < aggN; i++) v = w.add(symbols[i & 3], ts[i], px[i], vol[i]);
  return v;
}, { minRuns: 5 });

const mps = (ns, n) => (n / (ns / 1e9) / 1e6);
const rows = [
  ['resample → 1m bars (native)', mps(resample1m.median, N), 50],
  ['resample → 1s bars (native)', mps(resample1s.median, N), 50],
  ['CandleAggregator, 4 symbols', mps(agg.median, aggN), 5],
  ['WindowVwap 5 min, 4 symbols', mps(vw.median, aggN), null],
].map(([name, m, target]) => [name, m.toFixed(1), target ? `≥ ${target}` : '—', target ? (m >= target ? 'met' : 'MISSED') : '']);
const noise = meter();
const machine = machineInfo();
console.log(`\n## Market data: million ticks per second (${N.toLocaleString()} ticks)`);
console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; other processes used ${noise.otherCores} cores on average\n`);
console.log(mdTable(['operation', 'M ticks/s', 'target', ''], rows));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/market-latest.json', import.meta.url), JSON.stringify({ suite: 'market', date: new Date().toISOString(), machine, noise, rows }, null, 1));
