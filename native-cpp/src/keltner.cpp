// Keltner channels (the modern, Raschke form): middle = EMA(close, period) (SMA-seeded,
// as TA-Lib EMA), upper/lower = middle ± multiplier * ATR(atrPeriod) (TA-Lib ATR: Wilder,
// seeded with the mean TR of bars 1..atrPeriod). All three start at
// max(period - 1, atrPeriod).
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t keltner_lookback(const double* o, int) {
  const std::size_t a = opt_size(o[0]) - 1, b = opt_size(o[2]);
  return a > b ? a : b;
}

template <class L>
void keltner_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]), ap = opt_size(o[2]);
  const double m = o[1];
  const std::size_t lb = keltner_lookback(o, 0);
  if (n <= lb) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, lb);
  const In<L>& x = in[2];
  auto tr = [&](std::size_t i) { return true_range<L>(in, i); };
  const Ema<L> e = Ema<L>::with_period(p), w = Ema<L>::wilder(ap);
  L mid = sma_seed<L>([&](std::size_t i) { return x[i]; }, 0, p);
  for (std::size_t i = p; i <= lb; ++i) mid = e.step(mid, x[i]);
  L atr = sma_seed<L>(tr, 1, ap);
  for (std::size_t i = ap + 1; i <= lb; ++i) atr = w.step(atr, tr(i));
  for (std::size_t i = lb;;) {
    const L band = atr * m;
    out[0].set(i, mid + band);
    out[1].set(i, mid);
    out[2].set(i, mid - band);
    if (++i >= n) break;
    mid = e.step(mid, x[i]);
    atr = w.step(atr, tr(i));
  }
}
HEAN_LANE_KERNELS(keltner)

}  // namespace

HEAN_DEF(keltner){
    "keltner", "Keltner channels: EMA middle ± multiplier * ATR", 3, {"high", "low", "close"}, 3,
    {HEAN_PERIOD("period", 20, "EMA period of the middle line"),
     OptDef{"multiplier", 2, 0, 1e6, false, nullptr, "band width in ATRs"},
     HEAN_PERIOD("atrPeriod", 10, "ATR (Wilder) period")},
    3, {"upper", "middle", "lower"}, keltner_lookback, keltner_s, keltner_v};

}  // namespace hean
