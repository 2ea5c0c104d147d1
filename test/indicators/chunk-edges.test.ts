// Series lengths at the edges of the kernels' internal blocks: beta's 256-bar chunk of
// returns (on the stack at periods <= 256: 255-257 here; the many-series lanes' chunks of
// 64 - p bars at p <= 32: 31-33), its eight-bar lanes at periods <= 8, the Hilbert DC
// kernels' 128-bar blocks (their DFT one bar behind the core chain). Every length from the
// lookback on, around each boundary, over data with NaN and ±Inf gaps: a series cut at n
// gives the first n bars of the long series' result bit for bit (the kernels are causal),
// and streaming gives the long series' result bit for bit. By default cuts under 1,000
// bars run in the WASM engine and the whole series natively (so this is WASM against
// native too); every cut native, under ASan:
//   HEAN_WASM_BELOW=0 scripts/sanitize.sh --no-build test/indicators/chunk-edges.test.ts
// (passes, as do HEAN_WASM_BELOW=0 HEAN_SIMD=base|avx2|avx512 and HEAN_ENGINE=wasm).
import { describe, expect, it } from 'vitest';
import { beta } from '../../src/indicators/beta.js';
import { htDcphase } from '../../src/indicators/htDcphase.js';
import { htSine } from '../../src/indicators/htSine.js';
import { htTrendmode } from '../../src/indicators/htTrendmode.js';
import { Beta, HtDcphase, HtTrendmode } from '../../src/stream/index.js';
import { sample } from '../helpers.js';

// a sample series with NaN, +Inf and -Inf at the given bars
function gapped(seed: number, n: number, nan: number[], inf: number[] = []): Float64Array {
  const x = sample(n, seed).close.slice();
  for (const i of nan) x[i] = NaN;
  inf.forEach((i, k) => (x[i] = k % 2 ? -Infinity : Infinity));
  return x;
}

function sameBitsPrefix(cut: Float64Array, whole: Float64Array, label: string): void {
  expect(cut.length, label).toBeLessThanOrEqual(whole.length);
  for (let i = 0; i < cut.length; i++) if (!Object.is(cut[i], whole[i])) expect.fail(`${label}: bar ${i} ${cut[i]} vs ${whole[i]}`);
}

// n around every boundary: from the lookback (lb) on, and around lb + 1 + k * block
function lengths(lb: number, block: number, lanes: number, max: number): number[] {
  const s = new Set<number>();
  for (let d = 0; d <= lanes + 2; d++) s.add(lb + d);
  for (let k = 1; lb + 1 + k * block + lanes < max; k++) for (let d = -2; d <= lanes + 1; d++) s.add(lb + 1 + k * block + d);
  for (let d = 0; d < 4; d++) s.add(Math.max(1, lb - d));
  return [...s].filter((n) => n >= 1 && n <= max).sort((a, b) => a - b);
}

describe('beta at its chunk and lane boundaries', () => {
  const N = 1400;
  // gaps at chunk boundaries of period 5 (bar p + 1 + 256 and one before p + 1 + 512), and
  // none after bar 700 (period 300 has whole windows)
  const x = gapped(11, N, [40, 5 + 1 + 256], [650]), y = gapped(12, N, [5 + 1 + 512 - 1, 91], [300]);
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 30, 31, 32, 33, 255, 256, 257, 300])('period %i: every cut equals the whole series, and streaming does', (p) => {
    const whole = beta(x, y, p);
    let checked = 0;
    for (const n of lengths(p, 256, 8, N)) {
      sameBitsPrefix(beta(x.subarray(0, n), y.subarray(0, n), p), whole, `period ${p}, n ${n}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    // (period 1: one return, no spread, 0 wherever defined)
    expect(whole.some((v) => Number.isFinite(v) && (p === 1 ? v === 0 : v !== 0))).toBe(true);
    const s = new Beta({ period: p });
    for (let i = 0; i < N; i++) if (!Object.is(s.update(x[i]!, y[i]!), whole[i])) expect.fail(`period ${p}: stream bar ${i}`);
  });
  it.each([1, 2, 5, 8, 9, 30, 31, 32, 33, 257])('period %i, many series (8 a SIMD block, and 3): each equals its own series, at cuts around the chunks', (p) => {
    for (const S of [8, 3]) {
      const xs = Array.from({ length: S }, (_, k) => gapped(40 + k, N, k % 2 ? [100 + 37 * k] : [], k === 3 ? [5 + 1 + 256 + k] : []));
      const ys = Array.from({ length: S }, (_, k) => gapped(60 + k, N, k % 3 ? [] : [262 + k]));
      // (the lanes' returns come in chunks of 64 - p bars on the stack at p <= 32, else 256)
      const lane = p <= 32 ? 64 - p : 256;
      for (const n of [p, p + 1, p + 8, p + 256, p + 257, p + 258, p + lane, p + lane + 1, p + lane + 2, p + 2 * lane + 1, N]) {
        if (n > N) continue;
        const mx = new Float64Array(S * n), my = new Float64Array(S * n);
        for (let k = 0; k < S; k++) {
          mx.set(xs[k]!.subarray(0, n), k * n);
          my.set(ys[k]!.subarray(0, n), k * n);
        }
        const got = beta.many(mx, my, S, { period: p }) as Float64Array;
        for (let k = 0; k < S; k++) sameBitsPrefix(got.subarray(k * n, (k + 1) * n), beta(xs[k]!.subarray(0, n), ys[k]!.subarray(0, n), p), `many ${S}, period ${p}, n ${n}, series ${k}`);
      }
    }
  });
});

describe('Hilbert DC kernels at their 128-bar block boundaries', () => {
  const N = 700;
  const x = gapped(21, N, [63 + 128, 400], [200]);
  const clean = sample(N, 22).close;
  const kernels: [string, (s: Float64Array) => Record<string, Float64Array>][] = [
    ['htDcphase', (s) => ({ v: htDcphase(s) })],
    ['htSine', (s) => htSine(s) as unknown as Record<string, Float64Array>],
    ['htTrendmode', (s) => ({ v: htTrendmode(s) })],
  ];
  it.each(kernels)('%s: every cut equals the whole series', (name, f) => {
    for (const data of [clean, x]) {
      const whole = f(data);
      const keys = Object.keys(whole);
      const lb = whole[keys[0]!]!.findIndex((v) => !Number.isNaN(v));
      expect(lb, name).toBeGreaterThan(30);
      for (const n of lengths(lb, 128, 1, N)) {
        const cut = f(data.subarray(0, n));
        for (const k of keys) sameBitsPrefix(cut[k]!, whole[k]!, `${name}.${k}, n ${n}`);
      }
    }
  });
  it('htDcphase and htTrendmode stream the whole series bit for bit', () => {
    for (const data of [clean, x]) {
      const a = htDcphase(data), b = htTrendmode(data);
      const sa = new HtDcphase(), sb = new HtTrendmode();
      for (let i = 0; i < N; i++) {
        if (!Object.is(sa.update(data[i]!), a[i])) expect.fail(`htDcphase stream bar ${i}`);
        if (!Object.is(sb.update(data[i]!), b[i])) expect.fail(`htTrendmode stream bar ${i}`);
      }
    }
  });
});
