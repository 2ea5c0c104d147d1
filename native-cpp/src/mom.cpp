// Momentum (TA-Lib MOM): close - close[i-period].
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t mom_lookback(const double* o, int) { return opt_size(o[0]); }

// The bar's value from the close and the one `period` bars back (kernel and stream).
template <class L>
HEAN_INLINE L mom_of(L x, L prev) {
  return x - prev;
}

template <class L>
void mom_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  for (std::size_t i = p; i < n; ++i) y.set(i, mom_of<L>(x[i], x[i - p]));
}
HEAN_LANE_KERNELS(mom)

}  // namespace

HEAN_DEF(mom){
    "mom", "Momentum: close - close[period bars ago]", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 10, "bars back")}, 1, {"mom"}, mom_lookback, mom_s, mom_v};

HEAN_STREAM(mom){3, 2, period_window, nullptr, clear_state<3>, lagged_stream_step<mom_of<double>>};

}  // namespace hean
