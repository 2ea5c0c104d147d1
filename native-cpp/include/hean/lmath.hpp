// hean's portable math library: exp, log, log10, sin, cos, tan, asin, acos, atan, sinh,
// cosh, tanh from IEEE-exact operations only (+ - * /, sqrt, comparisons and bit
// manipulation; no FMA contraction: the native and WASM builds pass -ffp-contract=off), so
// every platform (glibc x86-64 at any ISA level, wasi-libc/musl WASM, MSVC) gives the same
// bits. The C libraries' versions of these are not correctly rounded and differ between
// platforms in the last bit.
//
// Accuracy (test/lmath.test.ts measures it against a 200-bit mpmath reference on 1e5
// arguments per function over the whole range): every function is within 1 ulp (the
// measured worst cases are in that test), i.e. ~2e-16 relative of glibc's results.
// Special values follow std:: (C99 Annex F): NaN in -> NaN out, domain errors -> NaN,
// overflow -> ±inf, underflow -> subnormal/0, f(±0) = ±0 for the odd functions.
//
// Methods (published facts; the polynomial coefficients are Chebyshev fits computed with
// mpmath at 200 bits, each fit error far below 2^-53 relative to the result):
//   exp      x = k ln2 + r, |r| <= ln2/2 (Cody–Waite: ln2 in a 32-bit head and a tail, so
//            k ln2_hi is exact), e^r = 1 + r + r^2/2 + r^3 Q(r) summed as a double-double.
//   sinh/cosh/tanh  from exp as a double-double (e^x, e^-x = 1/e^x refined by Dekker's
//            exact product); sinh and tanh take x + x^3 S(x^2) below |x| = 1.
//   sin/cos/tan  x = n pi/2 + y (y a double-double): 3-part Cody–Waite (pi/2 in 32-bit
//            pieces, exact products n*piece) for |x| < 2^20 pi, Payne–Hanek (integer
//            multiply by a 1216-bit table of 2/pi) beyond, exact over the whole double
//            range; kernels sin y = y + y^3 P(y^2), cos y = 1 - y^2/2 + y^4 Q(y^2) with the
//            rounding of 1 - y^2/2 compensated; tan = sin/cos as a double-double quotient.
//   asin/acos  fdlibm's reductions: |x| < 1/2 polynomial, else asin x = pi/2 - 2 asin
//            sqrt((1-x)/2) with the sqrt's rounding error recovered.
//   atan     atan(x) = atan(c) + atan((x-c)/(1+cx)) with c the midpoint of |x|'s eighth of
//            its binade (1/32 <= |x| < 32; its top three mantissa bits, so x - c is exact and
//            c costs no lookup on the latency path, only atan(c) from an 80-entry table), or
//            c = inf (|x| >= 32, t = -1/|x|), or t = x (|x| < 1/32): |t| <= 1/32, then
//            t - t^3 P(t^2) with P of degree 3.
//   log      llog (below)
//   log10    llog's reduction with log(m) split in a 21-bit head and a tail, times 1/ln10
//            and k log10(2) in 32-bit heads + tails.
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hean/lanes.hpp"

