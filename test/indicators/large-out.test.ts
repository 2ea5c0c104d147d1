// Outputs far larger than the caches go out with non-temporal stores (native-cpp bars8.hpp
// StreamOut), whose first line boundary depends on where `out` starts. The values must not:
// on 600,001 bars with gaps, each `out` offset 0-7 doubles into its buffer gives the bar-by-bar
// values of short calls (below the streaming size) over the same bars, and bop the JS formula.
import { describe, expect, it } from 'vitest';
import { avgprice, bop, medprice, typprice, wclprice } from '../../src/index.js';
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
} as const;
const fns = { bop, avgprice, medprice, typprice, wclprice } as Record<keyof typeof ins, (...a: unknown[]) => Float64Array>;

/** The function over short pieces (each below the streaming size), concatenated. */
function pieces(name: keyof typeof ins): Float64Array {
  const r = new Float64Array(N);
  for (let i = 0; i < N; i += 10_007) r.set(fns[name](...ins[name].map((x) => x.subarray(i, Math.min(N, i + 10_007)))), i);
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
        expect(Buffer.compare(Buffer.from(out.buffer, out.byteOffset, out.byteLength), Buffer.from(want.buffer))).toBe(0);
        expect([...buf.subarray(0, off), ...buf.subarray(off + N)].every((v) => v === 7)).toBe(true);
      }
    });
  }
  it('bop on the large path is the formula, 0 where high - low is not positive', () => {
    const r = bop(...ins.bop);
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const d = s.high[i] - s.low[i];
      const want = Number.isNaN(s.close[i]) ? NaN : d > 0 ? (s.close[i] - s.open[i]) / d : 0;
      if (!Object.is(r[i], want)) bad++;
    }
    expect(bad).toBe(0);
  });
});
