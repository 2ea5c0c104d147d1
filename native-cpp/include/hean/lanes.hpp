// One kernel source serves a single series (L = double) and a block of 8 series of a
// time-major matrix (L = V8), so the many-series form is the same arithmetic, lane-wise.
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
typedef double V8 __attribute__((vector_size(64)));
typedef long long M8 __attribute__((vector_size(64)));
#define HEAN_VECTOR_EXT 1
#else
struct V8 {
  double v[8];
  double& operator[](int i) { return v[i]; }
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
  V8 v;
  std::memcpy(&v, p + i * stride, sizeof(V8));
  return v;
}

template <class L>
HEAN_INLINE void lane_store(double* p, std::size_t i, std::size_t stride, L v);
template <>
HEAN_INLINE void lane_store<double>(double* p, std::size_t i, std::size_t, double v) { p[i] = v; }
template <>
HEAN_INLINE void lane_store<V8>(double* p, std::size_t i, std::size_t stride, V8 v) {
  std::memcpy(p + i * stride, &v, sizeof(V8));
}

template <class L>
HEAN_INLINE L splat(double x);
template <>
HEAN_INLINE double splat<double>(double x) { return x; }
template <>
HEAN_INLINE V8 splat<V8>(double x) {
  V8 v;
  for (int i = 0; i < 8; ++i) v[i] = x;
  return v;
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
HEAN_INLINE M8 lgt(V8 a, V8 b) { return a > b; }
HEAN_INLINE M8 llt(V8 a, V8 b) { return a < b; }
HEAN_INLINE M8 lne(V8 a, V8 b) { return a != b; }
HEAN_INLINE V8 lsel(M8 m, V8 a, V8 b) { return m ? a : b; }
#else
HEAN_INLINE M8 lgt(V8 a, V8 b) { M8 m; for (int i = 0; i < 8; ++i) m.v[i] = a.v[i] > b.v[i]; return m; }
HEAN_INLINE M8 llt(V8 a, V8 b) { M8 m; for (int i = 0; i < 8; ++i) m.v[i] = a.v[i] < b.v[i]; return m; }
HEAN_INLINE M8 lne(V8 a, V8 b) { M8 m; for (int i = 0; i < 8; ++i) m.v[i] = a.v[i] != b.v[i]; return m; }
HEAN_INLINE V8 lsel(M8 m, V8 a, V8 b) { V8 r; for (int i = 0; i < 8; ++i) r.v[i] = m.v[i] ? a.v[i] : b.v[i]; return r; }
#endif
HEAN_INLINE V8 lmax(V8 a, V8 b) { return lsel(lgt(a, b), a, b); }
HEAN_INLINE V8 lmin(V8 a, V8 b) { return lsel(llt(a, b), a, b); }
HEAN_INLINE V8 labs(V8 a) { return lsel(llt(a, splat<V8>(0.0)), -a, a); }
HEAN_INLINE V8 lsqrt(V8 a) {
  V8 r;
  for (int i = 0; i < 8; ++i) r[i] = std::sqrt(a[i]);
  return r;
}

// TA-Lib's TA_IS_ZERO: |x| < 1e-8 counts as zero in its divisions.
template <class L>
HEAN_INLINE auto is_zero(L x) {
  return llt(labs(x), splat<L>(1e-8));
}
// x / d, or `fallback` where d is TA-Lib-zero.
template <class L>
HEAN_INLINE L div_or(L x, L d, double fallback) {
  return lsel(is_zero(d), splat<L>(fallback), x / lsel(is_zero(d), splat<L>(1.0), d));
}

}  // namespace hean