namespace hean {
namespace lm {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kQNaN = std::numeric_limits<double>::quiet_NaN();
// 1.5 * 2^52: (v + kRound) - kRound rounds v (|v| < 2^51) to the nearest integer, ties to even.
constexpr double kRound = 6755399441055744.0;

// Exact sum: s + e == a + b (Knuth's TwoSum). T: double, or a vector of doubles, lane-wise
// (two_sum, split, two_prod serve lfma's lanes too).
template <class T>
HEAN_INLINE void two_sum(T a, T b, T& s, T& e) {
  s = a + b;
  const T bb = s - a;
  e = (a - (s - bb)) + (b - bb);
}
// Exact sum when |a| >= |b| or a == 0 (Dekker's Fast2Sum).
template <class T>
HEAN_INLINE void fast_two_sum(T a, T b, T& s, T& e) {
  s = a + b;
  e = b - (s - a);
}
// Exact product without FMA: p + e == a * b (Veltkamp split + Dekker), |a|, |b| < 2^996.
template <class T>
HEAN_INLINE void split(T a, T& hi, T& lo) {
  const T c = 134217729.0 * a;  // 2^27 + 1
  hi = c - (c - a);
  lo = a - hi;
}
// two_prod with b already split (bh + bl == b): a loop multiplying by one b splits it once.
template <class T, class B>
HEAN_INLINE void two_prod_split(T a, B b, B bh, B bl, T& p, T& e) {
  p = a * b;
  T ah, al;
  split(a, ah, al);
  e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}
template <class T>
HEAN_INLINE void two_prod(T a, T b, T& p, T& e) {
  T bh, bl;
  split(b, bh, bl);
  two_prod_split(a, b, bh, bl, p, e);
}
// a·b + c rounded once: the same bits as IEEE fma on every target. The instruction where
// the ISA level has one; else (WASM, the x86-64 baseline, where std::fma is a slow libm
// routine) Boldo and Melquiond's emulation: the exact product and the exact sum with c,
// their low parts added with rounding to odd, then one rounding to nearest, which is
// correctly rounded when no step under- or overflows. Other operands take std::fma.
[[gnu::noinline, gnu::cold]] inline double fma_rare(double a, double b, double c) { return std::fma(a, b, c); }
// The emulation's steps are written once for a double and for a vector of doubles (the
// parts of a V8), lane-wise the same IEEE operations, so the lanes give the scalar bits.
// Bits of a double / of a vector's lanes, and back (vector casts of equal size are bitcasts).
HEAN_INLINE std::uint64_t fma_bits(double x) { return std::bit_cast<std::uint64_t>(x); }
HEAN_INLINE double fma_from_bits(std::uint64_t u) { return std::bit_cast<double>(u); }
#if defined(HEAN_PARTS_V8)
HEAN_INLINE MP fma_bits(VP x) { return (MP)x; }
HEAN_INLINE VP fma_from_bits(MP u) { return (VP)u; }
#elif defined(HEAN_NATIVE_V8)
HEAN_INLINE M8 fma_bits(V8 x) { return (M8)x; }
HEAN_INLINE V8 fma_from_bits(M8 u) { return (V8)u; }
#endif
// A comparison as a mask: all ones where true (vector comparisons already are).
HEAN_INLINE std::int64_t fma_mask(bool b) { return -std::int64_t(b); }
template <class M>
HEAN_INLINE M fma_mask(M m) { return m; }
// The top bit of x's lanes, as 0 or 1 (a logical shift: WASM's 64-bit lane arithmetic
// shift is several instructions in V8).
HEAN_INLINE std::uint64_t fma_top(std::uint64_t x) { return x >> 63; }
#if defined(__GNUC__) || defined(__clang__)
template <class M>
HEAN_INLINE M fma_top(M x) {
  typedef unsigned long long UM __attribute__((vector_size(sizeof(M))));
  return (M)((UM)x >> 63);
}
#endif
// All ones where x's exponent is within ±900 (no zero, subnormal, huge or non-finite x;
// float compares: WASM SIMD has no unsigned 64-bit lane compare).
template <class T>
HEAN_INLINE auto fma_mid(T x) {
  const T ax = fma_from_bits(fma_bits(x) & 0x7fffffffffffffffll);
  return fma_mask(ax >= 0x1p-900) & fma_mask(ax < 0x1p900);
}
// p + pe + c (p + pe a product, exact) rounded once, for fma_ok operands (lfma below): the exact sum
// of p and c, its low part and pe added with rounding to odd (an inexact sum v becomes its
// odd neighbour toward the exact value: an even v moves one ulp), then one rounding to nearest.
template <class T>
HEAN_INLINE T fma_sum(T p, T pe, T c) {
  T th, tl, v, ve;
  two_sum(c, p, th, tl);
  two_sum(tl, pe, v, ve);
  const auto u = fma_bits(v);
  using U = decltype(u);  // (GCC's double-vector compares give vectors of long, not long long)
  // 1 where the exact sum lies toward zero from v (ve's sign is not v's; v != 0 wherever
  // ve != 0), else 0: (u - toward) | 1 is the odd neighbour on that side, or v if odd.
  const U toward = fma_top(u ^ fma_bits(ve));
  const U inexact = (U)fma_mask(ve != 0);
  return th + fma_from_bits(u ^ (inexact & (u ^ ((u - toward) | 1))));
}
// True when every lane of the mask `ok` is all ones.
template <class M>
HEAN_INLINE bool fma_all(M ok) {
  constexpr int n = int(sizeof(M) / sizeof(double));
#if defined(__wasm_simd128__)
  if constexpr (n == 2) return wasm_i64x2_all_true((v128_t)ok);
#endif
  bool all = true;
  for (int j = 0; j < n; ++j) all &= ok[j] != 0;
  return all;
}
// lfma(a, c, b) with c the same over a loop (FmaConst, made once): the same bits as lfma
// (IEEE fma). Where c has at most 26 significant bits and 1 <= |c| < 2^26 (`small`: a
// period, say), the exact product needs no split of c and a cheaper one of a: its head
// ah is a with the low 27 significand bits cleared (26 bits), so ah·c and (a - ah)·c are
// exact, and ah·c - p is exact (ah·c is within a factor 1 - 2^-25 of p = RN(a·c):
// Sterbenz), so pe = (ah·c - p) + (a - ah)·c is a·c - p exactly. And p's range follows
// from a's: only a and b need the fma_mid test. Any other c: lfma's steps, c split once.
struct FmaConst {
  double c, hi, lo;  // c = hi + lo (Veltkamp's split)
  bool mid;          // fma_mid(c)
  bool small;        // see above
};
HEAN_INLINE FmaConst fma_const(double c) {
  FmaConst k{c, 0.0, 0.0, fma_mid(c) != 0, false};
  split(c, k.hi, k.lo);
  const double ac = c < 0 ? -c : c;
  k.small = k.lo == 0.0 && ac >= 1.0 && ac < 0x1p26;
  return k;
}
// The exact product of a and a `small` c (see FmaConst).
template <class T>
HEAN_INLINE void two_prod_small(T a, double c, T& p, T& pe) {
  p = a * c;
  const T ah = fma_from_bits(fma_bits(a) & (std::int64_t)0xfffffffff8000000ll);
  pe = (ah * c - p) + (a - ah) * c;
}
HEAN_INLINE double lfma(double a, const FmaConst& k, double b) {
#if defined(__FMA__) || defined(__ARM_FEATURE_FMA)
  return std::fma(a, k.c, b);
#else
  double p, pe;
  if (k.small) {
    if ((fma_mid(a) & fma_mid(b)) == 0) [[unlikely]]
      return fma_rare(a, k.c, b);
    two_prod_small(a, k.c, p, pe);
    return fma_sum(p, pe, b);
  }
  two_prod_split(a, k.c, k.hi, k.lo, p, pe);
  if (!k.mid || (fma_mid(a) & fma_mid(p) & fma_mid(b)) == 0) [[unlikely]]
    return fma_rare(a, k.c, b);
  return fma_sum(p, pe, b);
#endif
}
// lfma(a, k, b) of every lane of a vector of doubles, given that `ok` (all lanes) holds.
template <class T>
HEAN_INLINE T lfma_lanes_ok(T a, const FmaConst& k, T b) {
  T p, pe;
  if (k.small) two_prod_small(a, k.c, p, pe);
  else two_prod_split(a, k.c, k.hi, k.lo, p, pe);
  return fma_sum(p, pe, b);
}
// lfma(a, k, b) for a `small` c, on the lanes of a vector of doubles T, without lfma's
// range tests or branch: lfma_certified returns th + (tl + pe) and notes in an FmaRun what
// proves it; at the end of a run of calls, FmaRun::open() has all ones in the lanes where
// some result is not proven to be lfma's (IEEE fma's) bits: the caller redoes those lanes
// with lfma. Proof: p + pe = a·c exactly (two_prod_small, exact for every finite a: c is an
// integer, so nothing is lost below the subnormal threshold) and th + tl = b + p exactly, so
// b + a·c = th + (tl + pe); tl and pe are multiples of G = min(ulp(b), ulp(a)) (tl = 0
// where b + p cancels exactly) and |tl + pe| <= 1.5 ulp(th), so where
// |th| < 2^50 · min(|a|, |b|) over the nonzero ones, tl + pe is one double and th + (tl + pe)
// rounds the exact sum once (a or b zero: tl + pe is exact too). The run keeps the largest
// |th| (as bits: an inf or NaN th, an overflow or a NaN operand, stays past inf) and the
// least of the nonzero |a| and every |b|; open() tests them once. (b can be -0: linreg's
// b = (sy - m·sum_x)/dp underflows to -0 from a tiny negative sy, m then -0.)
template <class T>
struct FmaRun {
  T top = T{} + 0.0;  // the largest |th|, by its bits
  T least = T{} + kInf;  // the least nonzero |a|, |b|
  // (The library runs only the vector pair; double is for benches/lfma-certified-fuzz.cpp,
  // which checks that its open() agrees with the pair's lane by lane: ~ on a bool is an
  // int, never 0, so a double run must take || and !.)
  HEAN_INLINE auto open() const {
    if constexpr (std::is_same_v<T, double>)
      return fma_bits(top) >= fma_bits(kInf) || !(top < least * 0x1p50);
    else
      return (fma_bits(top) >= fma_bits(T{} + kInf)) | ~(top < least * 0x1p50);
  }
};
template <class T>
HEAN_INLINE T lfma_certified(T a, double c, T b, FmaRun<T>& run) {
  T p, pe, th, tl;
  two_prod_small(a, c, p, pe);
  two_sum(b, p, th, tl);
  const auto mag = fma_bits(th) & 0x7fffffffffffffffll;
  run.top = fma_from_bits(mag > fma_bits(run.top) ? mag : fma_bits(run.top));
  // |a| with a zero made a NaN (its bits - 1), which the compares drop; |b| as it is, so a
  // zero b (either sign) makes least 0 and opens the run: a -0 b with a -0 a gives th = -0,
  // where th + (+0) is +0 and fma keeps -0.
  const T aa = fma_from_bits((fma_bits(a) & 0x7fffffffffffffffll) - 1);
  const T ab = fma_from_bits(fma_bits(b) & 0x7fffffffffffffffll);
  const T g = aa < ab ? aa : ab;
  run.least = g < run.least ? g : run.least;
  return th + (tl + pe);
}
// All ones where lanes a, b qualify for lfma_lanes_ok.
template <class T>
HEAN_INLINE auto fma_ok(T a, const FmaConst& k, T b) {
  return k.small ? fma_mid(a) & fma_mid(b) : fma_mid(a) & fma_mid(a * k.c) & fma_mid(b) & fma_mask(-std::int64_t(k.mid));
}
template <class T>
HEAN_INLINE T lfma_lanes(T a, const FmaConst& k, T b) {
  constexpr int n = int(sizeof(T) / sizeof(double));
#if !(defined(__FMA__) || defined(__ARM_FEATURE_FMA))
  if (fma_all(fma_ok(a, k, b))) [[likely]]
    return lfma_lanes_ok(a, k, b);
#endif
  T r;
  for (int j = 0; j < n; ++j) r[j] = lfma(a[j], k, b[j]);
  return r;
}
HEAN_INLINE V8 lfma(V8 a, const FmaConst& k, V8 b) {
#if defined(HEAN_NATIVE_V8)
  return lfma_lanes(a, k, b);
#elif defined(HEAN_PARTS_V8)
  V8 r;
#if !(defined(__FMA__) || defined(__ARM_FEATURE_FMA))
  // One test of all eight lanes (not one branch a part).
#define HEAN_LFMA_OK(m, j) &fma_ok(a.m, k, b.m)
  if (fma_all(fma_ok(a.a, k, b.a) HEAN_EACH_PART(HEAN_LFMA_OK))) [[likely]] {
#define HEAN_LFMA_PART(m, j) r.m = lfma_lanes_ok(a.m, k, b.m);
    HEAN_EACH_PART(HEAN_LFMA_PART)
#undef HEAN_LFMA_PART
    return r;
  }
#undef HEAN_LFMA_OK
#endif
#define HEAN_LFMA_PART(m, j) r.m = lfma_lanes(a.m, k, b.m);
  HEAN_EACH_PART(HEAN_LFMA_PART)
#undef HEAN_LFMA_PART
  return r;
#else
  V8 r;
  for (int l = 0; l < 8; ++l) r.v[l] = lfma(a.v[l], k, b.v[l]);
  return r;
#endif
}
// 2^k for k in [-1022, 1023].
HEAN_INLINE double pow2(int k) { return std::bit_cast<double>(std::uint64_t(k + 1023) << 52); }
// y * 2^k, |y| < 2, k in [-1100, 2046], rounded once (to a subnormal, or to inf).
HEAN_INLINE double scale(double y, int k) {
  if (k > 1023) return (y * 0x1p1023) * pow2(k - 1023 > 1023 ? 1023 : k - 1023);
  if (k < -1022) return (y * pow2(k + 1000)) * 0x1p-1000;
  return y * pow2(k);
}
// Clears the low 32 bits of the significand (a 21-bit head whose square is exact).
HEAN_INLINE double head21(double x) { return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) & 0xffffffff00000000ull); }
// (ah + al) / (bh + bl), both normalized double-doubles, to ~0.5 ulp.
HEAN_INLINE double dd_div(double ah, double al, double bh, double bl) {
  const double q = ah / bh;
  double p, e;
  two_prod(q, bh, p, e);
  return q + ((((ah - p) - e) + al) - q * bl) / bh;
}

