// Math transforms (TA-Lib ACOS, ASIN, ATAN, CEIL, COS, COSH, EXP, FLOOR, LN, LOG10, SIN,
// SINH, SQRT, TAN, TANH): the function of each value, no warm-up. One kernel template; the
// functions that IEEE 754 does not round correctly come from one portable implementation
// (hean/lmath.hpp), so the native and WASM builds give the
// same bits; ceil, floor and sqrt are exact everywhere (std::).
#include "hean/kernel.hpp"
#include "hean/lmath.hpp"

namespace hean {
namespace {

std::size_t math_lookback(const double*, int) { return 0; }

template <class L, double (*F)(double)>
HEAN_INLINE L math_of(L x) {
  if constexpr (std::is_same_v<L, double>) return F(x);
  else return lmap(x, [](double v) { return F(v); });
}
template <double (*F)(double)>
double math_bar(const double* x) {
  return F(x[0]);
}

double m_ceil(double x) { return std::ceil(x); }
double m_floor(double x) { return std::floor(x); }
double m_sqrt(double x) { return std::sqrt(x); }
double m_ln(double x) { return llog(x); }
double m_acos(double x) { return lacos(x); }
double m_asin(double x) { return lasin(x); }
double m_atan(double x) { return latan(x); }
double m_cos(double x) { return lcos(x); }
double m_cosh(double x) { return lcosh(x); }
double m_exp(double x) { return lexp(x); }
double m_log10(double x) { return llog10(x); }
double m_sin(double x) { return lsin(x); }
double m_sinh(double x) { return lsinh(x); }
double m_tan(double x) { return ltan(x); }
double m_tanh(double x) { return ltanh(x); }

#define HEAN_MATH_FN(NAME, F)                                                                   \
  template <class L>                                                                            \
  void NAME##_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {        \
    pointwise_kernel<L>(n, out[0], [&](std::size_t i) { return math_of<L, F>(in[0][i]); });     \
  }                                                                                             \
  HEAN_LANE_KERNELS(NAME)
HEAN_MATH_FN(ceil, m_ceil)
HEAN_MATH_FN(floor, m_floor)
HEAN_MATH_FN(sqrt, m_sqrt)
HEAN_MATH_FN(ln, m_ln)
HEAN_MATH_FN(acos, m_acos)
HEAN_MATH_FN(asin, m_asin)
HEAN_MATH_FN(atan, m_atan)
HEAN_MATH_FN(cos, m_cos)
HEAN_MATH_FN(cosh, m_cosh)
HEAN_MATH_FN(exp, m_exp)
HEAN_MATH_FN(log10, m_log10)
HEAN_MATH_FN(sin, m_sin)
HEAN_MATH_FN(sinh, m_sinh)
HEAN_MATH_FN(tan, m_tan)
HEAN_MATH_FN(tanh, m_tanh)
#undef HEAN_MATH_FN

}  // namespace

#define HEAN_MATH_DEF(NAME, F, SUMMARY)                                                                  \
  HEAN_DEF(NAME) = pointwise_def({#NAME, SUMMARY, 1, {"x"}, 0, {}, 1, {#NAME}, math_lookback, NAME##_s, NAME##_v}); \
  HEAN_STREAM(NAME){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<1, math_bar<F>>};
HEAN_MATH_DEF(ceil, m_ceil, "Smallest integer >= x, value by value")
HEAN_MATH_DEF(floor, m_floor, "Largest integer <= x, value by value")
HEAN_MATH_DEF(sqrt, m_sqrt, "Square root, value by value")
HEAN_MATH_DEF(ln, m_ln, "Natural logarithm, value by value")
HEAN_MATH_DEF(acos, m_acos, "Arc cosine in radians, value by value")
HEAN_MATH_DEF(asin, m_asin, "Arc sine in radians, value by value")
HEAN_MATH_DEF(atan, m_atan, "Arc tangent in radians, value by value")
HEAN_MATH_DEF(cos, m_cos, "Cosine (radians), value by value")
HEAN_MATH_DEF(cosh, m_cosh, "Hyperbolic cosine, value by value")
HEAN_MATH_DEF(exp, m_exp, "Exponential e^x, value by value")
HEAN_MATH_DEF(log10, m_log10, "Base-10 logarithm, value by value")
HEAN_MATH_DEF(sin, m_sin, "Sine (radians), value by value")
HEAN_MATH_DEF(sinh, m_sinh, "Hyperbolic sine, value by value")
HEAN_MATH_DEF(tan, m_tan, "Tangent (radians), value by value")
HEAN_MATH_DEF(tanh, m_tanh, "Hyperbolic tangent, value by value")
#undef HEAN_MATH_DEF

}  // namespace hean
