// Donchian channels: upper = highest high, lower = lowest low of the last `period` bars,
// middle = their midpoint.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t donchian_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void donchian_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  if (n < p) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, p - 1);
  BlockExtreme<L, true> hh;
  BlockExtreme<L, false> ll;
  hh.init(p);
  ll.init(p);
  auto h = [&](std::size_t i) { return in[0][i]; };
  auto l = [&](std::size_t i) { return in[1][i]; };
  for (std::size_t i = 0; i < n; ++i) {
    hh.push(h, i);
    ll.push(l, i);
    if (i + 1 < p) continue;
    out[0].set(i, hh.val);
    out[1].set(i, (hh.val + ll.val) * 0.5);
    out[2].set(i, ll.val);
  }
}
HEAN_LANE_KERNELS(donchian)

}  // namespace

HEAN_DEF(donchian){
    "donchian", "Donchian channels: highest high, lowest low and their midpoint", 2, {"high", "low"}, 1,
    {HEAN_PERIOD("period", 20, "window length")},
    3, {"upper", "middle", "lower"}, donchian_lookback, donchian_s, donchian_v};

}  // namespace hean
