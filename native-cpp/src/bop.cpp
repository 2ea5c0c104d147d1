// Balance of power (TA-Lib BOP): (close - open) / (high - low), 0 where high - low is not
// positive (TA-Lib's rule).
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t bop_lookback(const double*, int) { return 0; }

// The bar's value (kernel and stream).
template <class L>
HEAN_INLINE L bop_of(L o, L h, L l, L c) {
  const L r = h - l;
  const auto pos = lgt(r, splat<L>(0.0));
  return lsel(pos, (c - o) / lsel(pos, r, splat<L>(1.0)), splat<L>(0.0));
}
double bop_bar(const double* x) { return bop_of<double>(x[0], x[1], x[2], x[3]); }

template <class L>
void bop_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  if constexpr (std::is_same_v<L, double>)
    return pointwise_series<4>(in, n, out[0], [](auto o, auto h, auto l, auto c) { return bop_of<decltype(o)>(o, h, l, c); });
  pointwise_kernel<L>(n, out[0], [&](std::size_t i) { return bop_of<L>(in[0][i], in[1][i], in[2][i], in[3][i]); });
}
HEAN_LANE_KERNELS(bop)

}  // namespace

HEAN_DEF(bop) = pointwise_def({
    "bop", "Balance of power: (close - open) / (high - low)", 4, {"open", "high", "low", "close"}, 0, {},
    1, {"bop"}, bop_lookback, bop_s, bop_v});

HEAN_STREAM(bop){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<4, bop_bar>};

}  // namespace hean
