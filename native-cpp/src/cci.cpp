// Commodity channel index (TA-Lib CCI, Lambert): (tp - SMA(tp)) / (0.015 * mean absolute
// deviation of tp), tp = (high + low + close) / 3, over `period` bars; 0 where the
// numerator or the mean deviation is within 1e-14 of |SMA| (TA-Lib 0.8.1's scaled test: a
// flat window's SMA can be an ulp off its prices, and that residue is no deviation). The mean deviation needs the whole window each
// bar (O(period) a bar, as in TA-Lib): over many series the lanes are series and typical
// prices are kept in a ring; over one series the lanes are eight consecutive bars (each
// lane the scalar order, so the same bits), over a chunk of typical prices.
#include <cstring>

#include "hean/bars8.hpp"
#include "hean/kernel.hpp"
#include "hean/scratch.hpp"

namespace hean {
namespace {

std::size_t cci_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// The CCI from the window's average, summed absolute deviation and the latest minus the
// average: every path (lanes of bars, lanes of series, the stream) ends here.
template <class L>
HEAN_INLINE L cci_value(L avg, L dev, L num, std::size_t p) {
  const L zero = splat<L>(0.0);
  const L md = dev / double(p);
  const L scale = lfabs(avg);
  const auto ok = above_scaled(md, scale);
  const L v = num / lsel(ok, md * 0.015, splat<L>(1.0));
  return lsel(above_scaled(num, scale), lsel(ok, v, zero), zero);
}

// One bar (or eight consecutive bars as lanes) from its window w[0..p) of typical prices,
// oldest first; the latest is w[p - 1]. The streaming step does the same operations.
template <class L, class Load>
HEAN_INLINE L cci_bar(std::size_t p, Load w) {
  const L zero = splat<L>(0.0);
  L avg = zero;
  for (std::size_t j = 0; j < p; ++j) avg = avg + w(j);
  avg = avg / double(p);
  L dev = zero;
  for (std::size_t j = 0; j < p; ++j) dev = dev + lfabs(w(j) - avg);
  return cci_value<L>(avg, dev, w(p - 1) - avg, p);
}

// One series: typical prices of a chunk of bars (behind them the previous p - 1) in a
// linear buffer, so a lane's window is eight doubles loaded at one offset.
void cci_series(const In<double>* in, std::size_t n, std::size_t p, const Out<double>& y) {
  constexpr std::size_t kChunk = 1024;
  // buf holds at most p - 1 + kChunk bars, and never more than the series
  const std::size_t cap = p - 1 + kChunk;
  const Scratch<double, 1024> buf(n < cap ? n : cap);
  std::size_t lo = 0, hi = 0;  // buf[0 .. hi - lo) holds the typical prices of bars [lo, hi)
  // Large outputs by non-temporal stores: the first chunk ends on a line boundary, so every
  // later one starts on one; the first's bars up to a boundary go out ordinarily.
  const StreamOut so(y.p, n);
  const auto put8 = [&](double* q, V8 v) { so.on ? stream_bars8(q, v) : put_bars8(q, v); };
  while (hi < n) {
    const std::size_t most = hi == 0 && so.lead ? kChunk - 8 + so.lead : kChunk;
    const std::size_t m = n - hi < most ? n - hi : most;
    const double *h = in[0].span(hi, m), *l = in[1].span(hi, m), *c = in[2].span(hi, m);
    double* t = buf.data() + (hi - lo);
    for (std::size_t k = 0; k < m; ++k) t[k] = (h[k] + l[k] + c[k]) / 3.0;
    std::size_t i = hi < p - 1 ? p - 1 : hi;  // the chunk's first bar with a full window
    hi += m;
    // buf[k] is bar lo + k's typical price; bar i's window starts at buf[i - (p - 1) - lo].
    for (; so.on && i < hi && reinterpret_cast<std::uintptr_t>(y.p + i) % 64 != 0; ++i) {
      const double* w = buf.data() + (i - (p - 1) - lo);
      y.set(i, cci_bar<double>(p, [w](std::size_t j) { return w[j]; }));
    }
    for (; i + 16 <= hi; i += 16) {
      const double* w = buf.data() + (i - (p - 1) - lo);
      // Two groups of eight bars interleaved: two independent chains per sum.
      const V8 zero = splat<V8>(0.0);
      V8 a0 = zero, a1 = zero;
      for (std::size_t j = 0; j < p; ++j) {
        a0 = a0 + bars8(w + j);
        a1 = a1 + bars8(w + 8 + j);
      }
      a0 = a0 / double(p);
      a1 = a1 / double(p);
      V8 d0 = zero, d1 = zero;
      for (std::size_t j = 0; j < p; ++j) {
        d0 = d0 + lfabs(bars8(w + j) - a0);
        d1 = d1 + lfabs(bars8(w + 8 + j) - a1);
      }
      put8(y.p + i, cci_value<V8>(a0, d0, bars8(w + p - 1) - a0, p));
      put8(y.p + i + 8, cci_value<V8>(a1, d1, bars8(w + 8 + p - 1) - a1, p));
    }
    for (; i + 8 <= hi; i += 8) {
      const double* w = buf.data() + (i - (p - 1) - lo);
      put8(y.p + i, cci_bar<V8>(p, [w](std::size_t j) { return bars8(w + j); }));
    }
    for (; i < hi; ++i) {
      const double* w = buf.data() + (i - (p - 1) - lo);
      y.set(i, cci_bar<double>(p, [w](std::size_t j) { return w[j]; }));
    }
    if (hi < n && hi - lo > p - 1) {  // keep the last p - 1 typical prices
      std::memmove(buf.data(), buf.data() + (hi - lo) - (p - 1), (p - 1) * sizeof(double));
      lo = hi - (p - 1);
    }
  }
}

template <class L>
void cci_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  if constexpr (std::is_same_v<L, double>) {
    return cci_series(in, n, p, y);
  }
  const L zero = splat<L>(0.0);
  Ring<L> tp;
  tp.init(p);
  for (std::size_t i = 0; i < n; ++i) {
    const L last = (in[0][i] + in[1][i] + in[2][i]) / 3.0;
    tp[i] = last;
    if (i + 1 < p) continue;
    L avg = zero;
    for (std::size_t j = i + 1 - p; j <= i; ++j) avg = avg + tp[j];
    avg = avg / double(p);
    L dev = zero;
    // fabs: labs would keep a -0 term, but from a +0 start the sum is the same either way.
    for (std::size_t j = i + 1 - p; j <= i; ++j) dev = dev + lfabs(tp[j] - avg);
    y.set(i, cci_value<L>(avg, dev, last - avg, p));
  }
}
HEAN_LANE_KERNELS(cci)

}  // namespace