// ---- exp -------------------------------------------------------------------------------
constexpr double kInvLn2 = 1.4426950408889634;
constexpr double kLn2Hi = 0.6931471803691238;  // 32 significant bits
constexpr double kLn2Lo = 1.9082149292705877e-10;

// e^x = 2^k (a + t), a + t in [~0.707, ~1.415] to ~2^-58 relative; |x| <= 746.
HEAN_INLINE int exp_dd(double x, double& a, double& t) {
  const double kd = (x * kInvLn2 + kRound) - kRound;
  const double hi = x - kd * kLn2Hi;  // exact (Sterbenz; kd * kLn2Hi has <= 43 bits)
  const double lo = kd * kLn2Lo;
  double r, re;
  two_sum(hi, -lo, r, re);  // r + re = hi - lo, |r| <= ~0.3466
  // Q(r) = (e^r - 1 - r - r^2/2) / r^3: degree 10 on |r| <= 0.3467, fit error 1e-19.
  const double q =
      0.16666666666666666 +
      r * (0.04166666666666667 +
           r * (0.008333333333333333 +
                r * (0.0013888888888883742 +
                     r * (0.0001984126984126641 +
                          r * (2.4801587325574868e-05 +
                               r * (2.755731923997518e-06 +
                                    r * (2.7557273608709007e-07 +
                                         r * (2.5052077979399947e-08 + r * (2.0914701283103285e-09 + r * 1.6084337425329933e-10)))))))));
  const double r2 = r * r;
  const double poly = r2 * 0.5 + r2 * (r * q);
  double b;
  fast_two_sum(1.0, r, a, b);
  t = poly + (b + re * (1.0 + r));
  return int(kd);
}

// ---- sin / cos / tan: reduction ---------------------------------------------------------
constexpr double kInvPio2 = 0.6366197723675814;
constexpr double kPio2_1 = 1.5707963267341256;  // pi/2 in 32-bit pieces ...
constexpr double kPio2_2 = 6.077100506303966e-11;
constexpr double kPio2_3 = 2.0222662487111665e-21;
constexpr double kPio2_3t = 8.4784276603689e-32;  // ... and the rest
constexpr double kPio2Hi = 1.5707963267948966;
constexpr double kPio2Lo = 6.123233995736766e-17;
constexpr double kPio4Hi = 0.7853981633974483;
constexpr double kPiHi = 3.141592653589793;
// Cody–Waite is exact while n = round(x 2/pi) has <= 21 bits (n * 32-bit piece exact).
constexpr double kCodyWaiteLimit = 3294198.0;  // < 2^20 pi

