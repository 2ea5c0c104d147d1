// Same-bits check for kernel rewrites: one hash of named functions' outputs on hostile data
// (a walk, a flat series, NaN and ±Inf gaps, ±0, subnormals, 1e300 and 1e-290 scales), for
// each option set given, in two sweeps:
// - long: 1,000,003 bars (the streaming-store path), `out` at every offset 0-7 doubles into
//   its buffer (each line alignment), and allocating;
// - short: every length in LENGTHS (0 to 5,000, around the pairing and four-bar edges).
// Compare the printed line across builds (HEAN_CPP_ADDON), levels (HEAN_SIMD) and engines
// (HEAN_ENGINE), e.g.
//   for a in /tmp/old.node build/Release/hean_cpp.node; do for l in base avx2 avx512; do
//     HEAN_CPP_ADDON=$a HEAN_SIMD=$l node benches/samebits.mjs bop,avgprice; done; done
//   HEAN_ENGINE=wasm node benches/samebits.mjs bbands '[{"period":20},{"period":5,"stdDev":1e6}]'
//   args: hean names (comma-separated), an options object or an array of them as JSON
//   (default {}); HEAN_BENCH_BARS (1,000,003)
import { createHash } from 'node:crypto';
import { envInt, makeBars } from './harness.mjs';

const hean = await import('../dist/index.js');
const N = envInt('HEAN_BENCH_BARS', 1_000_003);
const LENGTHS = [0, 1, 2, 3, 5, 19, 20, 21, 40, 63, 64, 65, 127, 128, 129, 160, 161, 199, 300, 1000, 5000];
const names = (process.argv[2] ?? '').split(',').filter(Boolean);
const optionSets = [JSON.parse(process.argv[3] ?? '{}')].flat();
if (!names.length) throw new TypeError('usage: node benches/samebits.mjs name[,name...] [options JSON]');

/** The hostile data sets over `n` bars, from makeBars' walk. */
function datasets(n) {
  const base = makeBars(n, 7);
  const map = (f) => Object.fromEntries(['open', 'high', 'low', 'close', 'volume'].map((k) => [k, base[k].map((v, i) => f(v, i, k))]));
  return {
    walk: base,
    flat: map((_, i, k) => (k === 'volume' ? 1000 : 100)),
    gaps: map((v, i) => (i % 9973 === 5 || i % 37 === 11 ? NaN : i % 15013 === 7 ? Infinity : i % 20011 === 3 ? -Infinity : v)),
    zeros: map((v, i, k) => (i % 7 === 0 ? 0 : i % 7 === 1 ? -0 : k === 'volume' ? v : v - 100)),
    subnormal: map((v) => v * 5e-322),
    huge: map((v) => v * 1e300),
    tiny: map((v) => v * 1e-290),
  };
}

const h = createHash('sha256');
const put = (o) => h.update(new Uint8Array(o.buffer, o.byteOffset, o.byteLength));
const outputsOf = (meta, r) => (meta.outputs.length === 1 ? [r] : meta.outputs.map((k) => r[k]));
/** One call's outputs (or its error) into the hash. */
function hashCall(meta, ins, options, out) {
  let r;
  try {
    r = hean[meta.name](...ins, options, out);
  } catch (e) {
    h.update(`E${e.message}`);
    return;
  }
  if (out === undefined) outputsOf(meta, r).forEach(put);
}
const long = datasets(N);
const short = new Map(LENGTHS.map((n) => [n, datasets(n)]));
for (const name of names) {
  const meta = hean.indicators().find((m) => m.name === name);
  if (!meta) throw new RangeError(`no indicator named ${name}`);
  const inputsOf = (d) => meta.inputs.slice(0, meta.required).map((k, i) => d[k] ?? (i === 0 ? d.close : d.high));
  for (const options of optionSets) {
    for (const [dname, d] of Object.entries(long)) {
      const ins = inputsOf(d);
      for (let off = 0; off < 8; off++) {
        const bufs = meta.outputs.map(() => new Float64Array(N + 8).fill(-1));
        const views = bufs.map((b) => b.subarray(off, off + N));
        hashCall(meta, ins, options, meta.outputs.length === 1 ? views[0] : Object.fromEntries(meta.outputs.map((k, i) => [k, views[i]])));
        bufs.forEach(put);
      }
      hashCall(meta, ins, options);
      h.update(dname);
    }
    for (const [n, sets] of short) for (const [dname, d] of Object.entries(sets)) (hashCall(meta, inputsOf(d), options), h.update(`${dname}${n}`));
  }
}
console.log(
  `${h.digest('hex').slice(0, 16)}  ${hean.engine?.() ?? process.env.HEAN_ENGINE ?? ''} ${process.env.HEAN_SIMD ?? 'best'}  ${process.env.HEAN_CPP_ADDON ?? 'build'}  ${names.join(',')} ${JSON.stringify(optionSets)}`,
);