HEAN_DEF(cci){
    "cci", "Commodity channel index", 3, {"high", "low", "close"}, 1,
    {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "window length of the typical price's SMA and mean deviation"}},
    1, {"cci"}, cci_lookback, cci_s, cci_v};

// Streaming: state n, pos (ring slot of the oldest typical price), out; the window is the
// ring of typical prices, summed oldest first as the kernel does.
namespace {
void cci_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, pos, out
  if (any_gap<3>(x)) {
    s[0] = s[1] = 0;
    s[2] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double last = (x[0] + x[1] + x[2]) / 3.0;
  const std::size_t pos = std::size_t(s[1]);
  c.put(pos, last);
  const std::size_t o = pos + 1 == p ? 0 : pos + 1;  // the oldest
  s[1] = double(o);
  if (++s[0] < double(p)) {
    s[2] = kNaN;
    return;
  }
  const double* w = c.w;
  double avg = 0.0;
  for (std::size_t j = o; j < p; ++j) avg = avg + w[j];
  for (std::size_t j = 0; j < o; ++j) avg = avg + w[j];
  avg = avg / double(p);
  double dev = 0.0;
  for (std::size_t j = o; j < p; ++j) dev = dev + lfabs(w[j] - avg);
  for (std::size_t j = 0; j < o; ++j) dev = dev + lfabs(w[j] - avg);
  s[2] = cci_value<double>(avg, dev, last - avg, p);
}
}  // namespace

HEAN_STREAM(cci){3, 2, period_window, nullptr, clear_state<3>, cci_stream_step};

}  // namespace hean
