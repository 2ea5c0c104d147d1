// Each indicator's own WASM export (bindings/wasm/abi.cpp hean_call_<name>) keeps the
// options it last accepted, bit for bit, with their lookback: the same options again skip
// the option check and the lookback. Sequences that could leave stale options or a stale
// lookback behind -- the same options again, other values, zeros of either sign, NaN, a
// refused value between good calls and the same refused value twice, another indicator,
// another length, the engine's other entry points writing over the scratch, series shorter
// than the lookback -- give the native addon's bits (its own run(), an independent engine)
// at every call, and a refused call the RangeError.
import { describe, expect, it } from 'vitest';
import { bbands } from '../../src/indicators/bbands.js';
import { ema } from '../../src/indicators/ema.js';
import { sma } from '../../src/indicators/sma.js';
import { indicatorTable } from '../../src/core/indicator.js';
import { loadAddon } from '../../src/native.js';
import { wasmEngine } from '../../src/wasm/load.js';
import { sample } from '../helpers.js';

interface Native {
  run(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): void;
}
const native = loadAddon<Native>('hean_cpp');

/** The native addon's outputs of `name` with options `opts` (defaults for the rest). */
function nativeRun(name: string, ins: Float64Array[], opts: Record<string, number>): Float64Array[] {
  const m = indicatorTable().get(name)!;
  const n = ins[0]!.length;
  const outs = m.outputs.map(() => new Float64Array(n));
  native.run(0, m.id, ins, Float64Array.from(m.options, (o) => (o.name in opts ? opts[o.name]! : o.default)), outs, 1);
  return outs;
}

const bits = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v));

describe('short calls with the options of the last call (WASM engine)', () => {
  it('give the native bits through any sequence of options, indicators, lengths and other entry points', () => {
    const long = sample(64, 5);
    const short = sample(15, 6);
    const e = wasmEngine();
    const smaId = indicatorTable().get('sma')!.id;
    let steps = 0;
    const check = (name: 'sma' | 'ema', x: Float64Array, opts: Record<string, number>) => {
      const y = new Float64Array(x.length);
      const f = name === 'sma' ? sma : ema;
      expect(f(x, opts.period, y)).toBe(y);
      expect(bits(y), `${name} ${JSON.stringify(opts)} on ${x.length} bars`).toEqual(bits(nativeRun(name, [x], opts)[0]!));
      steps++;
    };
    for (let round = 0; round < 2; round++) {
      check('sma', long.close, { period: 20 });
      check('sma', long.close, { period: 20 }); // (same: nothing written, nothing checked)
      check('sma', long.close, { period: 10 });
      check('sma', long.close, { period: 20 });
      expect(() => sma(long.close, 0, new Float64Array(64))).toThrow(RangeError);
      expect(() => sma(long.close, 0, new Float64Array(64))).toThrow(RangeError); // (a refused value in place is checked again)
      check('sma', long.close, { period: 20 }); // (after a refused call: checked again)
      expect(() => sma(long.close, Number.NaN, new Float64Array(64))).toThrow(RangeError);
      expect(() => sma(long.close, Number.NaN, new Float64Array(64))).toThrow(RangeError); // (NaN is never "the same")
      check('ema', long.close, { period: 20 });
      check('sma', long.close, { period: 20 });
      // Shorter than the lookback (all NaN: the lookback kept from the call before decides)
      check('sma', short.close, { period: 20 });
      check('sma', short.close, { period: 20 });
      check('sma', short.close, { period: 10 });
      check('sma', short.close, { period: 20 });
      check('sma', long.close, { period: 20 });
      // The engine's other entry points write their options over the same scratch.
      expect(e.lookback(smaId, Float64Array.of(5), 0)).toBe(4);
      check('sma', long.close, { period: 20 });
      const many = new Float64Array(128);
      e.run(1, smaId, [Float64Array.from({ length: 128 }, (_, i) => long.close[i % 64]!)], Float64Array.of(7), [many], 2);
      expect(bits(many.subarray(0, 64))).toEqual(bits(nativeRun('sma', [long.close], { period: 7 })[0]!));
      check('sma', long.close, { period: 20 });
      check('ema', short.close, { period: 5 });
      check('ema', long.close, { period: 5 });
    }
    expect(steps).toBe(2 * 16);
  });

  it('take each options object as given (bbands: stdDev and period changing, zeros of either sign) and give the native bits', () => {
    const x = sample(64, 9).close;
    const seq = [0, -0, -0, 0, 2, 2, -0, 1.5];
    for (const [j, d] of seq.entries()) {
      const opts = { period: 5 + (j >> 2), stdDev: d };
      const got = bbands(x, opts);
      const want = nativeRun('bbands', [x], opts);
      expect([bits(got.upper), bits(got.middle), bits(got.lower)], `stdDev ${Object.is(d, -0) ? '-0' : d}`).toEqual(want.map(bits));
    }
  });
});
