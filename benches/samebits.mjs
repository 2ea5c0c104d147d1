// Same-bits check for kernel rewrites: hashes named functions' outputs (with `out`, and
// allocating) on hostile data of 1,000,003 bars, large enough for the streaming-store path,
// `out` at every offset 0-7 doubles into its buffer (each line alignment):
// a walk, a flat series, NaN and ±Inf gaps, ±0, subnormals, 1e300 and 1e-290 scales.
// Compare the printed hash across builds (HEAN_CPP_ADDON) and levels (HEAN_SIMD), e.g.
//   for a in /tmp/old.node build/Release/hean_cpp.node; do for l in base avx2 avx512; do
//     HEAN_CPP_ADDON=$a HEAN_SIMD=$l node benches/samebits.mjs bop,avgprice; done; done
//   args: hean names (comma-separated), options as JSON (default {}); HEAN_BENCH_BARS (1,000,003)
import { createHash } from 'node:crypto';
import { envInt, makeBars } from './harness.mjs';

const hean = await import('../dist/index.js');
const N = envInt('HEAN_BENCH_BARS', 1_000_003);
const names = (process.argv[2] ?? '').split(',').filter(Boolean);
const options = JSON.parse(process.argv[3] ?? '{}');
if (!names.length) throw new TypeError('usage: node benches/samebits.mjs name[,name...]');
const base = makeBars(N, 7);
const map = (f) => Object.fromEntries(['open', 'high', 'low', 'close', 'volume'].map((k) => [k, base[k].map((v, i) => f(v, i, k))]));
const datasets = {
  walk: base,
  flat: map((_, i, k) => (k === 'volume' ? 1000 : 100)),
  gaps: map((v, i) => (i % 9973 === 5 ? NaN : i % 15013 === 7 ? Infinity : i % 20011 === 3 ? -Infinity : v)),
  zeros: map((v, i, k) => (i % 7 === 0 ? 0 : i % 7 === 1 ? -0 : k === 'volume' ? v : v - 100)),
  subnormal: map((v) => v * 5e-322),
  huge: map((v) => v * 1e300),
  tiny: map((v) => v * 1e-290),
};
const h = createHash('sha256');
const put = (o) => h.update(new Uint8Array(o.buffer, o.byteOffset, o.byteLength));
for (const name of names) {
  const meta = hean.indicators().find((m) => m.name === name);
  if (!meta) throw new RangeError(`no indicator named ${name}`);
  for (const [dname, d] of Object.entries(datasets)) {
    const ins = meta.inputs.slice(0, meta.required).map((k, i) => d[k] ?? (i === 0 ? d.close : d.high));
    for (let off = 0; off < 8; off++) {
      const bufs = meta.outputs.map(() => new Float64Array(N + 8).fill(-1));
      const views = bufs.map((b) => b.subarray(off, off + N));
      hean[name](...ins, options, meta.outputs.length === 1 ? views[0] : Object.fromEntries(meta.outputs.map((k, i) => [k, views[i]])));
      bufs.forEach(put);
    }
    const r = hean[name](...ins, options);
    (meta.outputs.length === 1 ? [r] : meta.outputs.map((k) => r[k])).forEach(put);
    h.update(dname);
  }
}
console.log(`${h.digest('hex').slice(0, 16)}  ${process.env.HEAN_SIMD ?? 'best'}  ${process.env.HEAN_CPP_ADDON ?? 'build'}  ${names.join(',')} ${JSON.stringify(options)}`);
