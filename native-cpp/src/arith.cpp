// Two-series arithmetic (TA-Lib ADD, SUB, MULT, DIV): x + y, x - y, x * y, x / y bar by
// bar (DIV as TA-Lib: no zero test, so y = 0 gives ±inf or NaN). No warm-up.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t arith_lookback(const double*, int) { return 0; }

template <class L>
HEAN_INLINE L add_of(L x, L y) {
  return x + y;
}
template <class L>
HEAN_INLINE L sub_of(L x, L y) {
  return x - y;
}
template <class L>
HEAN_INLINE L mult_of(L x, L y) {
  return x * y;
}
template <class L>
HEAN_INLINE L div_of(L x, L y) {
  return x / y;
}

template <class L, L (*Of)(L, L)>
HEAN_INLINE void arith_run(const In<L>* in, std::size_t n, const Out<L>* out) {
  pointwise_kernel<L>(n, out[0], [&](std::size_t i) { return Of(in[0][i], in[1][i]); });
}
template <double (*Of)(double, double)>
double arith_bar(const double* x) {
  return Of(x[0], x[1]);
}

template <class L>
void add_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  arith_run<L, add_of<L>>(in, n, out);
}
template <class L>
void sub_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  arith_run<L, sub_of<L>>(in, n, out);
}
template <class L>
void mult_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  arith_run<L, mult_of<L>>(in, n, out);
}
template <class L>
void div_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  arith_run<L, div_of<L>>(in, n, out);
}
HEAN_LANE_KERNELS(add)
HEAN_LANE_KERNELS(sub)
HEAN_LANE_KERNELS(mult)
HEAN_LANE_KERNELS(div)

}  // namespace

HEAN_DEF(add) = pointwise_def({"add", "Sum of two series, bar by bar", 2, {"x", "y"}, 0, {}, 1, {"add"}, arith_lookback, add_s, add_v});
HEAN_DEF(sub) = pointwise_def({"sub", "Difference of two series (x - y), bar by bar", 2, {"x", "y"}, 0, {}, 1, {"sub"}, arith_lookback,
              sub_s, sub_v});
HEAN_DEF(mult) = pointwise_def({"mult", "Product of two series, bar by bar", 2, {"x", "y"}, 0, {}, 1, {"mult"}, arith_lookback, mult_s,
               mult_v});
HEAN_DEF(div) = pointwise_def({"div", "Quotient of two series (x / y), bar by bar", 2, {"x", "y"}, 0, {}, 1, {"div"}, arith_lookback,
              div_s, div_v});

HEAN_STREAM(add){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<2, arith_bar<add_of<double>>>};
HEAN_STREAM(sub){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<2, arith_bar<sub_of<double>>>};
HEAN_STREAM(mult){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<2, arith_bar<mult_of<double>>>};
HEAN_STREAM(div){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<2, arith_bar<div_of<double>>>};

}  // namespace hean
