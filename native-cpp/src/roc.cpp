// Rate of change (TA-Lib ROC): 100 * (close / close[i-period] - 1), 0 where the older
// close is exactly 0 (TA-Lib's rule).
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t roc_lookback(const double* o, int) { return opt_size(o[0]); }

// The bar's value from the close and the one `period` bars back (kernel and stream).
template <class L>
HEAN_INLINE L roc_of(L x, L prev) {
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  const auto nz = lne(prev, zero);
  return lsel(nz, (x / lsel(nz, prev, one) - 1.0) * 100.0, zero);
}

template <class L>
void roc_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  for (std::size_t i = p; i < n; ++i) y.set(i, roc_of<L>(x[i], x[i - p]));
}
HEAN_LANE_KERNELS(roc)

}  // namespace

HEAN_DEF(roc){
    "roc", "Rate of change in percent: 100 * (close / close[period bars ago] - 1)", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 10, "bars back")}, 1, {"roc"}, roc_lookback, roc_s, roc_v};

HEAN_STREAM(roc){3, 2, period_window, nullptr, clear_state<3>, lagged_stream_step<roc_of<double>>};

}  // namespace hean
