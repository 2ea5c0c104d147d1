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

#if defined(_MSC_VER) && !defined(__clang__)
#define HEAN_INLINE __forceinline
#else
#define HEAN_INLINE inline __attribute__((always_inline))
#endif

namespace hean {

#if defined(__GNUC__) || defined(__clang__)
// Eight lanes as four 16-byte vectors: every x86-64 and arm64 target has registers of that
// width, so a V8 lives in four registers instead of being spilled to the stack (which is
// what a 64-byte vector_size type gets without AVX-512).
typedef double D2 __attribute__((vector_size(16)));
typedef long long M2 __attribute__((vector_size(16)));
struct V8 {
  D2 a, b, c, d;
  HEAN_INLINE double operator[](int i) const {
    const D2& h = i < 2 ? a : i < 4 ? b : i < 6 ? c : d;
    return h[i & 1];
  }
};
struct M8 {
  M2 a, b, c, d;
};
#define HEAN_V8_BINOP(op)                                                                           \
  HEAN_INLINE V8 operator op(V8 x, V8 y) { return {x.a op y.a, x.b op y.b, x.c op y.c, x.d op y.d}; } \
  HEAN_INLINE V8 operator op(V8 x, double s) {                                                      \
    const D2 y = {s, s};                                                                            \
    return {x.a op y, x.b op y, x.c op y, x.d op y};                                                \
  }                                                                                                 \
  HEAN_INLINE V8 operator op(double s, V8 y) {                                                      \
    const D2 x = {s, s};                                                                            \
    return {x op y.a, x op y.b, x op y.c, x op y.d};                                                \
  }
HEAN_V8_BINOP(+)
HEAN_V8_BINOP(-)
HEAN_V8_BINOP(*)
HEAN_V8_BINOP(/)
#undef HEAN_V8_BINOP
HEAN_INLINE V8 operator-(V8 x) { return {-x.a, -x.b, -x.c, -x.d}; }
#define HEAN_VECTOR_EXT 1
#else
struct V8 {
  double v[8];
  double operator[](int i) const { return v[i]; }
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

template <class L>
HEAN_INLINE L lane_load(const double* p, std::size_t i, std::size_t stride);
template <>
HEAN_INLINE double lane_load<double>(const double* p, std::size_t i, std::size_t) { return p[i]; }
template <>
HEAN_INLINE V8 lane_load<V8>(const double* p, std::size_t i, std::size_t stride) {
  const double* q = p + i;
#ifdef HEAN_VECTOR_EXT
  return {D2{q[0], q[stride]}, D2{q[2 * stride], q[3 * stride]}, D2{q[4 * stride], q[5 * stride]},
          D2{q[6 * stride], q[7 * stride]}};
#else
  V8 v;
  for (int l = 0; l < 8; ++l) v.v[l] = q[std::size_t(l) * stride];
  return v;
#endif
}

template <class L>
HEAN_INLINE void lane_store(double* p, std::size_t i, std::size_t stride, L v);
template <>
HEAN_INLINE void lane_store<double>(double* p, std::size_t i, std::size_t, double v) { p[i] = v; }
template <>
HEAN_INLINE void lane_store<V8>(double* p, std::size_t i, std::size_t stride, V8 v) {
  double* q = p + i;
#ifdef HEAN_VECTOR_EXT
  q[0] = v.a[0];
  q[stride] = v.a[1];
  q[2 * stride] = v.b[0];
  q[3 * stride] = v.b[1];
  q[4 * stride] = v.c[0];
  q[5 * stride] = v.c[1];
  q[6 * stride] = v.d[0];
  q[7 * stride] = v.d[1];
#else
  for (int l = 0; l < 8; ++l) q[std::size_t(l) * stride] = v.v[l];
#endif
}

template <class L>
HEAN_INLINE L splat(double x);
template <>
HEAN_INLINE double splat<double>(double x) { return x; }
template <>
HEAN_INLINE V8 splat<V8>(double x) {
#ifdef HEAN_VECTOR_EXT
  const D2 h = {x, x};
  return {h, h, h, h};
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

// ---- 8 lanes ----
#ifdef HEAN_VECTOR_EXT
HEAN_INLINE M8 lgt(V8 x, V8 y) { return {x.a > y.a, x.b > y.b, x.c > y.c, x.d > y.d}; }
HEAN_INLINE M8 llt(V8 x, V8 y) { return {x.a < y.a, x.b < y.b, x.c < y.c, x.d < y.d}; }
HEAN_INLINE M8 lne(V8 x, V8 y) { return {x.a != y.a, x.b != y.b, x.c != y.c, x.d != y.d}; }
HEAN_INLINE V8 lsel(M8 m, V8 x, V8 y) { return {m.a ? x.a : y.a, m.b ? x.b : y.b, m.c ? x.c : y.c, m.d ? x.d : y.d}; }
#else
HEAN_INLINE M8 lgt(V8 a, V8 b) { M8 m; for (int i = 0; i < 8; ++i) m.v[i] = a.v[i] > b.v[i]; return m; }
HEAN_INLINE M8 llt(V8 a, V8 b) { M8 m; for (int i = 0; i < 8; ++i) m.v[i] = a.v[i] < b.v[i]; return m; }
HEAN_INLINE M8 lne(V8 a, V8 b) { M8 m; for (int i = 0; i < 8; ++i) m.v[i] = a.v[i] != b.v[i]; return m; }
HEAN_INLINE V8 lsel(M8 m, V8 a, V8 b) { V8 r; for (int i = 0; i < 8; ++i) r.v[i] = m.v[i] ? a.v[i] : b.v[i]; return r; }
#endif
HEAN_INLINE V8 lmax(V8 a, V8 b) { return lsel(lgt(a, b), a, b); }
HEAN_INLINE V8 lmin(V8 a, V8 b) { return lsel(llt(a, b), a, b); }
HEAN_INLINE V8 labs(V8 a) { return lsel(llt(a, splat<V8>(0.0)), -a, a); }
// f applied lane by lane (for the few non-vector operations: sqrt, log).
template <class F>
HEAN_INLINE V8 lmap(V8 x, F&& f) {
#ifdef HEAN_VECTOR_EXT
  auto h = [&](D2 v) { return D2{f(v[0]), f(v[1])}; };
  return {h(x.a), h(x.b), h(x.c), h(x.d)};
#else
  V8 r;
  for (int i = 0; i < 8; ++i) r.v[i] = f(x.v[i]);
  return r;
#endif
}
HEAN_INLINE V8 lsqrt(V8 x) {
  return lmap(x, [](double v) { return std::sqrt(v); });
}

constexpr double kTaEpsilon = 1e-14;

// TA-Lib's TA_IS_ZERO (TA-Lib 0.6: |x| < 1e-14) counts as zero in its divisions.
template <class L>
HEAN_INLINE auto is_zero(L x) {
  return llt(labs(x), splat<L>(kTaEpsilon));
}
// x / d, or `fallback` where d is TA-Lib-zero.
template <class L>
HEAN_INLINE L div_or(L x, L d, double fallback) {
  return lsel(is_zero(d), splat<L>(fallback), x / lsel(is_zero(d), splat<L>(1.0), d));
}

}  // namespace hean