// 2/pi in 32-bit words, most significant first: 2/pi = sum kTwoOverPi[i] 2^(-32(i+1)).
inline constexpr std::uint32_t kTwoOverPi[38] = {
    0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599, 0x3c439041, 0xfe5163ab, 0xdebbc561, 0xb7246e3a, 0x424dd2e0,
    0x06492eea, 0x09d1921c, 0xfe1deb1c, 0xb129a73e, 0xe88235f5, 0x2ebb4484, 0xe99c7026, 0xb45f7e41, 0x3991d639, 0x835339f4,
    0x9c845f8b, 0xbdf9283b, 0x1ff897ff, 0xde05980f, 0xef2f118b, 0x5a0a6d1f, 0x6d367ecf, 0x27cb09b7, 0x4f463f66, 0x9e5fea2d,
    0x7527bac7, 0xebe5f17b, 0x3d0739f7, 0x8a5292ea, 0x6bfb5fb1, 0x1f8d5d08, 0x56033046, 0xfc7b6bab};

// floor(2/pi * 2^(pos + 32)) mod 2^32, pos >= -64 (bits pos+1 .. pos+32 of 2/pi).
HEAN_INLINE std::uint32_t two_over_pi_bits(int pos) {
  if (pos <= -32) return 0;
  if (pos < 0) return kTwoOverPi[0] >> (-pos);
  const int w = pos >> 5, s = pos & 31;
  return s == 0 ? kTwoOverPi[w] : (kTwoOverPi[w] << s) | (kTwoOverPi[w + 1] >> (32 - s));
}

// Payne–Hanek for |x| >= kCodyWaiteLimit (finite): x = M 2^E with integer M < 2^53, and
// x 2/pi mod 4 = M G 2^-192 mod 4 with G = floor(2/pi 2^(E+192)) mod 2^224, an exact integer
// product (error < M 2^-192 <= 2^-139 in units of pi/2).
inline int rem_pio2_large(double x, double& y0, double& y1) {
  const std::uint64_t b = std::bit_cast<std::uint64_t>(x);
  const int E = int((b >> 52) & 0x7ff) - 1075;
  const std::uint64_t M = (b & 0xfffffffffffffull) | (1ull << 52);
  const std::uint64_t m[2] = {M & 0xffffffffu, M >> 32};
  std::uint64_t g[7];
  for (int i = 0; i < 7; ++i) g[i] = two_over_pi_bits(E + 192 - 32 * i - 32);
  std::uint32_t p[7];
  std::uint64_t carry = 0;
  for (int k = 0; k < 7; ++k) {
    std::uint64_t lo = carry, hi = 0;
    for (int i = 0; i < 2; ++i) {
      const int j = k - i;
      if (j < 0) continue;
      const std::uint64_t pr = m[i] * g[j];
      lo += pr & 0xffffffffu;
      hi += pr >> 32;
    }
    p[k] = std::uint32_t(lo);
    carry = (lo >> 32) + hi;
  }
  int n = int(p[6] & 3u);
  double sign = 1.0;
  if (p[5] & 0x80000000u) {  // fraction >= 1/2: take fraction - 1
    n = (n + 1) & 3;
    sign = -1.0;
    std::uint64_t c = 1;
    for (int i = 0; i < 6; ++i) {
      const std::uint64_t v = std::uint64_t(~p[i]) + c;
      p[i] = std::uint32_t(v);
      c = v >> 32;
    }
  }
  int top = 5;
  while (top >= 0 && p[top] == 0) --top;
  if (top < 0) {
    y0 = y1 = 0.0;
    return n;
  }
  double w[4];
  for (int i = 0; i < 4; ++i) w[i] = top - i >= 0 ? double(p[top - i]) * pow2(32 * (top - i) - 192) : 0.0;
  double fh, fl;
  two_sum(w[0], w[1], fh, fl);
  fl += w[2] + w[3];
  fast_two_sum(fh, fl, fh, fl);
  // (fh + fl) * pi/2 as a double-double.
  double ph, pl;
  two_prod(fh, kPio2Hi, ph, pl);
  pl += fh * kPio2Lo + fl * kPio2Hi;
  fast_two_sum(ph, pl, y0, y1);
  y0 *= sign;
  y1 *= sign;
  return n;
}

// x = n pi/2 + (y0 + y1), |y0 + y1| <= ~pi/4; returns n mod 4. x finite.
HEAN_INLINE int rem_pio2(double x, double& y0, double& y1) {
  const double ax = std::fabs(x);
  if (ax <= kPio4Hi) {
    y0 = x;
    y1 = 0.0;
    return 0;
  }
  if (ax < kCodyWaiteLimit) {
    const double nd = (x * kInvPio2 + kRound) - kRound;
    const double a = x - nd * kPio2_1;  // exact
    double s, e, s2, e2;
    two_sum(a, -(nd * kPio2_2), s, e);
    two_sum(s, -(nd * kPio2_3), s2, e2);
    fast_two_sum(s2, (e + e2) - nd * kPio2_3t, y0, y1);
    return int(std::int64_t(nd) & 3);
  }
  if (x > 0) return rem_pio2_large(x, y0, y1);
  const int n = rem_pio2_large(-x, y0, y1);
  y0 = -y0;
  y1 = -y1;
  return (4 - n) & 3;
}

// sin(y0 + y1) = sh + sl (normalized), |y0| <= ~pi/4. T: double, or a vector of doubles,
// lane-wise (sin_lanes).
template <class T>
HEAN_INLINE void sin_k(T y0, T y1, T& sh, T& sl) {
  const T z = y0 * y0;
  // P(z) = (sin(y)/y - 1)/z: degree 7 on z <= (pi/4)^2, fit error 5e-24.
  const T P =
      -0.16666666666666666 +
      z * (0.008333333333333333 +
           z * (-0.00019841269841269839 +
                z * (2.75573192239811e-06 +
                     z * (-2.5052108382388815e-08 + z * (1.605904278076985e-10 + z * (-7.646961311710078e-13 + z * 2.791242229090309e-15))))));
  fast_two_sum(y0, (z * y0) * P + (y1 - 0.5 * z * y1), sh, sl);
}
// cos(y0 + y1) = ch + cl (normalized), |y0| <= ~pi/4.
template <class T>
HEAN_INLINE void cos_k(T y0, T y1, T& ch, T& cl) {
  T z, zl;
  two_prod(y0, y0, z, zl);
  // Q(z) = (cos(y) - 1 + z/2)/z^2: degree 6 on z <= (pi/4)^2, fit error 6e-22.
  const T Q =
      0.041666666666666664 +
      z * (-0.0013888888888888887 +
           z * (2.4801587301584645e-05 + z * (-2.755731922140179e-07 + z * (2.0876755790721963e-09 + z * (-1.1470460830795304e-11 + z * 4.7458685530816656e-14)))));
  const T hz = 0.5 * z;
  const T w = 1.0 - hz;
  // ((1 - w) - hz) is w's rounding error, exactly.
  fast_two_sum(w, ((1.0 - w) - hz) + ((z * z) * Q - (y0 * y1 + 0.5 * zl)), ch, cl);
}

