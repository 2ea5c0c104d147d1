// Rolling population variance (TA-Lib VAR): the mean squared deviation from the window
// mean, by FlatMoments (Welford slide, exact re-sum every max(8p, 128) bars, exactly 0 on
// a constant window; the same moments as stddev and bbands; one series runs eight re-sum
// segments at once). TA-Lib's
// nbDev option does not change VAR, so there is none here.
#include "hean/kernel.hpp"
#include "hean/window_variance.hpp"

namespace hean {
namespace {

std::size_t variance_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void variance_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  window_variance_kernel(in, n, opt_size(o[0]), out, [](auto v) { return v; });
}
HEAN_LANE_KERNELS(variance)

}  // namespace

HEAN_DEF(variance){
    "variance", "Rolling population variance", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 5, "window length")}, 1, {"variance"}, variance_lookback, variance_s, variance_v};

// Streaming: state n, pos, since, mean, m2 (moments_stream_slide, _settle), out.
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
                        if (!moments_stream_slide(c, x[0])) {
                          c.s[5] = kNaN;
                          return;
                        }
                        moments_stream_settle(c, x[0]);
                        c.s[5] = lmax(c.s[4] * c.k[0], 0.0);
                      }};

}  // namespace hean
