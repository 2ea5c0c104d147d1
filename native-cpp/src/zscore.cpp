// Rolling z-score: (close - SMA) / population standard deviation over `period`, and 0
// where the window is constant. z is ill-conditioned when sigma is small next to the price
// (a running variance's rounding scales with the squared values), so the moments are kept
// about an origin re-centred on the newest close every `period` bars (an exact re-sum), which
// makes the rounding scale with the local range instead. Constancy is decided by an exact
// count of changes in the window, so leftover rounding can't turn a flat window into a
// ratio of two tiny residues.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t zscore_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void zscore_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  if (p == 1) {
    for (std::size_t i = 0; i < n; ++i) y.set(i, zero);
    return;
  }
  L origin = x[p - 1];
  auto fx = [&](std::size_t i) { return x[i] - origin; };
  auto chg = [&](std::size_t i) { return lsel(lne(x[i], x[i - 1]), one, zero); };
  WindowMoments<L> w;
  w.init(p, fx, p);
  WindowSum<L> changes;
  changes.init(p - 1, chg, p);
  for (std::size_t i = p - 1, since = 0;;) {
    const L sd = lsqrt(w.variance());
    const auto ok = lgt(sd, zero);
    const L z = lsel(ok, ((x[i] - origin) - w.mean()) / lsel(ok, sd, one), zero);
    y.set(i, lsel(lgt(changes.sum, zero), z, zero));
    if (++i >= n) break;
    changes.step(chg, i);
    if (++since == p) {
      since = 0;
      origin = x[i];
      w.init(p, fx, i + 1);
    } else {
      w.step(fx, i);
    }
  }
}
HEAN_LANE_KERNELS(zscore)

}  // namespace

HEAN_DEF(zscore){
    "zscore", "Rolling z-score: (close - SMA) / population standard deviation", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "window length")}, 1, {"zscore"}, zscore_lookback, zscore_s, zscore_v};

}  // namespace hean
