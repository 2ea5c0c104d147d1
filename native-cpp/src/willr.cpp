// Williams %R (TA-Lib WILLR): -100 * (highest high - close) / (highest high - lowest low)
// over `period` bars, -100..0; 0 where the range is exactly 0.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"
#include "hean/series_extremes.hpp"
#include "hean/window_scan.hpp"

namespace hean {
namespace {

std::size_t willr_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// One series: the window extremes a chunk at a time (by doubling for short windows, as
// aroon's), then the ratio for eight bars at once; large outputs by non-temporal stores.
void willr_series(const In<double>* in, std::size_t n, std::size_t p, const Out<double>& y) {
  const StreamOut w(y.p, n);
  series_hl_windows<false>(in[0], in[1], n, p, [&](std::size_t f0, std::size_t held, const double* hh, const double* ll, const double*, const double*) {
    const double *c = in[2].span(f0, held) - f0, *h = hh - f0, *l = ll - f0;  // bar i's at c[i], h[i], l[i]
    // The inputs kPrefetchAhead bars on, a line per eight bars, so the driver's gap scan
    // (which reads the block past each span) finds them in cache: the close, and the high
    // and low unless the windows are scanned (series_hl_scan prefetches those itself).
    const bool hl = p > kScanMax;
    for (std::size_t i = f0; i < f0 + held; i += 8) {
      prefetch_ahead(in[2].p, i, n);
      if (hl) prefetch_ahead(in[0].p, i, n), prefetch_ahead(in[1].p, i, n);
    }
    put_bars_range(w, y.p, f0 < p - 1 ? p - 1 : f0, f0 + held,  // the warm-up is already NaN
                   [&](std::size_t i) { return willr_of<V8>(bars8(c + i), bars8(h + i), bars8(l + i)); },
                   [&](std::size_t i) { return willr_of<double>(c[i], h[i], l[i]); });
  });
}

template <class L>
void willr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  if constexpr (std::is_same_v<L, double>) {
    return willr_series(in, n, p, y);
  }
  BlockExtreme<L, true> hh;
  BlockExtreme<L, false> ll;
  hh.init(p);
  ll.init(p);
  auto h = [&](std::size_t i) { return in[0][i]; };
  auto l = [&](std::size_t i) { return in[1][i]; };
  for (std::size_t i = 0; i < n; ++i) {
    hh.push(h, i);
    ll.push(l, i);
    if (i + 1 >= p) y.set(i, willr_of<L>(in[2][i], hh.val, ll.val));
  }
}
HEAN_LANE_KERNELS(willr)

}  // namespace

HEAN_DEF(willr){
    "willr", "Williams %R, -100..0", 3, {"high", "low", "close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "bars in the highest-high / lowest-low window"}},
    1, {"willr"}, willr_lookback, willr_s, willr_v};

// Streaming: state n, {head, size} of the highs' and of the lows' deques (extreme_push),
// out; the window holds the two deques. The kernel's expression from the two extremes.
namespace {
void willr_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = x[1], cl = x[2];
  if (!(h - h + (l - l) + (cl - cl) == 0)) {
    s[0] = s[1] = s[2] = s[3] = s[4] = 0;
    s[5] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double i = s[0]++;
  const double hi = extreme_push<true>(c, 0, p, s + 1, i, h);
  const double lo = extreme_push<false>(c, extreme_window(p), p, s + 3, i, l);
  s[5] = i + 1 < double(p) ? kNaN : willr_of<double>(cl, hi, lo);
}
}  // namespace

HEAN_STREAM(willr){6, 5, [](const double* o) { return 2 * extreme_window(opt_size(o[0])); }, nullptr,
                   clear_state<6>, willr_stream_step};

}  // namespace hean
