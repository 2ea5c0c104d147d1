// Donchian channels: upper = highest high, lower = lowest low of the last `period` bars,
// middle = their midpoint.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t donchian_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void donchian_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  if (n < p) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, p - 1);
  if constexpr (std::is_same_v<L, double>) {
    // One series: the window extremes a chunk at a time, then eight bars at once.
    return series_hl_extremes<false>(in[0], in[1], n, p, [&](std::size_t f0, std::size_t held, const double* hh, const double* ll, const double*, const double*) {
      std::size_t i = f0 < p - 1 ? p - 1 : f0;  // the warm-up is already NaN
      for (; i + 8 <= f0 + held; i += 8) {
        const V8 h = bars8(hh + (i - f0)), l = bars8(ll + (i - f0));
        put_bars8(out[0].p + i, h);
        put_bars8(out[1].p + i, (h + l) * 0.5);
        put_bars8(out[2].p + i, l);
      }
      for (; i < f0 + held; ++i) {
        out[0].set(i, hh[i - f0]);
        out[1].set(i, (hh[i - f0] + ll[i - f0]) * 0.5);
        out[2].set(i, ll[i - f0]);
      }
    });
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
    if (i + 1 < p) continue;
    out[0].set(i, hh.val);
    out[1].set(i, (hh.val + ll.val) * 0.5);
    out[2].set(i, ll.val);
  }
}
HEAN_LANE_KERNELS(donchian)

}  // namespace

HEAN_DEF(donchian){
    "donchian", "Donchian channels: highest high, lowest low and their midpoint", 2, {"high", "low"}, 1,
    {HEAN_PERIOD("period", 20, "window length")},
    3, {"upper", "middle", "lower"}, donchian_lookback, donchian_s, donchian_v};

// Streaming: state n, the deques' heads and sizes (extremes_push), ok; the window holds the
// max and min deques of the last `period` bars.
HEAN_STREAM(donchian){6, 5, [](const double* o) { return window_len(4.0 * (double(deque_mask(opt_size(o[0]))) + 1)); },
                      [](const double* o, double* k) { k[0] = double(deque_mask(opt_size(o[0]))); },
                      [](StreamCtx& c) { for (int i = 0; i < 6; ++i) c.s[i] = 0; },
                      [](StreamCtx& c, const double* x) {
                        double* s = c.s;  // n, hh, hs, lh, ls, ok
                        if (any_gap<2>(x)) {
                          for (int i = 0; i < 6; ++i) s[i] = 0;
                          return;
                        }
                        const double p = c.o[0];
                        const double i = s[0]++;
                        extremes_push(c, s + 1, 0, std::size_t(c.k[0]), p, i, x[0], x[1]);
                        s[5] = i + 1 >= p ? 1 : 0;
                      },
                      [](const StreamCtx& c, double* out) {
                        if (c.s[5] == 0) {
                          out[0] = out[1] = out[2] = kNaN;
                          return;
                        }
                        const double hi = extremes_high(c, c.s + 1, 0), lo = extremes_low(c, c.s + 1, 0, std::size_t(c.k[0]));
                        out[0] = hi;
                        out[1] = (hi + lo) * 0.5;
                        out[2] = lo;
                      }};

}  // namespace hean