// ---- asin / acos / atan -----------------------------------------------------------------
// t - atan(t) for |t| <= 1/32 (latan's reduced argument), as (t z) P(z), z = t^2. T:
// double or a vector of doubles, lane-wise. P(z) = (t - atan(t))/t^3: degree 3 on z <=
// 2^-10 (scripts/gen-latan.py), error 7e-16, i.e. < 0.006 ulp of the result; its two halves
// evaluated side by side (Estrin), t z beside them: the tail is 4 roundings after z.
template <class T>
HEAN_INLINE T atan_tail(T t) {
  const T z = t * t;
  const T P = (0.3333333333333327 + z * -0.19999999997886797) + (z * z) * (0.1428570346460735 + z * -0.11093375583013043);
  return (t * z) * P;
}
// atan(c) in two parts for the midpoints c = 2^e (1 + (j + 1/2)/8) of the 8 buckets (the
// top three mantissa bits j) of the binades e = -5 .. 4: latan's anchors for 1/32 <= |x| < 32
// (scripts/gen-latan.py), indexed by the bits of |x| >> 49 less kAtanFirst.
constexpr std::uint64_t kAtanFirst = std::uint64_t(1023 - 5) << 3;
inline constexpr double kAtanTableHi[80] = {0.033190931497111595, 0.037092354550391816, 0.04099264824526378, 0.0448916944623465, 0.04878937530951562, 0.05268557314313004, 0.05658017058914571, 0.06047305056410732, 0.06630889491982349, 0.07408292254903373, 0.08184798980307655, 0.08960317748487175, 0.09734757348722367, 0.10508027341632953, 0.11280038120165939, 0.12050700969122456, 0.13203976161463876, 0.14736148108865163, 0.16261382859794857, 0.17779022899267607, 0.19288431225797467, 0.207889927202263, 0.22280115375939452, 0.23761231386547124, 0.2596296294082575, 0.2885873618940774, 0.31705575320914703, 0.34500217720710513, 0.3723984466767542, 0.39922076957525254, 0.42544963737004227, 0.4510696559885235, 0.48833395105640554, 0.5358112379604637, 0.5807563535676704, 0.6231993299340659, 0.6632029927060933, 0.7008544078844502, 0.7362574289814281, 0.7695264804056583, 0.8156919233162234, 0.870903457075653, 0.9197196053504169, 0.9629943306809362, 1.0014831356942346, 1.0358412530088001, 1.0666303653157436, 1.09432890732119, 1.1309537439791604, 1.1722738811284763, 1.2068173702852525, 1.2360594894780819, 1.2610933822524404, 1.2827408797442708, 1.3016288340091962, 1.3182420510168371, 1.3397056595989996, 1.3633001003596938, 1.382574821490126, 1.3986055122719576, 1.4121410646084953, 1.423717971406494, 1.433730152484709, 1.442473099109102, 1.4536875822280324, 1.4659193880646628, 1.4758446204521403, 1.4840579881189115, 1.4909663410826592, 1.4968572891369563, 1.501939837493852, 1.5063694873693432, 1.512040504079174, 1.5182132651839548, 1.5232132235179132, 1.5273454314033659, 1.5308176396716067, 1.5337762109209665, 1.5363272257953886, 1.5385494443596428};
inline constexpr double kAtanTableLo[80] = {-9.429391539055672e-19, -1.940506527205818e-18, 2.4768764111915086e-18, 2.3175181899658153e-19, 2.9134876745390293e-18, 2.868662329888331e-18, 3.2548950769825045e-18, -5.669898903339674e-19, -4.885923989304001e-19, 1.35448289530323e-19, 1.7384613138337837e-18, -1.080825883551364e-18, 2.515065895443577e-18, 3.0363193185774176e-18, 1.8672415475943625e-18, -5.3252909626225655e-19, -1.2769254007099595e-17, 5.409599147666298e-18, 7.784470643106252e-18, -4.029582100854422e-18, -7.414590176247246e-18, 7.333160666520898e-18, -5.498822172446843e-18, 1.058231431371113e-17, 1.9238754924615304e-17, -1.428369957377257e-17, -1.893928924292642e-17, -2.2938804755578304e-17, 1.9612311504845653e-17, 2.246598105617042e-17, 2.3315530741892885e-17, -2.2703795229420475e-17, -1.1373236189329585e-17, -4.0637956834825575e-18, -1.441464378193067e-17, 2.672403885140095e-17, -3.076054864429649e-17, -1.987626234335816e-17, 3.473937648299457e-17, -3.704991905602721e-17, -1.071456562778743e-17, -2.269823590747287e-17, -4.057439412852768e-17, -3.9866605952107524e-18, 9.438308023545392e-17, 3.194313981784504e-17, -5.956589637160375e-17, -5.490676155022364e-18, 7.123833804538446e-17, 8.385188614028674e-17, 4.172467638861439e-17, 7.879752739459421e-17, 3.2421396215349605e-17, -9.28318875426613e-18, -1.2369184998246267e-17, -6.319394031144676e-17, -2.5990118603041344e-17, 1.0932461715269362e-16, -3.56149043864823e-17, -2.324061182591628e-17, -9.573807110557223e-17, 8.721870922223968e-17, -4.396204466767636e-17, -1.1051194354303157e-16, -6.818769250151347e-17, -9.711255554074832e-17, 3.387559672766315e-17, -3.445451067863594e-17, 6.221434760020122e-17, 1.696007621255117e-17, 6.061899584075814e-17, -1.0553391013319709e-16, -8.178272486963065e-17, 7.140532115600162e-17, 6.0651497755514614e-18, -9.470042107800935e-17, -8.913347633498722e-17, 9.377354806572844e-17, -1.733732170938949e-18, -1.0466306714301389e-16};
// The bucket midpoint c of |x| (its top three mantissa bits, then a 1): |x| - c is exact.
constexpr std::uint64_t kAtanBucket = ~((std::uint64_t(1) << 49) - 1), kAtanMid = std::uint64_t(1) << 48;
// P(z) = (asin(x)/x - 1)/z: degree 13 on z <= 1/4, fit error 1e-18.
HEAN_INLINE double asin_p(double z) {
  return 0.16666666666666666 +
         z * (0.07500000000000119 +
              z * (0.04464285714255019 +
                   z * (0.030381944475693704 +
                        z * (0.022372157435623815 +
                             z * (0.017352816768546473 +
                                  z * (0.013963775787848137 +
                                       z * (0.011566511821890942 +
                                            z * (0.00962140274734483 +
                                                 z * (0.009322101501082774 +
                                                      z * (0.0030350071727267623 +
                                                           z * (0.019579201619744684 + z * (-0.019277545928584557 + z * 0.02963502626354855))))))))))));
}

