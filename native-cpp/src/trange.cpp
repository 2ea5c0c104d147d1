// True range (TA-Lib TRANGE): max(high-low, |high-prevClose|, |low-prevClose|), from bar 1.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t trange_lookback(const double*, int) { return 1; }

template <class L>
void trange_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  const Out<L>& y = out[0];
  fill_nan(y, 0, n < 1 ? n : 1);
  for (std::size_t i = 1; i < n; ++i) y.set(i, true_range<L>(in, i));
}
HEAN_LANE_KERNELS(trange)

}  // namespace

HEAN_DEF(trange){
    "trange", "True range", 3, {"high", "low", "close"}, 0, {}, 1, {"trange"}, trange_lookback, trange_s,
    trange_v};

// Streaming: state n, pc, then v, cur, tr0 (unused here; the snapshot layout of the range
// streams), out.
HEAN_STREAM(trange){6, 5, no_window, nullptr, range_clear, [](StreamCtx& c, const double* x) {
                      double tr;
                      if (range_stream_bar(c, x, 5, tr)) c.s[5] = tr;
                    }};

}  // namespace hean
