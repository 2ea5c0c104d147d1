// Linear regression (TA-Lib LINEARREG): the least-squares line through the last `period`
// values, evaluated at the latest bar. As TA-Lib, both sums are taken afresh over the
// window each bar (O(period) a bar, no drift), with x = bars back from the latest.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t linearreg_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void linearreg_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const double dp = double(p);
  const double sum_x = dp * (dp - 1.0) * 0.5;
  const double sum_x_sqr = dp * (dp - 1.0) * (2.0 * dp - 1.0) / 6.0;
  const double divisor = sum_x * sum_x - dp * sum_x_sqr;
  for (std::size_t t = p - 1; t < n; ++t) {
    L sxy = splat<L>(0.0), sy = splat<L>(0.0);
    for (std::size_t i = p; i-- != 0;) {
      const L v = x[t - i];
      sy = sy + v;
      sxy = sxy + double(i) * v;
    }
    const L m = (dp * sxy - sum_x * sy) / divisor;
    const L b = (sy - m * sum_x) / dp;
    y.set(t, b + m * (dp - 1.0));
  }
}
HEAN_LANE_KERNELS(linearreg)

}  // namespace

HEAN_DEF(linearreg){
    "linearreg", "Linear regression value at the latest bar (least squares over the window)", 1, {"close"}, 1,
    {::hean::OptDef{"period", 14, 2, ::hean::kMaxPeriod, true, nullptr, "window length"}},
    1, {"linearreg"}, linearreg_lookback, linearreg_s, linearreg_v};

}  // namespace hean
