// Math transforms (TA-Lib ACOS, ASIN, ATAN, CEIL, COS, COSH, EXP, FLOOR, LN, LOG10, SIN,
// SINH, SQRT, TAN, TANH): the function of each value, no warm-up. One kernel template; the
// functions that IEEE 754 does not round correctly come from one portable implementation
// (llog in kernel.hpp, the rest in hean/lmath.hpp), so the native and WASM builds give the
// same bits; ceil, floor and sqrt are exact everywhere (std::).
#include "hean/kernel.hpp"

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
#undef HEAN_MATH_FN

}  // namespace

#define HEAN_MATH_DEF(NAME, F, SUMMARY)                                                                  \
  HEAN_DEF(NAME){#NAME, SUMMARY, 1, {"x"}, 0, {}, 1, {#NAME}, math_lookback, NAME##_s, NAME##_v};        \
  HEAN_STREAM(NAME){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<1, math_bar<F>>};
HEAN_MATH_DEF(ceil, m_ceil, "Smallest integer >= x, value by value")
HEAN_MATH_DEF(floor, m_floor, "Largest integer <= x, value by value")
HEAN_MATH_DEF(sqrt, m_sqrt, "Square root, value by value")
HEAN_MATH_DEF(ln, m_ln, "Natural logarithm, value by value")
#undef HEAN_MATH_DEF

}  // namespace hean
