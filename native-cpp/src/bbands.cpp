// Bollinger Bands (TA-Lib BBANDS with an SMA middle): middle ± stdDev * population
// standard deviation of the window, from one fused pass over the data.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t bbands_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void bbands_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const double up = o[1], dn = o[1];
  const In<L>& x = in[0];
  if (n < p) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, p - 1);
  auto f = [&](std::size_t i) { return x[i]; };
  WindowMoments<L> w;
  w.init(p, f, p);
  for (std::size_t i = p - 1;;) {
    L mid = w.mean();
    L sd = lsqrt(w.variance());
    out[0].set(i, mid + sd * up);
    out[1].set(i, mid);
    out[2].set(i, mid - sd * dn);
    if (++i >= n) break;
    w.step(f, i);
  }
}
HEAN_LANE_KERNELS(bbands)

}  // namespace

HEAN_DEF(bbands){
    "bbands", "Bollinger Bands: SMA middle ± k population standard deviations", 1, {"close"}, 2,
    {HEAN_PERIOD("period", 20, "window length"),
     OptDef{"stdDev", 2, 0, 1e6, false, nullptr, "band width in population standard deviations"}},
    3, {"upper", "middle", "lower"}, bbands_lookback, bbands_s, bbands_v};

// Streaming: state n, pos, since, mean, m2 (moments_stream_slide), ok; outputs from them.
HEAN_STREAM(bbands){6, 5, period_window, moments_constants,
                    [](StreamCtx& c) {
                      clear_moments(c);
                      c.s[5] = 0;
                    },
                    [](StreamCtx& c, const double* x) { c.s[5] = moments_stream_slide(c, x[0]) ? 1 : 0; },
                    [](const StreamCtx& c, double* out) {
                      if (c.s[5] == 0) {
                        out[0] = out[1] = out[2] = kNaN;
                        return;
                      }
                      const double mid = c.s[3], sd = moments_sd(c), k = c.k[2];
                      out[0] = mid + sd * k;
                      out[1] = mid;
                      out[2] = mid - sd * k;
                    }};
}  // namespace hean
