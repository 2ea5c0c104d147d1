// Same-bits check for kernel changes: a hash of indicator outputs over hostile data (walk,
// flat stretches, repeats, a constant, NaN/Inf gaps, signed zeros, subnormals, x1e300,
// x1e-290, mixed) at lengths 0..5000 and several option sets, one line per engine/ISA.
// Run it before and after a change (after npm run build:ts) and compare the lines:
//   for c in 'native base' 'native avx2' 'native avx512' 'wasm -'; do set -- $c; HEAN_ENGINE=$1 HEAN_SIMD=$2 node scripts/hash-outputs.mjs bbands; done
import { createHash } from 'node:crypto';
const hean = await import('../dist/index.js');
const names = (process.argv[2] ?? 'bbands').split(',');
let s = 12345;
const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
function walk(n) { const a = new Float64Array(n); let v = 100; for (let i = 0; i < n; i++) { v += rnd() - 0.5; a[i] = v; } return a; }
const sets = {
  walk: (n) => walk(n),
  flat: (n) => { const a = walk(n); for (let i = 0; i < n; i++) if (Math.floor(i / 30) % 2 === 1) a[i] = a[Math.floor(i / 30) * 30]; return a; },
  shortflat: (n) => { const a = walk(n); for (let i = 1; i < n; i++) if (rnd() < 0.4) a[i] = a[i - 1]; return a; },
  constant: (n) => new Float64Array(n).fill(7.25),
  gaps: (n) => { const a = walk(n); for (let i = 0; i < n; i++) { const r = rnd(); if (r < 0.03) a[i] = NaN; else if (r < 0.04) a[i] = Infinity; else if (r < 0.05) a[i] = -Infinity; } return a; },
  zeros: (n) => { const a = new Float64Array(n); for (let i = 0; i < n; i++) { const r = rnd(); a[i] = r < 0.3 ? 0 : r < 0.6 ? -0 : r < 0.8 ? 1e-3 * (rnd() - 0.5) : -0; } return a; },
  subnormal: (n) => { const a = new Float64Array(n); for (let i = 0; i < n; i++) a[i] = Math.floor(rnd() * 2000 - 1000) * 5e-324; return a; },
  subwalk: (n) => walk(n).map((v) => v * 1e-310),
  big: (n) => walk(n).map((v) => v * 1e300),
  tiny: (n) => walk(n).map((v) => v * 1e-290),
  mixed: (n) => { const a = walk(n); for (let i = 0; i < n; i++) { const r = rnd(); if (r < 0.05) a[i] = 1e300; else if (r < 0.1) a[i] = -0; else if (r < 0.12) a[i] = 5e-324; } return a; },
};
const lens = [0, 1, 2, 3, 5, 19, 20, 21, 40, 63, 64, 65, 127, 128, 129, 160, 161, 199, 300, 1000, 5000];
const optsOf = {
  bbands: [1, 2, 3, 5, 14, 20, 50, 200].flatMap((period) => [2, 0, 1.5, 1e6].map((stdDev) => ({ period, stdDev }))).concat([{ period: 20, maType: 1 }, { period: 10, maType: 2 }]),
  linearreg: [2, 3, 5, 14, 20, 50].map((period) => ({ period })),
  tsf: [2, 3, 5, 14, 20, 50].map((period) => ({ period })),
  linearregSlope: [2, 3, 5, 14, 20, 50].map((period) => ({ period })),
  linearregAngle: [2, 3, 5, 14, 20, 50].map((period) => ({ period })),
  linearregIntercept: [2, 3, 5, 14, 20, 50].map((period) => ({ period })),
};
const all = createHash('sha256');
const per = [];
for (const name of names) for (const [set, gen] of Object.entries(sets)) {
  const h = createHash('sha256');
  for (const n of lens) {
    s = n * 7919 + set.length;
    const x = gen(n);
    for (const o of optsOf[name]) {
      let r;
      try { r = hean[name](x, o); } catch (e) { h.update('E' + e.message); continue; }
      for (const a of r instanceof Float64Array ? [r] : Object.values(r)) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
  }
  const d = h.digest('hex').slice(0, 16);
  per.push(`${name}/${set}:${d}`);
  all.update(d);
}
console.log(`${process.env.HEAN_ENGINE}/${process.env.HEAN_SIMD ?? '-'} ${hean.engine?.() ?? ''} ${all.digest('hex').slice(0, 16)} ${per.join(' ')}`);
