// Commodity channel index (TA-Lib CCI, Lambert): (tp - SMA(tp)) / (0.015 * mean absolute
// deviation of tp), tp = (high + low + close) / 3, over `period` bars; 0 where the
// numerator or the deviation is exactly 0. The mean deviation needs the whole window each
// bar (O(period) a bar, as in TA-Lib); typical prices are kept in a ring.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t cci_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void cci_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const L zero = splat<L>(0.0);
  Ring<L> tp;
  tp.init(p);
  for (std::size_t i = 0; i < n; ++i) {
    const L last = (in[0][i] + in[1][i] + in[2][i]) / 3.0;
    tp[i] = last;
    if (i + 1 < p) continue;
    L avg = zero;
    for (std::size_t j = i + 1 - p; j <= i; ++j) avg = avg + tp[j];
    avg = avg / double(p);
    L dev = zero;
    for (std::size_t j = i + 1 - p; j <= i; ++j) dev = dev + labs(tp[j] - avg);
    const L num = last - avg;
    const auto ok = lne(dev, zero);
    const L v = num / lsel(ok, (dev / double(p)) * 0.015, splat<L>(1.0));
    y.set(i, lsel(lne(num, zero), lsel(ok, v, zero), zero));
  }
}
HEAN_LANE_KERNELS(cci)

}  // namespace

HEAN_DEF(cci){
    "cci", "Commodity channel index", 3, {"high", "low", "close"}, 1,
    {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "window length of the typical price's SMA and mean deviation"}},
    1, {"cci"}, cci_lookback, cci_s, cci_v};

}  // namespace hean
