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

// Streaming: state n, pc (previous close), msum, asum (the seeds' sums), mid (EMA of
// close), atr (Wilder), ok; the kernel's seeds and Ema steps, the bands from them.
// Constants: the EMA's and the Wilder average's k and a, the lookback.
namespace {
void keltner_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, pc, msum, asum, mid, atr, ok
  if (any_gap<3>(x)) {
    s[0] = s[2] = s[3] = s[6] = 0;
    return;
  }
  const double* k = c.k;
  const double cl = x[2];
  const double i = s[0]++;
  const double p = c.o[0], ap = c.o[2];
  if (i < p) {
    s[2] = s[2] + cl;
    if (i == p - 1) s[4] = s[2] / p;
  } else {
    s[4] = Ema<double>::make(k[0], k[1]).step(s[4], cl);
  }
  if (i >= 1) {
    const double tr = true_range_of<double>(x[0], x[1], s[1]);
    if (i <= ap) {
      s[3] = s[3] + tr;
      if (i == ap) s[5] = s[3] / ap;
    } else {
      s[5] = Ema<double>::make(k[2], k[3]).step(s[5], tr);
    }
  }
  s[1] = cl;
  s[6] = i >= k[4] ? 1 : 0;
}
void keltner_outputs(const StreamCtx& c, double* out) {
  const double* s = c.s;
  if (s[6] == 0) {
    out[0] = out[1] = out[2] = kNaN;
    return;
  }
  const double band = s[5] * c.o[1];
  out[0] = s[4] + band;
  out[1] = s[4];
  out[2] = s[4] - band;
}
}  // namespace

HEAN_STREAM(keltner){7, 6, no_window,
                     [](const double* o, double* k) {
                       const Ema<double> e = Ema<double>::with_period(opt_size(o[0])), w = Ema<double>::wilder(opt_size(o[2]));
                       k[0] = e.k, k[1] = e.a, k[2] = w.k, k[3] = w.a;
                       k[4] = double(keltner_lookback(o, 0));
                     },
                     [](StreamCtx& c) { for (int i = 0; i < 7; ++i) c.s[i] = 0; }, keltner_stream_step, keltner_outputs};

}  // namespace hean
