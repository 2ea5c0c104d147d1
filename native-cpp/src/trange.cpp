// True range (TA-Lib TRANGE): max(high-low, |high-prevClose|, |low-prevClose|), from bar 1.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t trange_lookback(const double*, int) { return 1; }

template <class L>
void trange_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  const Out<L>& y = out[0];
  fill_nan(y, 0, n < 1 ? n : 1);
  if constexpr (std::is_same_v<L, double>) {
    // One series: eight bars at once from spans (the per-read gap check kept the loop
    // scalar, ~3x the reads' time); bar i is bar i - 1 of the shifted output and reads
    // the close before it. The same operations per bar, so the same bits.
    if (n < 2) return;
    const auto spans = [&](std::size_t i0, std::size_t m, const double** xs) {
      xs[0] = in[0].span(i0 + 1, m);
      xs[1] = in[1].span(i0 + 1, m);
      xs[2] = in[2].span(i0, m);
    };
    return pointwise_spans<3>(n - 1, Out<double>{y.p + 1, y.stride}, spans,
                              [](auto h, auto l, auto pc) { return true_range_of<decltype(h)>(h, l, pc); });
  }
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
