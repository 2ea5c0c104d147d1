// Aroon oscillator (TA-Lib AROONOSC): aroon up - aroon down, computed as TA-Lib does,
// 100/period * (index of the highest high - index of the lowest low) over the last
// period+1 bars (ties: the most recent bar).
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"
#include "hean/series_extremes.hpp"
#include "hean/window_scan.hpp"

namespace hean {
namespace {

std::size_t aroonOsc_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L>
void aroonOsc_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  if constexpr (std::is_same_v<L, double>) {
    // One series: the extremes' indices a chunk at a time, then eight bars at once.
    // Large outputs go out with non-temporal stores (StreamOut).
    const double factor = 100.0 / double(p);
    const StreamOut w(y.p, n);
    auto flush = [&](std::size_t f0, std::size_t held, const double*, const double*, const double* hx, const double* lx) {
      const double *ax = hx - f0, *bx = lx - f0;  // bar i's at ax[i], bx[i]
      put_bars_range(w, y.p, f0 < p ? p : f0, f0 + held,  // the warm-up is already NaN
                     [&](std::size_t i) { return (bars8(ax + i) - bars8(bx + i)) * factor; },
                     [&](std::size_t i) { return (ax[i] - bx[i]) * factor; });
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
  const double factor = 100.0 / double(p);
  for (std::size_t i = 0; i < n; ++i) {
    hh.push(h, i);
    ll.push(l, i);
    if (i >= p) y.set(i, (hh.idx - ll.idx) * factor);
  }
}
HEAN_LANE_KERNELS(aroonOsc)

}  // namespace

HEAN_DEF(aroonOsc){
    "aroonOsc", "Aroon oscillator: aroon up - aroon down, -100..100", 2, {"high", "low"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "look-back in bars (the window holds period + 1 bars)"}},
    1, {"aroonOsc"}, aroonOsc_lookback, aroonOsc_s, aroonOsc_v};

// Streaming: Aroon's state (aroon_stream_step) and out.
HEAN_STREAM(aroonOsc){8, 7, aroon_window, aroon_constants,
                      [](StreamCtx& c) {
                        aroon_clear(c);
                        c.s[7] = kNaN;
                      },
                      [](StreamCtx& c, const double* x) {
                        aroon_stream_step(c, x);
                        c.s[7] = (c.s[5] - c.s[6]) * c.k[1];
                      }};

}  // namespace hean
