// The WASM linreg family's b + m·c (lfma_certified, in pairs of re-seed intervals) against
// the native addon (std::fma / lfma, an independent path), bit for bit with -0 spelled out:
// series of zeros and one negative subnormal a window, where the intercept b underflows to
// -0 and m is -0 (fma(-0, c, -0) = -0), and scaled walks at exponent extremes.
import { describe, expect, it } from 'vitest';
import { indicatorTable } from '../../src/core/indicator.js';
import { wasmEngine } from '../../src/wasm/load.js';
import { rng } from '../helpers.js';
import { bits, nativeRun } from './native-run.js';

interface Engine {
  run(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): void;
}
const wasm = wasmEngine() as unknown as Engine;
const family = ['linearreg', 'tsf', 'linearregIntercept', 'linearregSlope', 'linearregAngle'];

function wasmRun(name: string, x: Float64Array, period: number): Float64Array {
  const m = indicatorTable().get(name)!;
  const out = new Float64Array(x.length);
  wasm.run(0, m.id, [x], Float64Array.from(m.options, (o, k) => (k === 0 ? period : o.default)), [out], 1);
  return out;
}

describe('WASM linreg family == native bits', () => {
  it('keeps -0 where the intercept underflows to -0 (zeros and one -5e-324 a window)', () => {
    for (const period of [3, 4, 7]) {
      const n = 300 * period; // lanes run where 256·period <= n
      for (const t of [-5e-324, -1e-323]) {
        const x = Float64Array.from({ length: n }, (_, i) => (i % period === period - 1 ? t : 0));
        for (const name of family) expect(bits(wasmRun(name, x, period)), `${name} p=${period} t=${t}`).toEqual(bits(nativeRun(name, [x], n, [period])[0]!));
      }
    }
  });
  it('matches on walks scaled to exponent extremes, cancelling and sign-flipping series', () => {
    const r = rng(11);
    for (const scale of [1, 1e300, 1e-290, 5e-322, 1e-310, 2 ** 1000, 2 ** -1060]) {
      for (const period of [2, 3, 14, 50]) {
        const n = 260 * period;
        let v = 0;
        const walk = Float64Array.from({ length: n }, () => (v += r() - 0.5) * scale);
        const alt = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (1 + (i % 5) * 2 ** -52) * scale);
        const zerosMixed = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? -0 : (r() - 0.5) * scale));
        for (const x of [walk, alt, zerosMixed])
          for (const name of family) expect(bits(wasmRun(name, x, period)), `${name} p=${period} scale=${scale}`).toEqual(bits(nativeRun(name, [x], n, [period])[0]!));
      }
    }
  });
});
