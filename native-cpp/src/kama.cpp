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

}  // namespace hean
