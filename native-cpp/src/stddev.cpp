// Rolling population standard deviation (TA-Lib STDDEV), scaled by stdDev (TA-Lib's nbDev).
#include "hean/kernel.hpp"
#include "hean/window_variance.hpp"

namespace hean {
namespace {

std::size_t stddev_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void stddev_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const double nb = o[1];
  window_variance_kernel(in, n, opt_size(o[0]), out, [nb](auto v) { return lsqrt(v) * nb; });
}
HEAN_LANE_KERNELS(stddev)

}  // namespace

HEAN_DEF(stddev){
    "stddev", "Rolling population standard deviation", 1, {"close"}, 2,
    {HEAN_PERIOD("period", 20, "window length"),
     OptDef{"stdDev", 1, 0, 1e6, false, nullptr, "multiplier applied to the deviation (as bbands' stdDev)"}},
    1, {"stddev"}, stddev_lookback, stddev_s, stddev_v};

// Streaming: state n, pos, since, mean, m2 (moments_stream_slide, _settle), out.
HEAN_STREAM(stddev){6, 5, period_window, moments_constants,
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
                      c.s[5] = moments_sd(c) * c.k[2];
                    }};
}  // namespace hean
