// Midpoints of a window's range (TA-Lib MIDPOINT, MIDPRICE): (highest + lowest) / 2 over
// `period` bars, of one series (MIDPOINT) or of the highs and the lows (MIDPRICE). The
// extremes are BlockExtreme's (O(1) a bar, exact).
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t mid_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// hi_in / lo_in: the inputs whose highest / lowest are taken.
template <class L>
HEAN_INLINE void mid_run(const In<L>& hi_in, const In<L>& lo_in, std::size_t n, const double* o, const Out<L>& y) {
  const std::size_t p = opt_size(o[0]);
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  if constexpr (std::is_same_v<L, double>) {
    // One series: the window extremes a chunk at a time, then eight bars at once.
    return series_hl_extremes<false>(hi_in, lo_in, n, p, [&](std::size_t f0, std::size_t held, const double* hh, const double* ll, const double*, const double*) {
      std::size_t i = f0 < p - 1 ? p - 1 : f0;  // the warm-up is already NaN
      for (; i + 8 <= f0 + held; i += 8) put_bars8(y.p + i, (bars8(hh + (i - f0)) + bars8(ll + (i - f0))) / 2.0);
      for (; i < f0 + held; ++i) y.set(i, (hh[i - f0] + ll[i - f0]) / 2.0);
    });
  }
  BlockExtreme<L, true> hh;
  BlockExtreme<L, false> ll;
  hh.init(p);
  ll.init(p);
  auto h = [&](std::size_t i) { return hi_in[i]; };
  auto l = [&](std::size_t i) { return lo_in[i]; };
  for (std::size_t i = 0; i < n; ++i) {
    hh.push(h, i);
    ll.push(l, i);
    if (i + 1 >= p) y.set(i, (hh.val + ll.val) / 2.0);
  }
}

template <class L>
void midpoint_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  mid_run<L>(in[0], in[0], n, o, out[0]);
}
template <class L>
void midprice_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  mid_run<L>(in[0], in[1], n, o, out[0]);
}
HEAN_LANE_KERNELS(midpoint)
HEAN_LANE_KERNELS(midprice)

}  // namespace

HEAN_DEF(midpoint){
    "midpoint", "Midpoint of the window: (highest + lowest) / 2", 1, {"close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "window length"}},
    1, {"midpoint"}, mid_lookback, midpoint_s, midpoint_v};
HEAN_DEF(midprice){
    "midprice", "Midpoint price of the window: (highest high + lowest low) / 2", 2, {"high", "low"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "window length"}},
    1, {"midprice"}, mid_lookback, midprice_s, midprice_v};

// Streaming: state n, {head, size} of the highest's deque and of the lowest's
// (extreme_push, the kernel's BlockExtreme values), out; the window holds the two deques.
namespace {
template <bool Two>
void mid_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = Two ? x[1] : x[0];
  if (Two ? any_gap<2>(x) : is_gap(h)) {
    s[0] = s[1] = s[2] = s[3] = s[4] = 0;
    s[5] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double i = s[0]++;
  const double hi = extreme_push<true>(c, 0, p, s + 1, i, h);
  const double lo = extreme_push<false>(c, extreme_window(p), p, s + 3, i, l);
  s[5] = i + 1 < double(p) ? kNaN : (hi + lo) / 2.0;
}
std::size_t mid_window(const double* o) { return 2 * extreme_window(opt_size(o[0])); }
}  // namespace

HEAN_STREAM(midpoint){6, 5, mid_window, nullptr, clear_state<6>, mid_stream_step<false>};
HEAN_STREAM(midprice){6, 5, mid_window, nullptr, clear_state<6>, mid_stream_step<true>};

}  // namespace hean