// ---- sinh / cosh / tanh -----------------------------------------------------------------
// sinh(x) - x = x^3 S(x^2): S(z) = (sinh(x)/x - 1)/z, degree 7 on z <= 1, fit error 3e-22.
HEAN_INLINE double sinh_tail(double x) {
  const double z = x * x;
  const double S =
      0.16666666666666666 +
      z * (0.008333333333333333 +
           z * (0.00019841269841269773 +
                z * (2.7557319224040365e-06 + z * (2.5052108364049466e-08 + z * (1.6059048397722392e-10 + z * (7.646625253572627e-13 + z * 2.8445297426378895e-15))))));
  return x * (z * S);
}
// e^x = eh + el and e^-x = qh + ql (normalized double-doubles), 0 <= x <= 22.
HEAN_INLINE void exp_pair(double x, double& eh, double& el, double& qh, double& ql) {
  double a, t;
  const double s = pow2(exp_dd(x, a, t));
  fast_two_sum(a, t, eh, el);
  eh *= s;
  el *= s;
  qh = 1.0 / eh;
  double p, e;
  two_prod(qh, eh, p, e);
  ql = (((1.0 - p) - e) - qh * el) * qh;
}

// ---- log ----------------------------------------------------------------------------------
// llog's reduction: x = 2^k m, f = m - 1, s = f/(2+f); ln m = f - (hfsq - s (hfsq + R)).
struct LogParts {
  double dk, f, s, hfsq, R;
};
HEAN_INLINE LogParts log_parts(double x) {
  int k = 0;
  if (x < 2.2250738585072014e-308) {
    x = x * 18014398509481984.0;  // 2^54
    k = -54;
  }
  const std::uint64_t b = std::bit_cast<std::uint64_t>(x);
  const std::uint32_t hx = std::uint32_t(b >> 32);
  const std::uint32_t mh = hx & 0xfffffu;
  // up = 1 where the mantissa is >= ~sqrt(2) (then m is halved): branch-free, as the split
  // is unpredictable for prices near 1.
  const std::uint32_t up = (mh + (0x100000u - 0x6a09eu)) >> 20;
  k += int(hx >> 20) - 1023 + int(up);
  const std::uint64_t mb = (std::uint64_t(mh | ((0x3ffu - up) << 20)) << 32) | (b & 0xffffffffu);
  const double m = std::bit_cast<double>(mb);
  LogParts o;
  o.f = m - 1.0;
  o.s = o.f / (2.0 + o.f);
  const double z = o.s * o.s;
  // R = z·P(z), P of degree 6 fitted to (2 atanh(s)/s - 2)/z on z in [0, 0.0295] (Chebyshev,
  // max error 3.1e-16, i.e. < 0.02 ulp of the log), evaluated in two halves for latency.
  const double z2 = z * z;
  const double pe = 0.666666666666667 + z2 * (0.28571428626570206 + z2 * (0.18182896183483085 + z2 * 0.14619343453512615));
  const double po = 0.3999999999989819 + z2 * (0.2222221103781659 + z2 * 0.15331487235865734);
  o.R = z * (pe + z * po);
  o.hfsq = 0.5 * o.f * o.f;
  o.dk = double(k);
  return o;
}

}  // namespace lm

// Natural log from IEEE-exact operations only (+ - * / and bit splitting), so it gives the
// same bits on every platform, native and WASM (one definition: the streams run it too, as
// their steps are C++). Error < 0.8 ulp (measured
// against a 200-bit reference; test/llog.test.ts checks it against Math.log).
//   x = 2^k * m, m in [~sqrt(1/2), ~sqrt(2)) (the split is on the high word's mantissa),
//   f = m - 1 (exact), s = f / (2 + f), z = s^2,
//   ln(m) = 2 atanh(s) = f - (f^2/2 - s (f^2/2 + R)), R = 2 atanh(s)/s - 2 = z P(z) with P a
//   degree-6 polynomial fit (|s| <= 0.1716, so z <= 0.0295), and
//   ln(x) = k ln2_hi + (ln(m) + k ln2_lo) with ln2_hi of 32 bits, so k ln2_hi is exact.
// As std::log: ln(±0) = -inf, ln(+inf) = +inf, NaN and x < 0 give NaN; subnormals are
// scaled by 2^54 first.
HEAN_INLINE double llog(double x) {
  if (!(x > 0.0)) return x == 0.0 ? -lm::kInf : lm::kQNaN;
  if (x == lm::kInf) return x;
  const lm::LogParts o = lm::log_parts(x);
  return o.dk * 0.6931471803691238 + (o.f - (o.hfsq - (o.s * (o.hfsq + o.R) + o.dk * 1.9082149292705877e-10)));
}

// log10(x): ln(m) = hi + lo with hi of 21 bits, then k log10(2) + (hi + lo)/ln10 with the
// constants in 32-bit heads and tails (every head product exact). As std::log10.
HEAN_INLINE double llog10(double x) {
  if (!(x > 0.0)) return x == 0.0 ? -lm::kInf : lm::kQNaN;
  if (x == lm::kInf) return x;
  const lm::LogParts o = lm::log_parts(x);
  const double hi = lm::head21(o.f - o.hfsq);
  const double lo = ((o.f - hi) - o.hfsq) + o.s * (o.hfsq + o.R);
  constexpr double kIvLn10Hi = 0.4342944818781689, kIvLn10Lo = 2.5082946711645275e-11;
  constexpr double kLog10_2Hi = 0.3010299955494702, kLog10_2Lo = 1.1451100898021838e-10;
  const double vhi = hi * kIvLn10Hi;
  double vlo = (lo + hi) * kIvLn10Lo + lo * kIvLn10Hi + o.dk * kLog10_2Lo;
  double w, e;
  lm::two_sum(o.dk * kLog10_2Hi, vhi, w, e);
  return w + (vlo + e);
}

// e^x. Overflow (x > ln DBL_MAX) -> inf, x < -745.14 -> 0, subnormal results rounded once.
HEAN_INLINE double lexp(double x) {
  if (!(x <= 709.782712893384)) return x != x ? x : lm::kInf;
  if (x < -746.0) return 0.0;
  double a, t;
  const int k = lm::exp_dd(x, a, t);
  return lm::scale(a + t, k);
}

HEAN_INLINE double lsin(double x) {
  const double ax = std::fabs(x);
  if (ax < 0x1p-26) return x;
  if (!(ax <= 1.7976931348623157e308)) return x - x;  // NaN for ±inf and NaN
  double y0, y1, h, l;
  const int n = lm::rem_pio2(x, y0, y1);
  if (n & 1)
    lm::cos_k(y0, y1, h, l);
  else
    lm::sin_k(y0, y1, h, l);
  return n & 2 ? -h : h;
}

HEAN_INLINE double lcos(double x) {
  const double ax = std::fabs(x);
  if (ax < 0x1p-27) return 1.0;
  if (!(ax <= 1.7976931348623157e308)) return x - x;
  double y0, y1, h, l;
  const int n = lm::rem_pio2(x, y0, y1);
  if (n & 1)
    lm::sin_k(y0, y1, h, l);
  else
    lm::cos_k(y0, y1, h, l);
  return ((n + 1) & 2) ? -h : h;
}

