// Outputs far larger than the caches go out with non-temporal stores (native-cpp bars8.hpp
// StreamOut), whose first line boundary depends on where `out` starts. The values must not:
// on 600,001 bars with gaps, each `out` offset 0-7 doubles into its buffer gives the bar-by-bar
// values of short calls (below the streaming size) over the same bars (each with the bars
// its warm-up needs before it), bop and simple returns their JS formulas.
import { describe, expect, it } from 'vitest';
import { avgprice, bop, medprice, returns, typprice, wclprice } from '../../src/index.js';
import { sample } from '../helpers.js';

const N = 600_001;
const s = sample(N);
for (let i = 1234; i < N; i += 99_991) s.close[i] = NaN;
const ins = {
  bop: [s.open, s.high, s.low, s.close],
  avgprice: [s.open, s.high, s.low, s.close],
  medprice: [s.high, s.low],
  typprice: [s.high, s.low, s.close],
  wclprice: [s.high, s.low, s.close],
  returns: [s.close],
  logReturns: [s.close],
} as const;
const fns = {
  bop,
  avgprice,
  medprice,
  typprice,
  wclprice,
  returns: (x: Float64Array, _o?: object, out?: Float64Array) => returns(x, { period: 3 }, out),
  logReturns: (x: Float64Array, _o?: object, out?: Float64Array) => returns(x, { period: 3, kind: 'log' }, out),
} as Record<keyof typeof ins, (...a: unknown[]) => Float64Array>;
/** How many of a's values differ from b's in their bits. */
function bitsDiffer(a: Float64Array, b: Float64Array): number {
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) n++;
  return n;
}
const warm = (name: string) => (name.endsWith('eturns') ? 3 : 0);

/** The function over short pieces (each below the streaming size, from `warm` bars early), concatenated. */
function pieces(name: keyof typeof ins): Float64Array {
  const r = new Float64Array(N).fill(NaN);
  const w = warm(name);
  for (let i = 0; i < N; i += 10_007) {
    const from = Math.max(0, i - w);
    const part = fns[name](...ins[name].map((x) => x.subarray(from, Math.min(N, i + 10_007))), {});
    r.set(part.subarray(i - from), i);
  }
  return r;
}

describe('large outputs (streaming stores)', () => {
  for (const name of Object.keys(ins) as (keyof typeof ins)[]) {
    it(`${name}: every out offset gives the short calls' values`, () => {
      const want = pieces(name);
      for (let off = 0; off < 8; off++) {
        const buf = new Float64Array(N + 8).fill(7);
        const out = buf.subarray(off, off + N);
        fns[name](...ins[name], {}, out);
        expect(bitsDiffer(out, want)).toBe(0);
        expect([...buf.subarray(0, off), ...buf.subarray(off + N)].every((v) => v === 7)).toBe(true);
      }
    });
  }
  it('bop on the large path is the formula, 0 where high - low is not positive', () => {
    const r = bop(...ins.bop);
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const d = s.high[i]! - s.low[i]!;
      const want = Number.isNaN(s.close[i]) ? NaN : d > 0 ? (s.close[i]! - s.open[i]!) / d : 0;
      if (!Object.is(r[i], want)) bad++;
    }
    expect(bad).toBe(0);
  });
  it('simple returns on the large path are close / close[i - 3] - 1, NaN within 3 bars after a gap', () => {
    const r = fns.returns(s.close);
    const c = s.close;
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const gap = i < 3 || [c[i], c[i - 1], c[i - 2], c[i - 3]].some(Number.isNaN);
      if (!Object.is(r[i], gap ? NaN : c[i]! / c[i - 3]! - 1)) bad++;
    }
    expect(bad).toBe(0);
  });
});
