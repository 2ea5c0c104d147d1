// Math transforms vs TA-Lib (npm talib) and Math.*, on inputs in each function's domain;
// the native and WASM engines give the same bits (one portable implementation).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as hean from '../../src/indicators/index.js';
import { expectClose, rng, ta } from '../helpers.js';

const r = rng(5);
const N = 4000;
const unit = Float64Array.from({ length: N }, () => r() * 2 - 1);
const pos = Float64Array.from({ length: N }, () => 10 ** (r() * 12 - 6));
const scaled = (k: number) => unit.map((v) => v * k);

/** hean name → TA-Lib name, inputs in the domain, the JS reference, and whether IEEE rounds it exactly. */
const FNS: [string, string, Float64Array, (x: number) => number, boolean][] = [
  ['ceil', 'CEIL', scaled(100), Math.ceil, true],
  ['floor', 'FLOOR', scaled(100), Math.floor, true],
  ['sqrt', 'SQRT', pos, Math.sqrt, true],
  ['ln', 'LN', pos, Math.log, false],
  ['acos', 'ACOS', unit, Math.acos, false],
  ['asin', 'ASIN', unit, Math.asin, false],
  ['atan', 'ATAN', scaled(50), Math.atan, false],
  ['cos', 'COS', scaled(50), Math.cos, false],
  ['cosh', 'COSH', scaled(20), Math.cosh, false],
  ['exp', 'EXP', scaled(20), Math.exp, false],
  ['log10', 'LOG10', pos, Math.log10, false],
  ['sin', 'SIN', scaled(50), Math.sin, false],
  ['sinh', 'SINH', scaled(20), Math.sinh, false],
  ['tan', 'TAN', scaled(50), Math.tan, false],
  ['tanh', 'TANH', scaled(20), Math.tanh, false],
];

const fn = (name: string) => (hean as unknown as Record<string, (x: Float64Array | number[]) => Float64Array>)[name]!;

describe('math transforms', () => {
  it.each(FNS)('%s matches TA-Lib %s and Math', (name, talibName, x, ref, exact) => {
    const got = fn(name)(x);
    expectClose(got, ta(talibName, { inReal: x }).outReal!, 1e-12, name);
    const want = x.map(ref);
    if (exact) expect(got).toEqual(want);
    else for (let i = 0; i < N; i++) expect(Math.abs(got[i]! - want[i]!), `${name}(${x[i]})`).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(want[i]!));
  });
  it('hand-checked values and edges; a non-finite input is a gap', () => {
    expect(Array.from(fn('ceil')([1.2, -1.2, 3]))).toEqual([2, -1, 3]);
    expect(Array.from(fn('floor')([1.8, -1.2]))).toEqual([1, -2]);
    expect(Array.from(fn('sqrt')([4, -1, 0]))).toEqual([2, NaN, 0]);
    expect(Array.from(fn('ln')([1, 0, -1, Math.E ** 2]))).toEqual([0, -Infinity, NaN, 2]);
    expect(Array.from(fn('sqrt')([4, Infinity, 9]))).toEqual([2, NaN, 3]);
    expect(Array.from(fn('acos')([1, -1, 2]))).toEqual([0, Math.PI, NaN]);
    expect(Array.from(fn('exp')([0, 1]))).toEqual([1, Math.E]);
    expect(Array.from(fn('log10')([1000, 0.01]))).toEqual([3, -2]);
    expect(Array.from(fn('sin')([0, -0]))).toEqual([0, -0]);
  });
  it('the native and WASM engines give the same bits', () => {
    const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    const script = `
      import { createHash } from 'node:crypto';
      const hean = await import(${JSON.stringify(dist)});
      let s = 9; const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
      const x = Float64Array.from({ length: 20000 }, (_, i) => (i % 3 === 0 ? r() * 2 - 1 : i % 3 === 1 ? (r() - 0.5) * 40 : 10 ** (r() * 12 - 6)));
      const h = createHash('sha256');
      for (const n of ${JSON.stringify(FNS.map((f) => f[0]))}) { const o = hean[n](x); h.update(new Uint8Array(o.buffer)); }
      console.log(h.digest('hex'));`;
    const run = (env: Record<string, string>) => execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
    expect(run({ HEAN_ENGINE: 'wasm' })).toBe(run({}));
  });
});