HEAN_INLINE double ltan(double x) {
  const double ax = std::fabs(x);
  if (ax < 0x1p-27) return x;
  if (!(ax <= 1.7976931348623157e308)) return x - x;
  double y0, y1, sh, sl, ch, cl;
  const int n = lm::rem_pio2(x, y0, y1);
  lm::sin_k(y0, y1, sh, sl);
  lm::cos_k(y0, y1, ch, cl);
  return n & 1 ? -lm::dd_div(ch, cl, sh, sl) : lm::dd_div(sh, sl, ch, cl);
}

HEAN_INLINE double lasin(double x) {
  const double ax = std::fabs(x);
  if (!(ax < 1.0)) return ax == 1.0 ? x * lm::kPio2Hi + x * lm::kPio2Lo : lm::kQNaN;
  if (ax < 0.5) {
    if (ax < 0x1p-26) return x;
    const double z = x * x;
    return x + x * (z * lm::asin_p(z));
  }
  const double z = (1.0 - ax) * 0.5;
  const double s = std::sqrt(z);
  const double r = z * lm::asin_p(z);
  double res;
  if (ax >= 0.975) {
    res = lm::kPio2Hi - (2.0 * (s + s * r) - lm::kPio2Lo);
  } else {
    const double f = lm::head21(s);
    const double c = (z - f * f) / (s + f);  // s - f, sqrt's rounding error included
    const double p = 2.0 * s * r - (lm::kPio2Lo - 2.0 * c);
    const double q = lm::kPio4Hi - 2.0 * f;
    res = lm::kPio4Hi - (p - q);
  }
  return x < 0 ? -res : res;
}

HEAN_INLINE double lacos(double x) {
  const double ax = std::fabs(x);
  if (!(ax < 1.0)) {
    if (x == 1.0) return 0.0;
    if (x == -1.0) return lm::kPiHi + 2.0 * lm::kPio2Lo;
    return lm::kQNaN;
  }
  if (ax < 0.5) {
    if (ax < 0x1p-57) return lm::kPio2Hi + lm::kPio2Lo;
    const double z = x * x;
    return lm::kPio2Hi - (x - (lm::kPio2Lo - x * (z * lm::asin_p(z))));
  }
  if (x < 0) {
    const double z = (1.0 + x) * 0.5;
    const double s = std::sqrt(z);
    const double w = (z * lm::asin_p(z)) * s - lm::kPio2Lo;
    return lm::kPiHi - 2.0 * (s + w);
  }
  const double z = (1.0 - x) * 0.5;
  const double s = std::sqrt(z);
  const double f = lm::head21(s);
  const double c = (z - f * f) / (s + f);
  return 2.0 * (f + ((z * lm::asin_p(z)) * s + c));
}

HEAN_INLINE double latan(double x) {
  const double ax = std::fabs(x);
  if (x != x) return x + x;
  if (ax >= 0x1p66) return x > 0 ? lm::kPio2Hi : -lm::kPio2Hi;
  if (ax < 0x1p-5) {
    if (ax < 0x1p-27) return x;
    return x - lm::atan_tail(x);
  }
  double num, den, hi, lo;
  if (ax < 32.0) {
    const std::uint64_t b = std::bit_cast<std::uint64_t>(ax);
    const double c = std::bit_cast<double>((b & lm::kAtanBucket) | lm::kAtanMid);
    const std::size_t k = std::size_t((b >> 49) - lm::kAtanFirst);
    num = ax - c;
    den = 1.0 + ax * c;
    hi = lm::kAtanTableHi[k];
    lo = lm::kAtanTableLo[k];
  } else {
    num = -1.0;
    den = ax;
    hi = lm::kPio2Hi;
    lo = lm::kPio2Lo;
  }
  const double t = num / den;
  const double res = hi + ((t + lo) - lm::atan_tail(t));
  return x < 0 ? -res : res;
}

HEAN_INLINE double lsinh(double x) {
  const double ax = std::fabs(x);
  if (ax < 0x1p-26) return x;  // also ±0
  double res;
  if (!(ax <= 22.0)) {
    if (!(ax <= 711.0)) return x != x ? x + x : (x < 0 ? -lm::kInf : lm::kInf);  // NaN, overflow
    double a, t;
    const int k = lm::exp_dd(ax, a, t);
    res = lm::scale(a + t, k - 1);
  } else if (ax < 1.0) {
    res = ax + lm::sinh_tail(ax);
  } else {
    double eh, el, qh, ql, s, e;
    lm::exp_pair(ax, eh, el, qh, ql);
    lm::two_sum(eh, -qh, s, e);
    res = 0.5 * (s + (e + (el - ql)));
  }
  return x < 0 ? -res : res;
}

HEAN_INLINE double lcosh(double x) {
  const double ax = std::fabs(x);
  if (ax < 0x1p-27) return 1.0;
  if (!(ax <= 22.0)) {
    if (!(ax <= 711.0)) return x != x ? x + x : lm::kInf;  // NaN, overflow
    double a, t;
    const int k = lm::exp_dd(ax, a, t);
    return lm::scale(a + t, k - 1);
  }
  double eh, el, qh, ql, s, e;
  lm::exp_pair(ax, eh, el, qh, ql);
  lm::fast_two_sum(eh, qh, s, e);
  return 0.5 * (s + (e + (el + ql)));
}

HEAN_INLINE double ltanh(double x) {
  const double ax = std::fabs(x);
  if (ax < 0x1p-26) return x;
  if (x != x) return x + x;
  if (ax > 22.0) return x < 0 ? -1.0 : 1.0;
  double eh, el, qh, ql, sh, sl, ch, cl;
  lm::exp_pair(ax, eh, el, qh, ql);
  if (ax < 1.0) {
    lm::fast_two_sum(2.0 * ax, 2.0 * lm::sinh_tail(ax), sh, sl);  // 2 sinh, as e^x - e^-x
  } else {
    lm::two_sum(eh, -qh, sh, sl);
    lm::fast_two_sum(sh, sl + (el - ql), sh, sl);
  }
  lm::fast_two_sum(eh, qh, ch, cl);
  lm::fast_two_sum(ch, cl + (el + ql), ch, cl);
  const double res = lm::dd_div(sh, sl, ch, cl);
  return x < 0 ? -res : res;
}

