// hean's portable math library (native-cpp/include/hean/lmath.hpp), through its test
// exports (addon `lmath`, WASM `hean_lmath`): the error against a 200-bit mpmath reference
// (Python venv of test/backtest/pyref.ts; the rest beyond the rounded double in ulps, so
// subnormal results are measured exactly) on 1e5 random arguments per function over the
// whole range must stay below 1 ulp; native and WASM must give the same bits; special
// values follow std:: (C99 Annex F); and against Math.* (V8's fdlibm port, itself < 1 ulp)
// the difference is at most 2 ulp (~4.4e-16 relative; TA-Lib checks use 1e-9).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadAddon } from '../src/native.js';
import { wasmEngine } from '../src/wasm/load.js';
import { ensurePyRef } from './backtest/pyref.js';
import { rng } from './helpers.js';

type Lmath = { lmath(fn: number, x: Float64Array): Float64Array };
const native = loadAddon<Lmath>('hean_cpp');
const wasm = wasmEngine();
const NAMES = ['exp', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh'] as const;
type Name = (typeof NAMES)[number];
const MATH: Record<Name, (x: number) => number> = {
  exp: Math.exp, log: Math.log, log10: Math.log10, sin: Math.sin, cos: Math.cos, tan: Math.tan,
  asin: Math.asin, acos: Math.acos, atan: Math.atan, sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh,
};
const fnOf = (n: Name) => NAMES.indexOf(n);

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const fromBits = (b: bigint) => ((u64[0] = b), f64[0]!);
/** ulp of |v| (v finite). */
function ulp(v: number): number {
  const a = Math.abs(v);
  if (a < 2 ** -1021) return 2 ** -1074;
  const e = Math.floor(Math.log2(a));
  // Math.log2 may round up at the top of a binade.
  const ee = 2 ** e > a ? e - 1 : 2 ** (e + 1) <= a ? e + 1 : e;
  return 2 ** (ee - 52);
}

/** Random arguments for function `name` across its whole range. */
function args(name: Name, n: number, seed: number): Float64Array {
  const r = rng(seed);
  const sign = () => (r() < 0.5 ? -1 : 1);
  const anyFinite = () => fromBits((BigInt(Math.floor(r() * 0x7fefffff)) << 32n) | BigInt(Math.floor(r() * 2 ** 32))) * sign();
  const small = (lo: number) => sign() * 10 ** (lo * r());
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = r();
    let v: number;
    switch (name) {
      case 'exp': v = c < 0.7 ? -745.2 + r() * 1455 : small(-20); break;
      case 'log': case 'log10': v = c < 0.5 ? Math.abs(anyFinite()) : c < 0.9 ? 0.5 + 1.5 * r() : fromBits(BigInt(Math.floor(r() * 2 ** 52)) + 1n); break;
      case 'sin': case 'cos': case 'tan': v = c < 0.4 ? (r() - 0.5) * 20 : c < 0.8 ? sign() * 10 ** (-10 + 17 * r()) : anyFinite(); break;
      case 'asin': case 'acos': v = c < 0.8 ? 2 * r() - 1 : c < 0.9 ? sign() * (1 - 10 ** (-16 + 15 * r())) : small(-20); break;
      case 'atan': v = c < 0.5 ? (r() - 0.5) * 10 : anyFinite(); break;
      case 'sinh': case 'cosh': v = c < 0.6 ? (r() - 0.5) * 50 : c < 0.8 ? (r() - 0.5) * 1420 : small(-10); break;
      default: v = c < 0.6 ? (r() - 0.5) * 6 : c < 0.8 ? (r() - 0.5) * 50 : small(-10);
    }
    x[i] = v;
  }
  return x;
}

const N = 100_000;
const PY = `
import sys, struct, mpmath as mp
mp.mp.prec = 200
f = getattr(mp, sys.argv[1])
d = sys.stdin.buffer.read()
xs = struct.unpack('<%dd' % (len(d) // 8), d)
out = []
for x in xs:
    t = f(mp.mpf(x))
    h = float(t)
    # the rest in ulps of h (exact also where h is subnormal)
    l = 0.0 if h in (float('inf'), float('-inf'), 0.0) else float((t - h) / mp.mpf(2) ** max(mp.frexp(h)[1] - 53, -1074))
    out += [h, l]
sys.stdout.buffer.write(struct.pack('<%dd' % len(out), *out))
`;

