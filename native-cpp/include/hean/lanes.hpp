// One kernel source serves a single series (L = double) and a block of 8 series of a
// series-major matrix (L = V8: lane l reads series j0+l, `stride` elements apart), so the
// many-series form is the same arithmetic, lane-wise. Eight sequential streams keep the
// hardware prefetchers happy, unlike strided rows of a time-major matrix.
// Only IEEE-exact operations are used (+ - * / sqrt, compare/select); with
// -ffp-contract=off that keeps every lane bit-identical to the scalar kernel and to the
// TypeScript streaming classes. Note lmax/lmin are `a > b ? a : b`, not Math.max: the two
// differ on signed zeros, and the TS side mirrors this expression.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstring>
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__) && !defined(__SSE4_1__)
#include <emmintrin.h>
#endif

#if defined(_MSC_VER) && !defined(__clang__)
#define HEAN_INLINE __forceinline
#else
#define HEAN_INLINE inline __attribute__((always_inline))
#endif

// The lane type is built per instruction set: HEAN_ISA 0 (baseline, SSE2/NEON: four
// 16-byte parts), 2 (AVX2: two 32-byte parts), 3 (AVX-512: one 64-byte vector). Indicator
// sources are compiled once per level and the driver picks the best the CPU has, so the
// eight lanes of a V8 stay in registers. Each level lives in its own inline namespace so
// the three definitions never meet in one program. All levels give identical bits.
#ifndef HEAN_ISA
#define HEAN_ISA 0
#endif