#if defined(HEAN_PARTS_V8) || defined(HEAN_NATIVE_V8)
namespace lm {
// lsin of every lane of a vector of doubles T at once (a part of a V8, or a native V8):
// false, r untouched, unless every lane is in 2^-26 <= |x| < kCodyWaiteLimit (then lsin
// takes rem_pio2's Cody-Waite reduction, computed here for all lanes, and sin_k or cos_k,
// both computed and one selected), so each lane gets lsin's operations: the same bits.
template <class T>
HEAN_INLINE bool sin_lanes(T x, T& r) {
  const T ax = fma_from_bits(fma_bits(x) & 0x7fffffffffffffffLL);
  const auto ok = (ax >= 0x1p-26) & (ax < kCodyWaiteLimit);
  for (std::size_t l = 0; l < sizeof(T) / sizeof(double); ++l)
    if (!ok[l]) return false;
  const T t = x * kInvPio2 + kRound;  // its low mantissa bits: the quadrant n
  const T nd = t - kRound;
  const T a = x - nd * kPio2_1;
  T s, e, s2, e2, y0, y1;
  two_sum(a, -(nd * kPio2_2), s, e);
  two_sum(s, -(nd * kPio2_3), s2, e2);
  fast_two_sum(s2, (e + e2) - nd * kPio2_3t, y0, y1);
  // |x| <= pi/4: y0 = x, y1 = 0, n = 0.
  using U = decltype(fma_bits(x));
  const U small = (U)fma_mask(ax <= kPio4Hi);
  y0 = fma_from_bits((fma_bits(x) & small) | (fma_bits(y0) & ~small));
  y1 = fma_from_bits(fma_bits(y1) & ~small);
  const U n = fma_bits(t) & ~small;
  T sh, sl, ch, cl;
  sin_k(y0, y1, sh, sl);
  cos_k(y0, y1, ch, cl);
  const U odd = -(n & 1);
  const U h = (fma_bits(ch) & odd) | (fma_bits(sh) & ~odd);
  r = fma_from_bits(h ^ ((n & 2) << 62));  // n & 2: the sign flipped (-h)
  return true;
}
// latan of every lane at once: false, r untouched, unless every lane has 2^-27 <= |x| <
// 2^66; then each lane takes latan's path (its numerator, denominator and anchor selected,
// one division), atan_tail and sum: latan's operations, the same bits.
template <class T>
HEAN_INLINE bool atan_lanes(T x, T& r) {
  using U = decltype(fma_bits(x));
  const U sign = fma_bits(x) & (long long)0x8000000000000000ULL;  // x < 0 (no zero or NaN here)
  const U b = fma_bits(x) & 0x7fffffffffffffffLL;
  const T ax = fma_from_bits(b);
  const auto ok = (ax >= 0x1p-27) & (ax < 0x1p66);
  constexpr std::size_t n = sizeof(T) / sizeof(double);
  for (std::size_t l = 0; l < n; ++l)
    if (!ok[l]) return false;
  const auto sel = [](U m, T a, T b) { return fma_from_bits((fma_bits(a) & m) | (fma_bits(b) & ~m)); };
  const U small = (U)fma_mask(ax < 0x1p-5), mid = (U)fma_mask(ax < 32.0);
  const T c = fma_from_bits((b & (long long)kAtanBucket) | (long long)kAtanMid);
  const T one = 1.0 - T{};
  const T num = sel(mid, ax - c, -one);
  const T den = sel(mid, 1.0 + ax * c, ax);
  T hi = kPio2Hi + T{}, lo = kPio2Lo + T{};
  for (std::size_t l = 0; l < n; ++l)
    if (mid[l] && !small[l]) {
      const std::size_t k = std::size_t((std::uint64_t(b[l]) >> 49) - kAtanFirst);
      hi[l] = kAtanTableHi[k];
      lo[l] = kAtanTableLo[k];
    }
  const T t = sel(small, x, num / den);
  const T tail = atan_tail(t);
  const T res = fma_from_bits(fma_bits(hi + ((t + lo) - tail)) ^ sign);
  r = sel(small, x - tail, res);
  return true;
}
}  // namespace lm
#endif

// Lane versions (the 8-lane kernels), one lane at a time.
#define HEAN_LMATH_V8(F) \
  HEAN_INLINE V8 F(V8 a) { return lmap(a, [](double v) { return F(v); }); }
// F with lm::LANES (vector lanes where every lane is in its range, else one at a time).
#if defined(HEAN_PARTS_V8)
#define HEAN_LMATH_V8_LANES(F, LANES)                               \
  HEAN_INLINE V8 F(V8 a) {                                          \
    V8 r;                                                           \
    bool ok = true;                                                 \
    const auto part = [&](auto x, auto& y) { ok = ok && lm::LANES(x, y); }; \
    HEAN_EACH_PART(HEAN_LANES_CALL)                                 \
    return ok ? r : lmap(a, [](double v) { return F(v); });         \
  }
#define HEAN_LANES_CALL(m, k) part(a.m, r.m);
#elif defined(HEAN_NATIVE_V8)
#define HEAN_LMATH_V8_LANES(F, LANES)                                        \
  HEAN_INLINE V8 F(V8 a) {                                                   \
    V8 r;                                                                    \
    return lm::LANES(a, r) ? r : lmap(a, [](double v) { return F(v); });     \
  }
#else
#define HEAN_LMATH_V8_LANES(F, LANES) HEAN_LMATH_V8(F)
#endif
HEAN_LMATH_V8(llog)
HEAN_LMATH_V8(llog10)
HEAN_LMATH_V8(lexp)
HEAN_LMATH_V8_LANES(lsin, sin_lanes)
HEAN_LMATH_V8(lcos)
HEAN_LMATH_V8(ltan)
HEAN_LMATH_V8(lasin)
HEAN_LMATH_V8(lacos)
HEAN_LMATH_V8_LANES(latan, atan_lanes)
HEAN_LMATH_V8(lsinh)
HEAN_LMATH_V8(lcosh)
HEAN_LMATH_V8(ltanh)
#undef HEAN_LMATH_V8
#undef HEAN_LMATH_V8_LANES
#undef HEAN_LANES_CALL

// The functions by number, for the test exports (addon `lmath`, WASM `hean_lmath`):
// 0 exp, 1 log, 2 log10, 3 sin, 4 cos, 5 tan, 6 asin, 7 acos, 8 atan, 9 sinh, 10 cosh, 11 tanh.
inline constexpr int kLmathCount = 12;
inline void lmath_apply(int fn, const double* x, double* y, std::size_t n) {
  double (*f)(double) = nullptr;
  switch (fn) {
    case 0: f = [](double v) { return lexp(v); }; break;
    case 1: f = [](double v) { return llog(v); }; break;
    case 2: f = [](double v) { return llog10(v); }; break;
    case 3: f = [](double v) { return lsin(v); }; break;
    case 4: f = [](double v) { return lcos(v); }; break;
    case 5: f = [](double v) { return ltan(v); }; break;
    case 6: f = [](double v) { return lasin(v); }; break;
    case 7: f = [](double v) { return lacos(v); }; break;
    case 8: f = [](double v) { return latan(v); }; break;
    case 9: f = [](double v) { return lsinh(v); }; break;
    case 10: f = [](double v) { return lcosh(v); }; break;
    case 11: f = [](double v) { return ltanh(v); }; break;
    default: return;
  }
  for (std::size_t i = 0; i < n; ++i) y[i] = f(x[i]);
}

}  // namespace hean
