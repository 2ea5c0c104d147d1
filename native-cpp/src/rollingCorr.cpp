// Rolling Pearson correlation of x and y over `period` bars (TA-Lib CORREL's formula, on
// shifted co-moment sums instead of raw ones, so large prices don't cancel). NaN where
// either window is constant (counted exactly from value changes) or its variance rounds
// to 0 — TA-Lib returns 0 there; clamped to [-1, 1].
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t rollingCorr_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void rollingCorr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const In<L>&a = in[0], &b = in[1];
  const L zero = splat<L>(0.0), one = splat<L>(1.0), nan = splat<L>(kNaN);
  auto f = [&](std::size_t j) { return a[j]; };
  auto g = [&](std::size_t j) { return b[j]; };
  // Changes between neighbours: a window of p values is constant iff its p-1 are all 0.
  auto ca = [&](std::size_t j) { return lsel(lne(a[j], a[j - 1]), one, zero); };
  auto cb = [&](std::size_t j) { return lsel(lne(b[j], b[j - 1]), one, zero); };
  WindowCoMoments<L> m;
  WindowSum<L> na, nb;
  m.init(p, f, g, p);
  na.init(p - 1, ca, p);
  nb.init(p - 1, cb, p);
  for (std::size_t i = p - 1;;) {
    const L den = lsqrt(lmax(m.dxx(), zero) * lmax(m.dyy(), zero));
    L r = m.dxy() / lsel(lgt(den, zero), den, one);
    r = lmax(lmin(r, one), -one);
    y.set(i, lsel(lgt(na.sum, zero), lsel(lgt(nb.sum, zero), lsel(lgt(den, zero), r, nan), nan), nan));
    if (++i >= n) break;
    m.step(f, g, i);
    na.step(ca, i);
    nb.step(cb, i);
  }
}
HEAN_LANE_KERNELS(rollingCorr)

}  // namespace

HEAN_DEF(rollingCorr){
    "rollingCorr", "Rolling Pearson correlation of two series", 2, {"x", "y"}, 1,
    {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "window length"}},
    1, {"rollingCorr"}, rollingCorr_lookback, rollingCorr_s, rollingCorr_v};

}  // namespace hean