describe('lmath (hean/lmath.hpp)', () => {
  const ref = ensurePyRef();
  it.skipIf(!ref.ok)('is within 1 ulp of a 200-bit reference on 1e5 arguments per function', () => {
    if (!ref.ok) return;
    const report: string[] = [];
    for (const name of NAMES) {
      const x = args(name, N, 17 + fnOf(name));
      const y = native.lmath(fnOf(name), x);
      const p = spawnSync(ref.python, ['-c', PY, name], { input: Buffer.from(x.buffer), maxBuffer: 64 << 20, timeout: 600_000 });
      expect(p.status, String(p.stderr)).toBe(0);
      const t = new Float64Array(new Uint8Array(p.stdout).buffer);
      let worst = 0;
      let at = 0;
      for (let i = 0; i < x.length; i++) {
        const hi = t[2 * i]!;
        const lo = t[2 * i + 1]!;
        if (!Number.isFinite(hi) || hi === 0) {
          // Overflow / underflow past the subnormals: the same as the reference.
          expect(y[i], `${name}(${x[i]})`).toBe(hi);
          continue;
        }
        const err = Math.abs((y[i]! - hi) / ulp(hi) - lo);
        if (err > worst) ((worst = err), (at = x[i]!));
      }
      report.push(`${name} ${worst.toFixed(3)} ulp at ${at}`);
      expect(worst, `${name}: ${worst} ulp at ${at}`).toBeLessThan(1);
    }
    console.log(`lmath max error vs mpmath (1e5 args each): ${report.join('; ')}`);
  }, 900_000);

  it('native and WASM give the same bits', () => {
    for (const name of NAMES) {
      const x = args(name, 20_000, 101 + fnOf(name));
      const a = native.lmath(fnOf(name), x);
      const b = wasm.lmath(fnOf(name), x);
      expect(new BigUint64Array(a.buffer).every((v, i) => v === new BigUint64Array(b.buffer)[i]), name).toBe(true);
    }
  });

  it('differs from Math.* by at most 2 ulp', () => {
    for (const name of NAMES) {
      const x = args(name, 50_000, 201 + fnOf(name));
      const y = native.lmath(fnOf(name), x);
      let worst = 0;
      for (let i = 0; i < x.length; i++) {
        const m = MATH[name](x[i]!);
        if (!Number.isFinite(m) || m === 0 || Math.abs(m) < 2 ** -1022) {
          if (Number.isFinite(m) && Math.abs(m) < 2 ** -1022) worst = Math.max(worst, Math.abs(y[i]! - m) / 2 ** -1074);
          else expect(y[i], `${name}(${x[i]})`).toBe(m);
          continue;
        }
        worst = Math.max(worst, Math.abs(y[i]! - m) / ulp(m));
      }
      expect(worst, name).toBeLessThanOrEqual(2);
    }
  });

  it('special values as std::', () => {
    const call = (name: Name, v: number) => {
      const a = native.lmath(fnOf(name), Float64Array.of(v))[0]!;
      const b = wasm.lmath(fnOf(name), Float64Array.of(v))[0]!;
      expect(Object.is(a, b), `${name}(${v}) native ${a} wasm ${b}`).toBe(true);
      return a;
    };
    for (const name of NAMES) expect(call(name, NaN), name).toBeNaN();
    // Odd functions keep the sign of zero.
    for (const name of ['sin', 'tan', 'asin', 'atan', 'sinh', 'tanh'] as const) {
      expect(Object.is(call(name, 0), 0), name).toBe(true);
      expect(Object.is(call(name, -0), -0), name).toBe(true);
    }
    expect(call('exp', 0)).toBe(1);
    expect(call('exp', Infinity)).toBe(Infinity);
    expect(Object.is(call('exp', -Infinity), 0)).toBe(true);
    expect(call('exp', 709.782712893384)).toBe(Math.exp(709.782712893384)); // largest finite
    expect(call('exp', 709.7827128933841)).toBe(Infinity);
    expect(call('exp', -745.1332191019411)).toBe(5e-324);
    expect(call('exp', -745.14)).toBe(0);
    expect(call('exp', 1)).toBe(Math.E);
    expect(call('log', 0)).toBe(-Infinity);
    expect(call('log', -1)).toBeNaN();
    expect(call('log10', 0)).toBe(-Infinity);
    expect(call('log10', -0)).toBe(-Infinity);
    expect(call('log10', -1)).toBeNaN();
    expect(call('log10', Infinity)).toBe(Infinity);
    for (let k = -300; k <= 300; k++) expect(call('log10', Number(`1e${k}`)), `log10(1e${k})`).toBe(k);
    for (const name of ['sin', 'cos', 'tan'] as const) {
      expect(call(name, Infinity), name).toBeNaN();
      expect(call(name, -Infinity), name).toBeNaN();
    }
    expect(call('cos', 0)).toBe(1);
    expect(call('cos', -0)).toBe(1);
    expect(call('sin', Math.PI)).toBe(1.2246467991473532e-16); // sin of the double nearest pi
    expect(call('cos', Math.PI)).toBe(-1);
    expect(call('sin', 1e22)).toBe(-0.8522008497671888); // Payne–Hanek (known value)
    expect(call('sin', Number.MAX_VALUE)).toBe(0.004961954789184062);
    expect(call('asin', 1)).toBe(Math.PI / 2);
    expect(call('asin', -1)).toBe(-Math.PI / 2);
    expect(call('asin', 1.0000000000000002)).toBeNaN();
    expect(call('acos', 1)).toBe(0);
    expect(call('acos', -1)).toBe(Math.PI);
    expect(call('acos', 0)).toBe(Math.PI / 2);
    expect(call('acos', -1.5)).toBeNaN();
    expect(call('atan', Infinity)).toBe(Math.PI / 2);
    expect(call('atan', -Infinity)).toBe(-Math.PI / 2);
    expect(call('atan', 1)).toBe(Math.PI / 4);
    expect(call('sinh', Infinity)).toBe(Infinity);
    expect(call('sinh', -Infinity)).toBe(-Infinity);
    expect(call('sinh', 710.4)).toBe(1.6663642832806496e308); // finite although e^710.4 overflows (mpmath; Math.sinh is 1 ulp below)
    expect(call('sinh', -711)).toBe(-Infinity);
    expect(call('cosh', -Infinity)).toBe(Infinity);
    expect(call('cosh', 0)).toBe(1);
    expect(call('cosh', 711)).toBe(Infinity);
    expect(call('tanh', Infinity)).toBe(1);
    expect(call('tanh', -Infinity)).toBe(-1);
    expect(call('tanh', 30)).toBe(1);
  });

  it('rejects a bad function number', () => {
    expect(() => native.lmath(12, new Float64Array(1))).toThrow(RangeError);
    expect(() => wasm.lmath(-1, new Float64Array(1))).toThrow(RangeError);
  });
});
