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

/** div_or of the kernels: x / d, or `fallback` where |d| < 1e-14 (TA-Lib 0.6 TA_IS_ZERO). */
export function divOr(x: number, d: number, fallback: number): number {
  return labs(d) < 1e-14 ? fallback : x / d;
}

/** true_range of the kernels, in TA-Lib's comparison order. */
export function trueRange(h: number, l: number, pc: number): number {
  let g = h - l;
  g = lmax(labs(pc - h), g);
  return lmax(labs(pc - l), g);
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
