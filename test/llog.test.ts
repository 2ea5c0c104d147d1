// hean's own natural log (llog): IEEE-exact operations only, one C++ expression
// (native-cpp/include/hean/lmath.hpp) behind `ln` and the log returns, native and WASM
// alike. Checks that both uses agree bit for bit, that special values follow std::log, and measures the error
// against Math.log (itself within ~0.5 ulp): the largest difference seen is 1 ulp, and
// against a 200-bit reference (mpmath, 2e5 inputs) llog's error was at most 0.80 ulp.
import { describe, expect, it } from 'vitest';
import { ln } from '../src/index.js';
import { returns } from '../src/indicators/returns.js';
import { rng } from './helpers.js';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const bits = (x: number) => ((f64[0] = x), u64[0]!);
const fromBits = (b: bigint) => ((u64[0] = b), f64[0]!);
/** Distance in units in the last place between two finite doubles of the same sign. */
const ulps = (a: number, b: number) => Number(bits(a) > bits(b) ? bits(a) - bits(b) : bits(b) - bits(a));

/** Random positive doubles: near 1, in ordinary ranges, any exponent, subnormals. */
function inputs(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = r();
    if (c < 0.3) x[i] = 0.5 + r() * 1.5;
    else if (c < 0.5) x[i] = 1 + (r() - 0.5) * 2 ** -(r() * 40);
    else if (c < 0.8) x[i] = Math.exp((r() - 0.5) * 1400);
    else if (c < 0.95) x[i] = fromBits((BigInt(Math.floor(r() * 0x7fefffff)) << 32n) | BigInt(Math.floor(r() * 2 ** 32)));
    else x[i] = fromBits(BigInt(Math.floor(r() * 2 ** 52)) + 1n); // subnormal
  }
  return x;
}

/** llog of each value, one call (hean's `ln` is llog). */
const llogs = (x: ArrayLike<number>) => ln(Float64Array.from(x));
/** llog(b / a) through the log returns (the only way to reach llog with a non-finite argument: `ln` treats one as a gap). */
const viaReturns = (a: number, b: number) => returns([a, b], { period: 1, kind: 'log' })[1]!;
/** llog of one value, infinities included. */
const llog = (x: number) => (x === Infinity ? viaReturns(1e-300, 1e300) : x === -Infinity ? viaReturns(-1e-300, 1e300) : viaReturns(1, x));
/** What llog gives for a ratio: `ln` for finite ones, std::log's rules for the rest. */
const llogRatio = (r: number, lnr: number) => (Number.isFinite(r) ? lnr : r === Infinity ? Infinity : NaN);

describe('llog', () => {
  it('is within 1 ulp of Math.log over 1e6 random inputs', () => {
    const x = inputs(1_000_000, 7);
    const y = llogs(x);
    let worst = 0;
    let off = 0;
    for (let i = 0; i < x.length; i++) {
      const a = y[i]!;
      const b = Math.log(x[i]!);
      if (a === b) continue;
      off++;
      expect(Math.sign(a)).toBe(Math.sign(b));
      worst = Math.max(worst, ulps(a, b));
    }
    expect(worst).toBeLessThanOrEqual(1);
    // Differs from Math.log (V8's fdlibm port) in the last bit on a few percent of inputs.
    expect(off / x.length).toBeLessThan(0.1);
  });

  it('the log returns use the same llog bit for bit (returns kind log of [1, x])', () => {
    const x = inputs(20_000, 11);
    const series = new Float64Array(2 * x.length);
    for (let i = 0; i < x.length; i++) {
      series[2 * i] = 1;
      series[2 * i + 1] = x[i]!;
    }
    // period 1 gives ln(x / 1) = llog(x) at odd indices and ln(1 / x) at even ones.
    const y = returns(series, { period: 1, kind: 'log' });
    const ratios = series.map((v, i) => (i ? v / series[i - 1]! : 1));
    const lns = llogs(ratios);
    for (let i = 1; i < series.length; i++) {
      const want = llogRatio(ratios[i]!, lns[i]!);
      if (!Object.is(y[i], want)) throw new Error(`ln(${series[i]} / ${series[i - 1]}): returns ${y[i]}, ln ${want}`);
    }
  });

  it('returns and ln agree on special values (0, -0, negatives, +Infinity, subnormals)', () => {
    // Ratios x / prev of 0, ±Infinity (1 / ±0), negatives, NaN (0 / 0) and subnormals.
    const series = [1, 0, 1, -0, 1, -1, 1, 0, 0, 5e-324, 1, 2.5e-310, 1e-300, 1e300, 1];
    const y = returns(series, { period: 1, kind: 'log' });
    const ratios = series.map((v, i) => (i ? v / series[i - 1]! : 1));
    const lns = llogs(ratios);
    for (let i = 1; i < series.length; i++) expect(Object.is(y[i], llogRatio(ratios[i]!, lns[i]!)), `bar ${i}`).toBe(true);
    expect(Array.from(y.slice(1, 6))).toEqual([-Infinity, Infinity, -Infinity, NaN, NaN]); // ln 0, ln(1/0), ln -0, ln(1/-0), ln -1
  });

  it('handles special values like std::log', () => {
    expect(llog(0)).toBe(-Infinity);
    expect(llog(-0)).toBe(-Infinity);
    expect(llog(Infinity)).toBe(Infinity);
    expect(llog(-Infinity)).toBeNaN();
    expect(llog(-1)).toBeNaN();
    expect(llog(-Number.MIN_VALUE)).toBeNaN();
    expect(llog(NaN)).toBeNaN();
    expect(Object.is(llog(1), 0)).toBe(true);
    expect(llog(2)).toBe(Math.LN2);
    expect(llog(Math.E)).toBe(1);
    expect(llog(Number.MIN_VALUE)).toBe(Math.log(Number.MIN_VALUE));
    expect(llog(Number.MAX_VALUE)).toBe(Math.log(Number.MAX_VALUE));
    for (let k = -1074; k <= 1023; k++) expect(ulps(llog(2 ** k), Math.log(2 ** k)), `2^${k}`).toBeLessThanOrEqual(1);
  });
});
