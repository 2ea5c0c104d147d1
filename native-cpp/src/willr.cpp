// Williams %R (TA-Lib WILLR): -100 * (highest high - close) / (highest high - lowest low)
// over `period` bars, -100..0; 0 where the range is exactly 0.
#include <vector>

#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t willr_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// One series: BlockExtreme's extremes (blocks of p bars from bar 0, a window = the tail of
// the previous block's suffix extremes + the running extreme of the current block; the
// same compares, ties to the newer bar) written for a chunk of bars, then the ratio for
// eight bars at a time.
void willr_series(const In<double>* in, std::size_t n, std::size_t p, const Out<double>& y) {
  constexpr std::size_t kChunk = 1024;
  std::vector<double> hh(kChunk + p), ll(kChunk + p), sh(p), sl(p);
  std::size_t f0 = 0, held = 0;  // hh/ll[k]: the extremes of bar f0 + k's window
  const auto flush = [&] {
    const double* c = in[2].span(f0, held);
    std::size_t i = f0 < p - 1 ? p - 1 : f0;  // the warm-up is already NaN
    // TA-Lib's operation order: (highest - close) / ((highest - lowest) / -100).
    for (; i + 8 <= f0 + held; i += 8) {
      const V8 h = bars8(&hh[i - f0]), l = bars8(&ll[i - f0]);
      put_bars8(y.p + i, div_nz<V8>(h - bars8(c + (i - f0)), (h - l) / -100.0, 0.0));
    }
    for (; i < f0 + held; ++i) y.set(i, div_nz<double>(hh[i - f0] - c[i - f0], (hh[i - f0] - ll[i - f0]) / -100.0, 0.0));
    f0 += held;
    held = 0;
  };
  for (std::size_t s = 0; s < n; s += p) {
    const std::size_t e = s + p < n ? s + p : n;
    double ph = in[0][s], pl = in[1][s];  // the block's running extremes
    for (std::size_t i = s; i < e; ++i) {
      const double h = in[0][i], l = in[1][i];
      ph = ph > h ? ph : h;
      pl = pl < l ? pl : l;
      const std::size_t k = i - s;
      double vh = ph, vl = pl;
      if (s != 0 && k + 1 < p) {  // the previous block's tail is in the window; the head wins ties
        vh = sh[k + 1] > ph ? sh[k + 1] : ph;
        vl = sl[k + 1] < pl ? sl[k + 1] : pl;
      }
      hh[held] = vh;
      ll[held] = vl;
      ++held;
    }
    if (e - s == p && e < n) {  // this block's suffix extremes, for the next block
      double bh = in[0][e - 1], bl = in[1][e - 1];
      sh[p - 1] = bh;
      sl[p - 1] = bl;
      for (std::size_t k = p - 1; k-- > 0;) {
        const double h = in[0][s + k], l = in[1][s + k];
        bh = h > bh ? h : bh;  // strict: a tie keeps the later bar
        bl = l < bl ? l : bl;
        sh[k] = bh;
        sl[k] = bl;
      }
    }
    if (held >= kChunk) flush();
  }
  if (held != 0) flush();
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
    // TA-Lib's operation order: (highest - close) / ((highest - lowest) / -100).
    if (i + 1 >= p) y.set(i, div_nz<L>(hh.val - in[2][i], (hh.val - ll.val) / -100.0, 0.0));
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
  // TA-Lib's operation order: (highest - close) / ((highest - lowest) / -100).
  s[5] = i + 1 < double(p) ? kNaN : div_nz<double>(hi - cl, (hi - lo) / -100.0, 0.0);
}
}  // namespace

HEAN_STREAM(willr){6, 5, [](const double* o) { return 2 * extreme_window(opt_size(o[0])); }, nullptr,
                   clear_state<6>, willr_stream_step};

}  // namespace hean
