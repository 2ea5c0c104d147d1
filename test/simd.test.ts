// The kernels, 8-lane and single-series, are built for several instruction-set levels
// (baseline, AVX2, AVX-512 on x86-64) and the best one is picked at load. Every level must
// give the same bits: each child process caps the level with $HEAN_SIMD and hashes every
// indicator's many-series output on the same data (19 series: two 8-lane blocks and three
// columns through the single-series kernel of that level; 'none' runs all 19 that way).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const script = `
  import { createHash } from 'node:crypto';
  const hean = await import(${JSON.stringify(dist)});
  const S = 19, T = 700;
  let seed = 7;
  const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const close = new Float64Array(S * T), high = new Float64Array(S * T), low = new Float64Array(S * T), volume = new Float64Array(S * T);
  for (let j = 0; j < S; j++) { let p = 50 + j; for (let t = 0; t < T; t++) { p *= 1 + (r() - 0.5) * 0.02; const k = j * T + t;
    close[k] = p; high[k] = p * (1 + r() * 0.01); low[k] = p * (1 - r() * 0.01); volume[k] = r() < 0.05 ? 0 : 1000 * r(); } }
  close[3 * T + 100] = NaN;
  const cols = { close, high, low, volume };
  const h = createHash('sha256');
  for (const m of hean.indicators()) {
    const args = m.inputs.slice(0, m.required).map((k) => cols[k] ?? close);
    const out = hean[m.name].many(...args, S);
    for (const o of m.outputs.length === 1 ? [out] : m.outputs.map((k) => out[k])) h.update(new Uint8Array(o.buffer, o.byteOffset, o.byteLength));
  }
  const { createRequire } = await import('node:module');
  console.log(JSON.stringify({ hash: h.digest('hex') }));`;

function run(level: string): string {
  // 'wasm': the WebAssembly build of the same kernels (its own 8-lane blocks, SIMD128).
  const env = level === 'wasm' ? { HEAN_ENGINE: 'wasm' } : { HEAN_SIMD: level };
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return JSON.parse(out).hash as string;
}

describe('SIMD levels', () => {
  it('baseline, AVX2, AVX-512, per-series and WASM paths give identical bits', () => {
    const hashes = ['none', 'base', 'avx2', 'avx512', 'wasm'].map(run);
    expect(new Set(hashes).size).toBe(1);
  });
});
