// Mirrors of native-cpp/include/hean/rolling.hpp for the streaming classes: the same
// re-sum schedule and the same operation order, so streamed values are bit-identical.

/** Steps between exact re-sums of a window sum (WindowSum) or moments (WindowMoments). */
export function resumEvery(p: number, floor: number): number {
  return 8 * p > floor ? 8 * p : floor;
}

/** Sum of the p values of a ring, oldest (at `oldest`) first, from 0. */
export function ringSum(w: Float64Array, base: number, p: number, oldest: number): number {
  let s = 0.0;
  for (let k = 0; k < p; k++) s = s + w[base + ((oldest + k) % p)]!;
  return s;
}

/** Mean and sum of squared deviations by two passes over a ring, oldest first (WindowMoments::resum). */
export function ringMoments(w: Float64Array, base: number, p: number, oldest: number, invP: number): [number, number] {
  let a = 0.0;
  for (let k = 0; k < p; k++) a = a + w[base + ((oldest + k) % p)]!;
  a = a * invP;
  let b = 0.0;
  for (let k = 0; k < p; k++) {
    const d = w[base + ((oldest + k) % p)]! - a;
    b = b + d * d;
  }
  return [a, b];
}

/** Sum of `count` values of a ring of `size` slots at `base`, from slot `oldest` on, from 0 (WindowSum::resum). */
export function ringSumN(w: Float64Array, base: number, size: number, oldest: number, count: number): number {
  let s = 0.0;
  for (let k = 0, j = oldest; k < count; k++) {
    s = s + w[base + j]!;
    if (++j === size) j = 0;
  }
  return s;
}

/** Weighted sum (weights 1..count, oldest lightest) of `count` ring values from slot `oldest` (WindowWeightedSum::resum's wsum). */
export function ringWSumN(w: Float64Array, base: number, size: number, oldest: number, count: number): number {
  let s = 0.0;
  let k = 1.0;
  for (let c = 0, j = oldest; c < count; c++, k += 1.0) {
    s = s + w[base + j]! * k;
    if (++j === size) j = 0;
  }
  return s;
}

/** Mean of the p values of a ring, the first pass of WindowMoments::resum. */
export function ringMean(w: Float64Array, base: number, p: number, oldest: number, invP: number): number {
  return ringSumN(w, base, p, oldest, p) * invP;
}

/** Sum of squared deviations from `mean` of the p values of a ring, the second pass of WindowMoments::resum. */
export function ringSqDev(w: Float64Array, base: number, p: number, oldest: number, mean: number): number {
  let b = 0.0;
  for (let k = 0, j = oldest; k < p; k++) {
    const d = w[base + j]! - mean;
    b = b + d * d;
    if (++j === p) j = 0;
  }
  return b;
}

/** lmax of the kernels: `a > b ? a : b` (not Math.max, which differs on signed zeros). */
export function lmax(a: number, b: number): number {
  return a > b ? a : b;
}

/** lmin of the kernels. */
export function lmin(a: number, b: number): number {
  return a < b ? a : b;
}

/**
 * labs of the kernels: `a < 0 ? -a : a`, which keeps -0 (Math.abs gives +0) and is otherwise
 * Math.abs; written this way so the sign test isn't a branch (price changes flip sign at random).
 */
export function labs(a: number): number {
  return a === 0 ? a : Math.abs(a);
}

/** div_or of the kernels: x / d, or `fallback` where |d| < 1e-14 (TA-Lib 0.6 TA_IS_ZERO). */
export function divOr(x: number, d: number, fallback: number): number {
  return labs(d) < 1e-14 ? fallback : x / d;
}

/** true_range of the kernels, in TA-Lib's comparison order (fabs, as TA-Lib). */
export function trueRange(h: number, l: number, pc: number): number {
  let g = h - l;
  g = lmax(Math.abs(pc - h), g);
  return lmax(Math.abs(pc - l), g);
}

// Bit access for llog: one shared 8-byte scratch, the high word at index HI.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/**
 * Natural log from IEEE-exact operations only: the same expression as `llog` in
 * native-cpp/include/hean/kernel.hpp, operation for operation, so the kernels and the
 * streaming classes agree bit for bit (Math.log and libm logs may differ in the last bit).
 * Error < 0.8 ulp. x = 2^k·m with m in [~√½, ~√2), f = m - 1, s = f/(2+f), z = s²,
 * ln m = f - (f²/2 - s(f²/2 + R)), R = 2·atanh(s)/s − 2 = z·P(z) (P a degree-6 fit);
 * ln x = k·ln2_hi + (ln m + k·ln2_lo).
 * ln(±0) = -Infinity, ln(Infinity) = Infinity, NaN for NaN and x < 0.
 */
export function llog(x: number): number {
  // Special values (arithmetic, not the globals: a never-taken branch must not untype the
  // result): +Infinity for +Infinity, -Infinity for ±0, NaN for NaN and negatives.
  if (!(x > 0.0 && x < Infinity)) return x === 0.0 ? -1.0 / 0.0 : x > 0.0 ? x : 0.0 / 0.0;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x = x * 18014398509481984.0; // 2^54
    k = -54;
  }
  F64[0] = x;
  const hx = U32[HI]!;
  const mh = hx & 0xfffff;
  // up = 1 where the mantissa is >= ~sqrt(2) (then m is halved): branch-free, as the split
  // is unpredictable for prices near 1.
  const up = (mh + (0x100000 - 0x6a09e)) >>> 20;
  k += (hx >>> 20) - 1023 + up;
  // m = 1.mantissa, or half that, built exactly from the integer bits: the value the C++
  // version gets by replacing the exponent bits. (Writing the high word back and reading
  // the double would stall store-to-load forwarding, ~3x slower.)
  const m = (1.0 + (mh * 4294967296 + U32[LO]!) * 2.220446049250313e-16) * (1.0 - 0.5 * up); // 2^-52
  const f = m - 1.0;
  const s = f / (2.0 + f);
  const z = s * s;
  // R = z·P(z), P of degree 6 fitted to (2 atanh(s)/s - 2)/z on z in [0, 0.0295] (Chebyshev,
  // max error 3.1e-16, i.e. < 0.02 ulp of the log), evaluated in two halves for latency.
  const z2 = z * z;
  const pe = 0.666666666666667 + z2 * (0.28571428626570206 + z2 * (0.18182896183483085 + z2 * 0.14619343453512615));
  const po = 0.3999999999989819 + z2 * (0.2222221103781659 + z2 * 0.15331487235865734);
  const R = z * (pe + z * po);
  const hfsq = 0.5 * f * f;
  return k * 0.6931471803691238 + (f - (hfsq - (s * (hfsq + R) + k * 1.9082149292705877e-10)));
}

/** div_nz of the kernels: x / d, or `fallback` where d is exactly 0 (TA-Lib's `!= 0.0` tests). */
export function divNz(x: number, d: number, fallback: number): number {
  return d !== 0 ? x / d : fallback;
}

/** Sum of `count` values of a ring of `cap` slots at w[base..], from slot `first` on (oldest first), from 0. */
export function ringSumAt(w: Float64Array, base: number, cap: number, first: number, count: number): number {
  let s = 0.0;
  for (let k = 0, j = first; k < count; k++, j = j + 1 === cap ? 0 : j + 1) s = s + w[base + j]!;
  return s;
}
