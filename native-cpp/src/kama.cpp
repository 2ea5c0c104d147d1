// Kaufman adaptive moving average (TA-Lib KAMA). The efficiency ratio
// er = |close - close[period]| / sum of |1-bar changes| over `period` sets the smoothing
// constant sc = (er * (2/(fast+1) - 2/(slow+1)) + 2/(slow+1))^2, and
// kama += (close - kama) * sc. As TA-Lib: the first value is at index `period`, stepped
// from close[period-1]; er = 1 when the change sum is TA-Lib-zero or <= the net change.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t kama_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L>
void kama_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  // With the defaults these are TA-Lib's constants 2/(30+1) and 2/(2+1) - 2/(30+1).
  const double slow_k = 2.0 / (o[2] + 1.0);
  const double diff = 2.0 / (o[1] + 1.0) - slow_k;
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  auto chg = [&](std::size_t i) { return labs(x[i] - x[i - 1]); };
  WindowSum<L> s;
  s.init(p, chg, p + 1);
  L kama = x[p - 1];
  for (std::size_t i = p;;) {
    const L roc = x[i] - x[i - p];
    const L er = lsel(lgt(s.sum, roc), labs(div_or<L>(roc, s.sum, 1.0)), splat<L>(1.0));
    L sc = er * diff + slow_k;
    sc = sc * sc;
    kama = (x[i] - kama) * sc + kama;
    y.set(i, kama);
    if (++i >= n) break;
    s.step(chg, i);
  }
}
HEAN_LANE_KERNELS(kama)

}  // namespace

HEAN_DEF(kama){
    "kama", "Kaufman adaptive moving average", 1, {"close"}, 3,
    {HEAN_PERIOD("period", 10, "efficiency-ratio window (price changes)"),
     OptDef{"fast", 2, 1, kMaxPeriod, true, nullptr, "fastest EMA period; sc at er = 1 is (2/(fast+1))^2"},
     OptDef{"slow", 30, 1, kMaxPeriod, true, nullptr, "slowest EMA period; sc at er = 0 is (2/(slow+1))^2"}},
    1, {"kama"}, kama_lookback, kama_s, kama_v};

// Streaming: state n, hot (bars before the next exact re-sum of the change sum), prev
// (close), pos (close ring, slots 0 .. p-1: the close p bars back), cpos (change ring, slots
// p .. 2p-1), sum (the WindowSum of the changes), kama, out; the kernel's re-sum schedule
// (at index p, then every resum_every(p, 1024) bars) and smoothing. Constants: slow k, the
// fast-slow difference, the re-sum period.
namespace {
HEAN_INLINE void kama_smooth(StreamCtx& c, double v, double old) {
  double* s = c.s;
  const double roc = v - old;
  const double er = lsel(lgt(s[5], roc), labs(div_or<double>(roc, s[5], 1.0)), 1.0);
  double sc = er * c.k[1] + c.k[0];
  sc = sc * sc;
  s[7] = s[6] = (v - s[6]) * sc + s[6];
}
void kama_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, hot, prev, pos, cpos, sum, kama, out
  const double v = x[0];
  const std::size_t p = opt_size(c.o[0]);
  if (s[1] > 0 && !is_gap(v)) {
    // Warmed up and no re-sum due: the WindowSum step (what the general path below does
    // for such a bar, without its bookkeeping).
    s[1] -= 1;
    s[0] += 1;
    const double prev = s[2];
    s[2] = v;
    const double old = ring_put(c, 0, p, s[3], v);
    const double ch = labs(v - prev);
    const double old_c = ring_put(c, p, p, s[4], ch);
    s[5] = s[5] + (ch - old_c);
    return kama_smooth(c, v, old);
  }
  s[1] = 0;
  s[7] = kNaN;
  if (is_gap(v)) {
    s[0] = s[3] = s[4] = 0;
    return;
  }
  const double i = s[0]++;
  const double prev = s[2];
  s[2] = v;
  const double old = ring_put(c, 0, p, s[3], v);
  if (i == 0) return;
  const double ch = labs(v - prev);
  const double old_c = ring_put(c, p, p, s[4], ch);
  if (i < double(p)) return;
  if (i == double(p)) s[6] = prev;
  const double every = c.k[2];
  const double since = std::fmod(i - double(p), every);  // (rare: at most once per re-sum period)
  if (since == 0) {
    s[5] = ring_sum(c.w + p, p, std::size_t(s[4]));  // oldest first
  } else {
    s[5] = s[5] + (ch - old_c);
  }
  kama_smooth(c, v, old);
  s[1] = every - 1 - since;
}
}  // namespace

HEAN_STREAM(kama){8, 7, [](const double* o) { return 2 * opt_size(o[0]); },
                  [](const double* o, double* k) {
                    k[0] = 2.0 / (o[2] + 1.0);
                    k[1] = 2.0 / (o[1] + 1.0) - k[0];
                    k[2] = double(resum_every(opt_size(o[0]), 1024));
                  },
                  clear_state<8>, kama_stream_step};

}  // namespace hean