namespace hean {

#if HEAN_ISA == 3
#define HEAN_ISA_NS isa_avx512
#elif HEAN_ISA == 2
#define HEAN_ISA_NS isa_avx2
#else
#define HEAN_ISA_NS isa_base
#endif

inline namespace HEAN_ISA_NS {

#if (defined(__GNUC__) || defined(__clang__)) && HEAN_ISA == 3
typedef double V8 __attribute__((vector_size(64)));
typedef long long M8 __attribute__((vector_size(64)));
#define HEAN_NATIVE_V8 1
#elif defined(__GNUC__) || defined(__clang__)
#if HEAN_ISA == 2
constexpr int kPartLanes = 4;
typedef double VP __attribute__((vector_size(32)));
typedef long long MP __attribute__((vector_size(32)));
#define HEAN_EACH_PART(F) F(a, 0) F(b, 1)
#else
constexpr int kPartLanes = 2;
typedef double VP __attribute__((vector_size(16)));
typedef long long MP __attribute__((vector_size(16)));
#define HEAN_EACH_PART(F) F(a, 0) F(b, 1) F(c, 2) F(d, 3)
#endif
#define HEAN_PART_MEMBER(m, k) VP m;
#define HEAN_MASK_MEMBER(m, k) MP m;
struct V8 {
  HEAN_EACH_PART(HEAN_PART_MEMBER)
};
struct M8 {
  HEAN_EACH_PART(HEAN_MASK_MEMBER)
};
HEAN_INLINE V8 splat_v8(double s) {
  V8 r;
// s - 0 (not 0 + s, which turns -0 into +0) broadcasts every value exactly.
#define HEAN_SPLAT_PART(m, k) r.m = s - VP{};
  HEAN_EACH_PART(HEAN_SPLAT_PART)
  return r;
}
#define HEAN_BINOP_PART_ADD(m, k) r.m = x.m + y.m;
#define HEAN_BINOP_PART_SUB(m, k) r.m = x.m - y.m;
#define HEAN_BINOP_PART_MUL(m, k) r.m = x.m * y.m;
#define HEAN_BINOP_PART_DIV(m, k) r.m = x.m / y.m;
#define HEAN_DEF_BINOP(op, NAME)                                            \
  HEAN_INLINE V8 operator op(V8 x, V8 y) {                                  \
    V8 r;                                                                   \
    HEAN_EACH_PART(HEAN_BINOP_PART_##NAME)                                  \
    return r;                                                               \
  }                                                                         \
  HEAN_INLINE V8 operator op(V8 x, double s) { return x op splat_v8(s); }  \
  HEAN_INLINE V8 operator op(double s, V8 y) { return splat_v8(s) op y; }
HEAN_DEF_BINOP(+, ADD)
HEAN_DEF_BINOP(-, SUB)
HEAN_DEF_BINOP(*, MUL)
HEAN_DEF_BINOP(/, DIV)
HEAN_INLINE V8 operator-(V8 x) {
  V8 r;
#define HEAN_NEG_PART(m, k) r.m = -x.m;
  HEAN_EACH_PART(HEAN_NEG_PART)
  return r;
}
#define HEAN_PARTS_V8 1
#else
struct V8 {
  double v[8];
};
struct M8 {
  bool v[8];
};
#define HEAN_V8_BINOP(op)                                                        \
  inline V8 operator op(V8 a, V8 b) { V8 r; for (int i = 0; i < 8; ++i) r.v[i] = a.v[i] op b.v[i]; return r; } \
  inline V8 operator op(V8 a, double b) { V8 r; for (int i = 0; i < 8; ++i) r.v[i] = a.v[i] op b; return r; } \
  inline V8 operator op(double a, V8 b) { V8 r; for (int i = 0; i < 8; ++i) r.v[i] = a op b.v[i]; return r; }
HEAN_V8_BINOP(+)
HEAN_V8_BINOP(-)
HEAN_V8_BINOP(*)
HEAN_V8_BINOP(/)
#undef HEAN_V8_BINOP
inline V8 operator-(V8 a) { V8 r; for (int i = 0; i < 8; ++i) r.v[i] = -a.v[i]; return r; }
#endif

// Lane l of a V8 is series l of the block: `stride` doubles apart in a series-major matrix.
HEAN_INLINE V8 v8_load(const double* q, std::size_t s) {
#if defined(HEAN_NATIVE_V8)
  return V8{q[0], q[s], q[2 * s], q[3 * s], q[4 * s], q[5 * s], q[6 * s], q[7 * s]};
#elif defined(HEAN_PARTS_V8)
  V8 r;
#if HEAN_ISA == 2
#define HEAN_LOAD_PART(m, k) r.m = VP{q[(4 * k) * s], q[(4 * k + 1) * s], q[(4 * k + 2) * s], q[(4 * k + 3) * s]};
#else
#define HEAN_LOAD_PART(m, k) r.m = VP{q[(2 * k) * s], q[(2 * k + 1) * s]};
#endif
  HEAN_EACH_PART(HEAN_LOAD_PART)
  return r;
#else
  V8 v;
  for (int l = 0; l < 8; ++l) v.v[l] = q[std::size_t(l) * s];
  return v;
#endif
}

// A type of this level, the default argument of the out-of-line member templates of the
// level-free window types (WindowSum::steps, ...): each level's copy gets its own symbol,
// so the linker never merges an AVX2 body into the baseline path.
struct IsaTag {};

HEAN_INLINE void v8_store(double* q, std::size_t s, V8 v) {
#if defined(HEAN_NATIVE_V8)
  for (int l = 0; l < 8; ++l) q[std::size_t(l) * s] = v[l];
#elif defined(HEAN_PARTS_V8)
#define HEAN_STORE(m, k) \
  for (int j = 0; j < kPartLanes; ++j) q[std::size_t(kPartLanes * k + j) * s] = v.m[j];
  HEAN_EACH_PART(HEAN_STORE)
#else
  for (int l = 0; l < 8; ++l) q[std::size_t(l) * s] = v.v[l];
#endif
}

}  // namespace HEAN_ISA_NS

template <class L>
HEAN_INLINE L lane_load(const double* p, std::size_t i, std::size_t stride);
template <>
HEAN_INLINE double lane_load<double>(const double* p, std::size_t i, std::size_t) { return p[i]; }
template <>
HEAN_INLINE V8 lane_load<V8>(const double* p, std::size_t i, std::size_t stride) { return v8_load(p + i, stride); }

template <class L>
HEAN_INLINE void lane_store(double* p, std::size_t i, std::size_t stride, L v);
template <>
HEAN_INLINE void lane_store<double>(double* p, std::size_t i, std::size_t, double v) { p[i] = v; }
template <>
HEAN_INLINE void lane_store<V8>(double* p, std::size_t i, std::size_t stride, V8 v) { v8_store(p + i, stride, v); }

template <class L>
HEAN_INLINE L splat(double x);
template <>
HEAN_INLINE double splat<double>(double x) { return x; }
template <>
HEAN_INLINE V8 splat<V8>(double x) {
#if defined(HEAN_NATIVE_V8)
  return x - V8{};  // not V8{} + x: that turns -0 into +0
#elif defined(HEAN_PARTS_V8)
  return splat_v8(x);
#else
  V8 v;
  for (int i = 0; i < 8; ++i) v.v[i] = x;
  return v;
#endif
}

// ---- scalar ----
HEAN_INLINE bool lgt(double a, double b) { return a > b; }
HEAN_INLINE bool llt(double a, double b) { return a < b; }
HEAN_INLINE bool lne(double a, double b) { return a != b; }
HEAN_INLINE double lsel(bool m, double a, double b) { return m ? a : b; }
HEAN_INLINE double lmax(double a, double b) { return a > b ? a : b; }
HEAN_INLINE double lmin(double a, double b) { return a < b ? a : b; }
HEAN_INLINE double labs(double a) { return a < 0 ? -a : a; }
HEAN_INLINE double lsqrt(double a) { return std::sqrt(a); }

// lmax / lmin / lsel for choices that follow the data (a window's running extreme, a
// candle's colour), where a branch mispredicts on about every other bar, and an int kept
// opaque to the optimiser. Natively they are the plain expressions (compiled to maxsd /
// minsd / blends already). WebAssembly: V8 compiles every scalar f64 `select` to a branch,
// so the same compare-select runs on one lane of an f64x2, branch-free: pmax(b, a) is
// `b < a ? a : b`, i.e. lmax(a, b); pmin(b, a) is `a < b ? a : b`, i.e. lmin(a, b); a
// bitselect takes the mask of m. Same bits on every engine.
#if defined(__wasm_simd128__)
HEAN_INLINE double lmax_nb(double a, double b) {
  return wasm_f64x2_extract_lane(wasm_f64x2_pmax(wasm_f64x2_splat(b), wasm_f64x2_splat(a)), 0);
}
HEAN_INLINE double lmin_nb(double a, double b) {
  return wasm_f64x2_extract_lane(wasm_f64x2_pmin(wasm_f64x2_splat(b), wasm_f64x2_splat(a)), 0);
}
HEAN_INLINE double lsel_nb(bool m, double a, double b) {
  const v128_t k = wasm_i64x2_splat(-static_cast<long long>(m));
  return wasm_f64x2_extract_lane(wasm_v128_bitselect(wasm_f64x2_splat(a), wasm_f64x2_splat(b), k), 0);
}
// clang folds `double(c ? 100 : 0)` into an f64 select (one per term of an & chain): with
// the int opaque the selects stay i32 ones (x64 cmov) and one conversion follows.
HEAN_INLINE int lint_nb(int v) {
  __asm__("" : "+r"(v));
  return v;
}
#else
HEAN_INLINE double lmax_nb(double a, double b) { return lmax(a, b); }
HEAN_INLINE double lmin_nb(double a, double b) { return lmin(a, b); }
HEAN_INLINE double lsel_nb(bool m, double a, double b) { return lsel(m, a, b); }
HEAN_INLINE int lint_nb(int v) { return v; }
#endif

// ---- 8 lanes ----
#if defined(HEAN_NATIVE_V8)
HEAN_INLINE M8 lgt(V8 x, V8 y) { return x > y; }
HEAN_INLINE M8 llt(V8 x, V8 y) { return x < y; }
HEAN_INLINE M8 lne(V8 x, V8 y) { return x != y; }
HEAN_INLINE V8 lsel(M8 m, V8 x, V8 y) { return m ? x : y; }
#elif defined(HEAN_PARTS_V8)
#define HEAN_CMP(NAME, op)                          \
  HEAN_INLINE M8 NAME(V8 x, V8 y) {                 \
    M8 r;                                           \
    HEAN_EACH_PART(HEAN_CMP_PART_##NAME)            \
    return r;                                       \
  }
#define HEAN_CMP_PART_lgt(m, k) r.m = x.m > y.m;
#define HEAN_CMP_PART_llt(m, k) r.m = x.m < y.m;
#define HEAN_CMP_PART_lne(m, k) r.m = x.m != y.m;
HEAN_CMP(lgt, >)
HEAN_CMP(llt, <)
HEAN_CMP(lne, !=)
HEAN_INLINE V8 lsel(M8 c, V8 x, V8 y) {
  V8 r;
#define HEAN_SEL_PART(m, k) r.m = c.m ? x.m : y.m;
  HEAN_EACH_PART(HEAN_SEL_PART)
  return r;
}
#else
HEAN_INLINE M8 lgt(V8 a, V8 b) { M8 m; for (int i = 0; i < 8; ++i) m.v[i] = a.v[i] > b.v[i]; return m; }
HEAN_INLINE M8 llt(V8 a, V8 b) { M8 m; for (int i = 0; i < 8; ++i) m.v[i] = a.v[i] < b.v[i]; return m; }
HEAN_INLINE M8 lne(V8 a, V8 b) { M8 m; for (int i = 0; i < 8; ++i) m.v[i] = a.v[i] != b.v[i]; return m; }
HEAN_INLINE V8 lsel(M8 m, V8 a, V8 b) { V8 r; for (int i = 0; i < 8; ++i) r.v[i] = m.v[i] ? a.v[i] : b.v[i]; return r; }
#endif
HEAN_INLINE V8 lmax(V8 a, V8 b) { return lsel(lgt(a, b), a, b); }
HEAN_INLINE V8 lmin(V8 a, V8 b) { return lsel(llt(a, b), a, b); }
HEAN_INLINE V8 labs(V8 a) { return lsel(llt(a, splat<V8>(0.0)), -a, a); }
// labs where the sign follows the data (a chain of price changes): the select branch-free
// (lsel_nb); natively and on lanes it is labs.
#if defined(__SSE2__) && !defined(__SSE4_1__) && !defined(__wasm_simd128__)
// x86-64 baseline (no blendvpd): GCC compiled the select to a branch, which mispredicts on
// half the price changes (kama at HEAN_SIMD=base: 14.4 -> 4.2 ns/bar with this mask select).
// (lsel_nb itself stays the plain select there: sar's new-extreme select ran 6.5 -> 7.2
// ns/bar as a mask select, its branch being mostly predicted on a trend.)
HEAN_INLINE double labs_nb(double a) {
  const __m128d k = _mm_castsi128_pd(_mm_cvtsi64_si128(-static_cast<long long>(a < 0)));
  const __m128d v = _mm_set_sd(a);
  return _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(k, _mm_set_sd(-a)), _mm_andnot_pd(k, v)));
}
#else
HEAN_INLINE double labs_nb(double a) { return lsel_nb(a < 0, -a, a); }
#endif
HEAN_INLINE V8 labs_nb(V8 a) { return labs(a); }
// f applied lane by lane (for the few non-vector operations: sqrt, log).
template <class F>
HEAN_INLINE V8 lmap(V8 x, F&& f) {
#if defined(HEAN_NATIVE_V8)
  V8 r;
  for (int i = 0; i < 8; ++i) r[i] = f(x[i]);
  return r;
#elif defined(HEAN_PARTS_V8)
  V8 r;
#define HEAN_MAP_PART(m, k) \
  for (int j = 0; j < kPartLanes; ++j) r.m[j] = f(x.m[j]);
  HEAN_EACH_PART(HEAN_MAP_PART)
  return r;
#else
  V8 r;
  for (int i = 0; i < 8; ++i) r.v[i] = f(x.v[i]);
  return r;
#endif
}
// |x| with the sign bit cleared (fabs; labs keeps -0 and a NaN's sign).
HEAN_INLINE double lfabs(double a) { return std::fabs(a); }
#if defined(HEAN_PARTS_V8)
HEAN_INLINE VP lfabs(VP x) { return (VP)((MP)x & ~(MP)(-0.0 - VP{})); }
#endif
HEAN_INLINE V8 lfabs(V8 x) {
#if defined(HEAN_NATIVE_V8)
  return (V8)((M8)x & ~(M8)splat<V8>(-0.0));
#elif defined(HEAN_PARTS_V8)
  V8 r;
#define HEAN_FABS_PART(m, k) r.m = lfabs(x.m);
  HEAN_EACH_PART(HEAN_FABS_PART)
  return r;
#else
  return lmap(x, [](double v) { return std::fabs(v); });
#endif
}
HEAN_INLINE V8 lsqrt(V8 x) {
#if defined(HEAN_PARTS_V8) && defined(__wasm_simd128__)
  // WebAssembly: one f64x2.sqrt a part (clang-14 leaves lmap's per-lane sqrt as a loop
  // through the stack, ~4x stddev's whole step). IEEE sqrt either way: the same bits.
  V8 r;
#define HEAN_SQRT_PART(m, k) r.m = (VP)wasm_f64x2_sqrt((v128_t)x.m);
  HEAN_EACH_PART(HEAN_SQRT_PART)
#undef HEAN_SQRT_PART
  return r;
#else
  return lmap(x, [](double v) { return std::sqrt(v); });
#endif
}

constexpr double kTaEpsilon = 1e-14;

// TA-Lib's TA_IS_ZERO (TA-Lib 0.6: |x| < 1e-14) counts as zero in its divisions.
template <class L>
HEAN_INLINE auto is_zero(L x) {
  return llt(labs(x), splat<L>(kTaEpsilon));
}
// TA-Lib 0.8.1's TA_IS_ZERO_SCALED, negated: |x| above 1e-14 of `scale`, the magnitude of
// the operands x is a difference of (its tests that do not depend on the price scale).
template <class L>
HEAN_INLINE auto above_scaled(L x, L scale) {
  return lgt(lfabs(x), splat<L>(kTaEpsilon) * scale);
}
// x / d, or `fallback` where d is TA-Lib-zero. The division runs either way (a zero
// divisor gives an inf/NaN that the select drops; FP exceptions are never trapped).
template <class L>
HEAN_INLINE L div_or(L x, L d, double fallback) {
  return lsel(is_zero(d), splat<L>(fallback), x / d);
}

// 1 in the lanes of mask m, else 0.
template <class L, class Mask>
HEAN_INLINE L lane_flags(Mask m) {
  return lsel(m, splat<L>(1.0), splat<L>(0.0));
}
// The first lane of flags f that is not 0 (8: none).
HEAN_INLINE int first_lane(double f) { return f != 0.0 ? 0 : 8; }
HEAN_INLINE int first_lane(V8 f) {
  double a[8];
  std::memcpy(a, &f, sizeof a);
  for (int l = 0; l < 8; ++l)
    if (a[l] != 0.0) return l;
  return 8;
}
// Whether any lane of mask m (of lanes L) is set.
template <class L, class Mask>
HEAN_INLINE bool any_lane(Mask m) {
  return first_lane(lane_flags<L>(m)) != 8;
}

// x / d, or `fallback` where d is exactly 0: TA-Lib's `!= 0.0` tests (STOCH, WILLR) and TA-Lib
// 0.8's rule for RSI, CMO, STOCHRSI, the DI/DX/ADX family and ULTOSC (their values do not
// depend on the price scale: prices x 1e-300 give the same values, and a long flat stretch
// keeps the last ratio instead of snapping to 0).
template <class L>
HEAN_INLINE L div_nz(L x, L d, double fallback) {
  return lsel(lne(d, splat<L>(0.0)), x / d, splat<L>(fallback));
}

// Two div_or at once: on one series they share one 2-lane division (division throughput,
// not latency, bounds RSI-like kernels); each lane gives the bits of the scalar form.
HEAN_INLINE void div_or2(double x0, double d0, double x1, double d1, double fallback, double& r0, double& r1) {
#if defined(__GNUC__) || defined(__clang__)
  typedef double D2 __attribute__((vector_size(16)));
  typedef long long M2 __attribute__((vector_size(16)));
  const D2 x{x0, x1}, d{d0, d1};
  const M2 zero = (d < D2{kTaEpsilon, kTaEpsilon}) & (d > D2{-kTaEpsilon, -kTaEpsilon});
  const D2 q = zero ? D2{fallback, fallback} : x / d;
  r0 = q[0];
  r1 = q[1];
#else
  r0 = div_or(x0, d0, fallback);
  r1 = div_or(x1, d1, fallback);
#endif
}
// div_or2 with div_nz's exact-zero test.
HEAN_INLINE void div_nz2(double x0, double d0, double x1, double d1, double fallback, double& r0, double& r1) {
#if defined(__GNUC__) || defined(__clang__)
  typedef double D2 __attribute__((vector_size(16)));
  const D2 x{x0, x1}, d{d0, d1};
  const D2 q = (d == D2{0.0, 0.0}) ? D2{fallback, fallback} : x / d;
  r0 = q[0];
  r1 = q[1];
#else
  r0 = div_nz(x0, d0, fallback);
  r1 = div_nz(x1, d1, fallback);
#endif
}
HEAN_INLINE void div_nz2(V8 x0, V8 d0, V8 x1, V8 d1, double fallback, V8& r0, V8& r1) {
  r0 = div_nz(x0, d0, fallback);
  r1 = div_nz(x1, d1, fallback);
}
HEAN_INLINE void div_or2(V8 x0, V8 d0, V8 x1, V8 d1, double fallback, V8& r0, V8& r1) {
  r0 = div_or(x0, d0, fallback);
  r1 = div_or(x1, d1, fallback);
}

}  // namespace hean
