// Williams %R (TA-Lib WILLR): -100 * (highest high - close) / (highest high - lowest low)
// over `period` bars, -100..0; 0 where the range is exactly 0.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t willr_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void willr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  BlockExtreme<L, true> hh;
  BlockExtreme<L, false> ll;
  hh.init(p);
  ll.init(p);
  auto h = [&](std::size_t i) { return in[0][i]; };
  auto l = [&](std::size_t i) { return in[1][i]; };
  for (std::size_t i = 0; i < n; ++i) {
    hh.push(h, i);
    ll.push(l, i);
    // TA-Lib's operation order: (highest - close) / ((highest - lowest) / -100).
    if (i + 1 >= p) y.set(i, div_nz<L>(hh.val - in[2][i], (hh.val - ll.val) / -100.0, 0.0));
  }
}
HEAN_LANE_KERNELS(willr)

}  // namespace

HEAN_DEF(willr){
    "willr", "Williams %R, -100..0", 3, {"high", "low", "close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "bars in the highest-high / lowest-low window"}},
    1, {"willr"}, willr_lookback, willr_s, willr_v};

}  // namespace hean
