// Generates examples/data/sample-1m.csv: 7 days of synthetic 1-minute BTCUSDT-like bars.
// No public OHLCV sample with a compatible licence ships in a registry package we can
// use, so the demo data is made here: a geometric random walk whose volatility switches
// between calm and busy regimes, intraday volume seasonality, occasional jumps and a few
// zero-volume minutes. Fixed seed: the file is reproducible byte for byte.
//   node scripts/make-sample.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/core/mulberry32.js';

const rand = mulberry32(20260105);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const bars = 7 * 24 * 60;
const start = Date.UTC(2026, 0, 5);
let price = 60000;
let busy = false;
const rows = ['time,open,high,low,close,volume'];
for (let i = 0; i < bars; i++) {
  if (rand() < (busy ? 0.01 : 0.003)) busy = !busy;
  const sigma = busy ? 0.0018 : 0.0006;
  const open = price;
  let ret = sigma * gauss() + 0.000002;
  if (rand() < 0.0005) ret += (rand() < 0.5 ? -1 : 1) * 0.01; // rare jump
  const close = open * Math.exp(ret);
  const wick = () => Math.abs(gauss()) * sigma * 0.6;
  const high = Math.max(open, close) * (1 + wick());
  const low = Math.min(open, close) * (1 - wick());
  const minuteOfDay = i % 1440;
  const season = 1 + 0.6 * Math.sin((2 * Math.PI * (minuteOfDay - 780)) / 1440) ** 2;
  const dead = rand() < 0.002;
  const volume = dead ? 0 : (busy ? 3 : 1) * season * (5 + 20 * rand());
  const r = (x) => x.toFixed(1);
  rows.push(`${start + i * 60000},${r(open)},${r(dead ? open : high)},${r(dead ? open : low)},${r(dead ? open : close)},${volume.toFixed(4)}`);
  price = dead ? open : Number(r(close));
}
const file = fileURLToPath(new URL('../examples/data/sample-1m.csv', import.meta.url));
writeFileSync(file, rows.join('\n') + '\n');
console.log(`wrote ${bars} bars to ${file}`);
