// Rate of change family (TA-Lib ROC, ROCP, ROCR, ROCR100): the close against the close
// `period` bars back. ROC = 100 * (close / prev - 1), ROCP = (close - prev) / prev,
// ROCR = close / prev, ROCR100 = 100 * (close / prev); each is 0 where the older close is
// exactly 0 (TA-Lib's rule). One lagged kernel, one per-bar expression each.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t lagged_lookback(const double* o, int) { return opt_size(o[0]); }

// prev where it is non-zero, else 1 (the select drops that lane's quotient).
template <class L, class F>
HEAN_INLINE L nonzero_prev(L prev, F&& f) {
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  const auto nz = lne(prev, zero);
  return lsel(nz, f(lsel(nz, prev, one)), zero);
}

// The bar's values from the close and the one `period` bars back (kernels and streams).
template <class L>
HEAN_INLINE L roc_of(L x, L prev) {
  return nonzero_prev<L>(prev, [&](L d) { return (x / d - 1.0) * 100.0; });
}
template <class L>
HEAN_INLINE L rocp_of(L x, L prev) {
  return nonzero_prev<L>(prev, [&](L d) { return (x - d) / d; });
}
template <class L>
HEAN_INLINE L rocr_of(L x, L prev) {
  return nonzero_prev<L>(prev, [&](L d) { return x / d; });
}
template <class L>
HEAN_INLINE L rocr100_of(L x, L prev) {
  return nonzero_prev<L>(prev, [&](L d) { return (x / d) * 100.0; });
}

template <class L, L (*Of)(L, L)>
HEAN_INLINE void lagged_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  for (std::size_t i = p; i < n; ++i) y.set(i, Of(x[i], x[i - p]));
}

template <class L>
void roc_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  lagged_kernel<L, roc_of<L>>(in, n, o, out);
}
template <class L>
void rocp_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  lagged_kernel<L, rocp_of<L>>(in, n, o, out);
}
template <class L>
void rocr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  lagged_kernel<L, rocr_of<L>>(in, n, o, out);
}
template <class L>
void rocr100_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  lagged_kernel<L, rocr100_of<L>>(in, n, o, out);
}
HEAN_LANE_KERNELS(roc)
HEAN_LANE_KERNELS(rocp)
HEAN_LANE_KERNELS(rocr)
HEAN_LANE_KERNELS(rocr100)

}  // namespace

HEAN_DEF(roc){
    "roc", "Rate of change in percent: 100 * (close / close[period bars ago] - 1)", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 10, "bars back")}, 1, {"roc"}, lagged_lookback, roc_s, roc_v};
HEAN_DEF(rocp){
    "rocp", "Rate of change as a fraction: (close - close[period bars ago]) / close[period bars ago]", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 10, "bars back")}, 1, {"rocp"}, lagged_lookback, rocp_s, rocp_v};
HEAN_DEF(rocr){
    "rocr", "Rate of change ratio: close / close[period bars ago]", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 10, "bars back")}, 1, {"rocr"}, lagged_lookback, rocr_s, rocr_v};
HEAN_DEF(rocr100){
    "rocr100", "Rate of change ratio in percent: 100 * close / close[period bars ago]", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 10, "bars back")}, 1, {"rocr100"}, lagged_lookback, rocr100_s, rocr100_v};

HEAN_STREAM(roc){3, 2, period_window, nullptr, clear_state<3>, lagged_stream_step<roc_of<double>>};
HEAN_STREAM(rocp){3, 2, period_window, nullptr, clear_state<3>, lagged_stream_step<rocp_of<double>>};
HEAN_STREAM(rocr){3, 2, period_window, nullptr, clear_state<3>, lagged_stream_step<rocr_of<double>>};
HEAN_STREAM(rocr100){3, 2, period_window, nullptr, clear_state<3>, lagged_stream_step<rocr100_of<double>>};

}  // namespace hean
