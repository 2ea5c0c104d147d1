// Aroon (TA-Lib AROON, Chande): over the last period+1 bars,
// up = 100/period * (period - bars since the highest high), down likewise for the lowest
// low; on ties the most recent bar counts.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"
#include "hean/series_extremes.hpp"
#include "hean/window_scan.hpp"

namespace hean {
namespace {

std::size_t aroon_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L>
void aroon_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  if (n <= p) {
    fill_nan(out[0], 0, n);
    fill_nan(out[1], 0, n);
    return;
  }
  fill_nan(out[0], 0, p);
  fill_nan(out[1], 0, p);
  if constexpr (std::is_same_v<L, double>) {
    // One series: the extremes' indices a chunk at a time, then eight bars at once.
    const double factor = 100.0 / double(p), dp = double(p);
    auto flush = [&](std::size_t f0, std::size_t held, const double*, const double*, const double* hx, const double* lx) {
      std::size_t i = f0 < p ? p : f0;  // the warm-up is already NaN
      for (; i + 8 <= f0 + held; i += 8) {
        const double at[8] = {double(i), double(i + 1), double(i + 2), double(i + 3),
                              double(i + 4), double(i + 5), double(i + 6), double(i + 7)};
        const V8 now = bars8(at);
        put_bars8(out[0].p + i, (dp - (now - bars8(lx + (i - f0)))) * factor);
        put_bars8(out[1].p + i, (dp - (now - bars8(hx + (i - f0)))) * factor);
      }
      for (; i < f0 + held; ++i) {
        out[0].set(i, (dp - (double(i) - lx[i - f0])) * factor);
        out[1].set(i, (dp - (double(i) - hx[i - f0])) * factor);
      }
    };
    series_hl_windows<true>(in[0], in[1], n, p + 1, flush);
    return;
  }
  BlockExtreme<L, true, true> hh;
  BlockExtreme<L, false, true> ll;
  hh.init(p + 1);
  ll.init(p + 1);
  auto h = [&](std::size_t i) { return in[0][i]; };
  auto l = [&](std::size_t i) { return in[1][i]; };
  const double factor = 100.0 / double(p), dp = double(p);
  for (std::size_t i = 0; i < n; ++i) {
    hh.push(h, i);
    ll.push(l, i);
    if (i < p) continue;
    const L now = splat<L>(double(i));
    // The bar counts are exact integers in doubles, so this is TA-Lib's integer formula.
    out[0].set(i, (dp - (now - ll.idx)) * factor);
    out[1].set(i, (dp - (now - hh.idx)) * factor);
  }
}
HEAN_LANE_KERNELS(aroon)


}  // namespace

HEAN_DEF(aroon){
    "aroon", "Aroon down/up: recency of the lowest low and highest high, 0..100", 2, {"high", "low"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "look-back in bars (the window holds period + 1 bars)"}},
    2, {"down", "up"}, aroon_lookback, aroon_s, aroon_v};

HEAN_STREAM(aroon){7, 5, aroon_window, aroon_constants, aroon_clear, aroon_stream_step,
                   [](const StreamCtx& c, double* out) {
                     const double* s = c.s;
                     // The bar counts are exact integers in doubles: the kernel's formula.
                     const double now = s[0] - 1, dp = c.o[0];
                     out[0] = (dp - (now - s[6])) * c.k[1];
                     out[1] = (dp - (now - s[5])) * c.k[1];
                   }};

}  // namespace hean
