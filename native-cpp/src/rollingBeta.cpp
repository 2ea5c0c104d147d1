// Rolling beta of x on y over `period` bars: cov(x, y) / var(y), the OLS slope of x
// against y. Inputs are returns (x: the asset, y: the benchmark); unlike TA-Lib BETA,
// which takes prices, computes returns itself and divides by the variance of its first
// input. NaN where the y window is constant (counted exactly from value changes) or its
// variance rounds to 0.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t rollingBeta_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void rollingBeta_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const In<L>&a = in[0], &b = in[1];
  const L zero = splat<L>(0.0), one = splat<L>(1.0), nan = splat<L>(kNaN);
  auto f = [&](std::size_t j) { return a[j]; };
  auto g = [&](std::size_t j) { return b[j]; };
  auto cb = [&](std::size_t j) { return lsel(lne(b[j], b[j - 1]), one, zero); };
  WindowCoMoments<L> m;
  WindowSum<L> nb;
  m.init(p, f, g, p);
  nb.init(p - 1, cb, p);
  for (std::size_t i = p - 1;;) {
    const L vy = m.dyy();
    const auto ok = lgt(vy, zero);
    const L beta = m.dxy() / lsel(ok, vy, one);
    y.set(i, lsel(lgt(nb.sum, zero), lsel(ok, beta, nan), nan));
    if (++i >= n) break;
    m.step(f, g, i);
    nb.step(cb, i);
  }
}
HEAN_LANE_KERNELS(rollingBeta)

}  // namespace

HEAN_DEF(rollingBeta){
    "rollingBeta", "Rolling beta of asset returns x on benchmark returns y", 2, {"x", "y"}, 1,
    {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "window length"}},
    1, {"rollingBeta"}, rollingBeta_lookback, rollingBeta_s, rollingBeta_v};

// Streaming: the co-moments' state (comoments_stream_slide) and out; the kernel's beta.
HEAN_STREAM(rollingBeta){15, 14, [](const double* o) { return 2 * opt_size(o[0]); },
                         [](const double* o, double* k) {
                           k[0] = 1.0 / double(opt_size(o[0]));
                           k[1] = comoments_every(opt_size(o[0]));
                         },
                         clear_state<15>,
                         [](StreamCtx& c, const double* x) {
                           double* s = c.s;
                           if (!comoments_stream_slide(c, x[0], x[1]) || !(s[11] > 0)) {
                             s[14] = kNaN;
                             return;
                           }
                           const double inv = c.k[0];
                           const double vy = s[8] - s[6] * s[6] * inv;
                           s[14] = lgt(vy, 0.0) ? (s[9] - s[5] * s[6] * inv) / vy : kNaN;
                         }};

}  // namespace hean
