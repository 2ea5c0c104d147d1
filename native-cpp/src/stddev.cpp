// Rolling population standard deviation (TA-Lib STDDEV), scaled by stdDev (TA-Lib's nbDev).
#include "hean/kernel.hpp"
#include "hean/series_segments.hpp"

namespace hean {
namespace {

std::size_t stddev_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void stddev_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const double nb = o[1];
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  auto run = [&]<class M>(const In<M>& xs, const Out<M>& ys, std::size_t count) {
    auto f = [&](std::size_t i) { return xs[i]; };
    WindowMoments<M> w;
    w.init(p, f, p);
    for (std::size_t i = p - 1;;) {
      ys.set(i - (p - 1), lsqrt(w.variance()) * nb);
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
HEAN_LANE_KERNELS(stddev)

}  // namespace

HEAN_DEF(stddev){
    "stddev", "Rolling population standard deviation", 1, {"close"}, 2,
    {HEAN_PERIOD("period", 20, "window length"),
     OptDef{"stdDev", 1, 0, 1e6, false, nullptr, "multiplier applied to the deviation (as bbands' stdDev)"}},
    1, {"stddev"}, stddev_lookback, stddev_s, stddev_v};

// Streaming: state n, pos, since, mean, m2 (moments_stream_slide), out.
HEAN_STREAM(stddev){6, 5, period_window, moments_constants,
                    [](StreamCtx& c) {
                      clear_moments(c);
                      c.s[5] = kNaN;
                    },
                    [](StreamCtx& c, const double* x) { c.s[5] = moments_stream_slide(c, x[0]) ? moments_sd(c) * c.k[2] : kNaN; }};
}  // namespace hean
