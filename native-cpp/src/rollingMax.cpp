// Rolling maximum (TA-Lib MAX) of the last `period` values, from a monotonic deque:
// O(1) amortised a bar. Scalar kernel (the deque is per series).
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t rollingMax_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void rollingMax_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  // Also keeps the deque's O(period) scratch within O(n).
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  auto v = [&](std::size_t i) { return x[i]; };
  WindowExtreme<true> w;
  w.init(p);
  for (std::size_t i = 0; i + 1 < p; ++i) w.push(v, i);
  for (std::size_t i = p - 1; i < n; ++i) y.set(i, x[w.push(v, i)]);
}
HEAN_SCALAR_KERNEL(rollingMax)

}  // namespace

HEAN_DEF(rollingMax){
    "rollingMax", "Rolling maximum over `period` bars", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "window length")}, 1, {"rollingMax"}, rollingMax_lookback, rollingMax_s};

}  // namespace hean
