// Rolling population variance (TA-Lib VAR): the mean squared deviation from the window
// mean, by WindowMoments (Welford slide, exact re-sum every max(8p, 128) bars; the same
// moments as stddev and bbands; one series runs eight re-sum segments at once). TA-Lib's
// nbDev option does not change VAR, so there is none here.
#include "hean/kernel.hpp"
#include "hean/series_segments.hpp"

namespace hean {
namespace {

std::size_t variance_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void variance_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  auto run = [&]<class M>(const In<M>& xs, const Out<M>& ys, std::size_t count) {
    auto f = [&](std::size_t i) { return xs[i]; };
    WindowMoments<M> w;
    w.init(p, f, p);
    for (std::size_t i = p - 1;;) {
      ys.set(i - (p - 1), w.variance());
      if (++i >= count + (p - 1)) break;
      w.step(f, i);
    }
  };
  if constexpr (std::is_same_v<L, double>) {
    // One series: eight re-sum segments at once (series_segments).
    return series_segments<1, 1>(in, out, p - 1, n, p - 1, resum_every(p, 128),
                                 [&](const auto* xs, const auto* ys, std::size_t count) { run(xs[0], ys[0], count); });
  }
  run(x, Out<L>{y.p + (p - 1), y.stride}, n - (p - 1));
}
HEAN_LANE_KERNELS(variance)

}  // namespace

HEAN_DEF(variance){
    "variance", "Rolling population variance", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 5, "window length")}, 1, {"variance"}, variance_lookback, variance_s, variance_v};

// Streaming: state n, pos, since, mean, m2 (moments_stream_slide), out.
HEAN_STREAM(variance){6, 5, period_window,
                      [](const double* o, double* k) {
                        k[0] = 1.0 / double(opt_size(o[0]));
                        k[1] = double(resum_every(opt_size(o[0]), 128));
                      },
                      [](StreamCtx& c) {
                        clear_moments(c);
                        c.s[5] = kNaN;
                      },
                      [](StreamCtx& c, const double* x) {
                        c.s[5] = moments_stream_slide(c, x[0]) ? lmax(c.s[4] * c.k[0], 0.0) : kNaN;
                      }};

}  // namespace hean
