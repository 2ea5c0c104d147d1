// Options-object calls against the positional form on a short series (issue 11): per
// indicator, `f(...inputs, first, out)` (the first option as a number), `f(...inputs,
// { first }, out)` and `f(...inputs, { every option }, out)`, all with default values (the
// same kernel work), measured interleaved (one batch of each in turn, rounds alternating
// their order), in CPU time (process.cpuUsage: the machine is shared). Prints the median
// ns per call of each form and the object forms' ratio to the positional one.
//   HEAN_ENGINE=wasm|native node benches/opts-cpu.mjs [sma,ema,...]   (after npm run build:ts)
//   HEAN_BENCH_BARS (64), HEAN_BENCH_ROUNDS (21), HEAN_BENCH_DIST (../dist/index.js)
import { envInt, makeBars, outFor } from './harness.mjs';

const hean = await import(process.env.HEAN_BENCH_DIST ?? '../dist/index.js');
const L = envInt('HEAN_BENCH_BARS', 64);
const ROUNDS = envInt('HEAN_BENCH_ROUNDS', 21);
const CALLS = Math.max(200, Math.round(2_000_000 / (L + 64)));
const bars = makeBars(L, 42);
const names = process.argv[2] ? process.argv[2].split(',') : ['sma', 'ema', 'rsi', 'macd', 'bbands', 'atr'];

function label(o) {
  return o.choices ? o.choices.split('|')[o.default] : o.default;
}

const rows = [];
for (const name of names) {
  const meta = hean.indicators().find((m) => m.name === name);
  const f = hean[name];
  const ins = meta.inputs.map((k) => bars[k]);
  const out = outFor(meta, L);
  const first = meta.options[0];
  const one = { [first.name]: label(first) };
  const all = Object.fromEntries(meta.options.map((o) => [o.name, label(o)]));
  const a = ins[0], b = ins[1], c = ins[2];
  const forms =
    ins.length === 1
      ? { pos: () => f(a, first.default, out), obj1: () => f(a, one, out), objAll: () => f(a, all, out) }
      : { pos: () => f(a, b, c, first.default, out), obj1: () => f(a, b, c, one, out), objAll: () => f(a, b, c, all, out) };
  const keys = Object.keys(forms);
  const samples = Object.fromEntries(keys.map((k) => [k, []]));
  for (const k of keys) for (let i = 0; i < CALLS; i++) forms[k](); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...keys].reverse() : keys;
    for (const k of order) {
      const g = forms[k];
      const c0 = process.cpuUsage();
      for (let i = 0; i < CALLS; i++) g();
      const d = process.cpuUsage(c0);
      samples[k].push(((d.user + d.system) * 1000) / CALLS);
    }
  }
  const med = (s) => s.sort((x, y) => x - y)[s.length >> 1];
  const m = Object.fromEntries(keys.map((k) => [k, med(samples[k])]));
  rows.push(`| ${name} | ${m.pos.toFixed(0)} | ${m.obj1.toFixed(0)} | ${m.objAll.toFixed(0)} | ${(m.obj1 / m.pos).toFixed(2)} | ${(m.objAll / m.pos).toFixed(2)} |`);
}
const engine = process.env.HEAN_ENGINE ?? 'auto';
console.log(`engine ${engine}, ${L} bars, ${ROUNDS} rounds x ${CALLS} calls, CPU ns per call (median)`);
console.log('| indicator | positional | {first} | {all} | {first}/pos | {all}/pos |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
