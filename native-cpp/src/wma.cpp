// Weighted moving average (TA-Lib WMA): weights 1..period, newest heaviest, divided by
// period*(period+1)/2. Running plain and weighted sums, as TA-Lib, re-summed periodically.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t wma_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void wma_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const double div = double(p * (p + 1) / 2);
  auto f = [&](std::size_t i) { return x[i]; };
  WindowWeightedSum<L> w;
  w.init(p, f, p);
  y.set(p - 1, w.wsum / div);
  for (std::size_t i = p; i < n; ++i) {
    w.step(f, i);
    y.set(i, w.wsum / div);
  }
}
HEAN_LANE_KERNELS(wma)

}  // namespace

HEAN_DEF(wma){
    "wma", "Weighted moving average (linear weights 1..period)", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "window length; weights 1..period, newest heaviest")},
    1, {"wma"}, wma_lookback, wma_s, wma_v};

}  // namespace hean
