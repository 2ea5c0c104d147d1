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

/** labs of the kernels: `a < 0 ? -a : a`. */
export function labs(a: number): number {
  return a < 0 ? -a : a;
}

/** div_or of the kernels: x / d, or `fallback` where |d| < 1e-8 (TA-Lib's TA_IS_ZERO). */
export function divOr(x: number, d: number, fallback: number): number {
  return labs(d) < 1e-8 ? fallback : x / d;
}

/** true_range of the kernels, in TA-Lib's comparison order. */
export function trueRange(h: number, l: number, pc: number): number {
  let g = h - l;
  g = lmax(labs(pc - h), g);
  return lmax(labs(pc - l), g);
}

// Bit access for llog: one shared 8-byte scratch, the high word at index HI.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * Natural log from IEEE-exact operations only: the same expression as `llog` in
 * native-cpp/include/hean/kernel.hpp, operation for operation, so the kernels and the
 * streaming classes agree bit for bit (Math.log and libm logs may differ in the last bit).
 * Error < 0.8 ulp. x = 2^k·m with m in [~√½, ~√2), f = m - 1, s = f/(2+f), z = s²,
 * ln m = f - (f²/2 - s(f²/2 + R)), R = Σ_{j=1..10} 2z^j/(2j+1); ln x = k·ln2_hi + (ln m + k·ln2_lo).
 * ln(±0) = -Infinity, ln(Infinity) = Infinity, NaN for NaN and x < 0.
 */
export function llog(x: number): number {
  if (!(x > 0.0)) return x === 0.0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x = x * 18014398509481984.0; // 2^54
    k = -54;
  }
  F64[0] = x;
  const hx = U32[HI]!;
  k += (hx >>> 20) - 1023;
  let mh = hx & 0xfffff;
  if (mh >= 0x6a09e) {
    mh |= 0x3fe00000;
    k += 1;
  } else {
    mh |= 0x3ff00000;
  }
  U32[HI] = mh;
  const m = F64[0]!;
  const f = m - 1.0;
  const s = f / (2.0 + f);
  const z = s * s;
  let r = 0.09523809523809523; // 2/21
  r = 0.10526315789473684 + z * r; // 2/19
  r = 0.11764705882352941 + z * r; // 2/17
  r = 0.13333333333333333 + z * r; // 2/15
  r = 0.15384615384615385 + z * r; // 2/13
  r = 0.18181818181818182 + z * r; // 2/11
  r = 0.2222222222222222 + z * r; // 2/9
  r = 0.2857142857142857 + z * r; // 2/7
  r = 0.4 + z * r; // 2/5
  r = 0.6666666666666666 + z * r; // 2/3
  const R = z * r;
  const hfsq = 0.5 * f * f;
  return k * 0.6931471803691238 + (f - (hfsq - (s * (hfsq + R) + k * 1.9082149292705877e-10)));
}
