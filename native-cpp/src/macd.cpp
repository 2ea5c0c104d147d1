// MACD (TA-Lib MACD): fast EMA - slow EMA, its EMA as the signal, and their difference.
// As in TA-Lib both EMAs are aligned to produce their first value at index slow-1 (the
// fast one seeded with the SMA of close[slow-fast .. slow-1]), the signal is SMA-seeded,
// and all three outputs start at slow+signal-2. fast > slow is swapped, as TA-Lib does.
#include "hean/kernel.hpp"

namespace hean {
namespace {

void macd_periods(const double* o, std::size_t& fast, std::size_t& slow, std::size_t& sig) {
  fast = opt_size(o[0]);
  slow = opt_size(o[1]);
  sig = opt_size(o[2]);
  if (slow < fast) std::swap(fast, slow);
}

std::size_t macd_lookback(const double* o, int) {
  std::size_t f, s, g;
  macd_periods(o, f, s, g);
  return s + g - 2;
}

template <class L>
void macd_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  std::size_t fp, sp, gp;
  macd_periods(o, fp, sp, gp);
  const std::size_t lb = sp + gp - 2;
  const In<L>& x = in[0];
  if (n <= lb) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, lb);
  auto px = [&](std::size_t i) { return x[i]; };
  const Ema<L> ef = Ema<L>::with_period(fp), es = Ema<L>::with_period(sp), eg = Ema<L>::with_period(gp);
  L fast = sma_seed<L>(px, sp - fp, fp);
  L slow = sma_seed<L>(px, 0, sp);
  // The signal's seed is the mean of the first gp MACD values, summed in order.
  L m = fast - slow;
  L acc = m;
  std::size_t i = sp;
  for (; i <= lb; ++i) {
    fast = ef.step(fast, x[i]);
    slow = es.step(slow, x[i]);
    m = fast - slow;
    acc = acc + m;
  }
  L sig = acc / double(gp);
  out[0].set(lb, m);
  out[1].set(lb, sig);
  out[2].set(lb, m - sig);
  for (; i < n; ++i) {
    fast = ef.step(fast, x[i]);
    slow = es.step(slow, x[i]);
    m = fast - slow;
    sig = eg.step(sig, m);
    out[0].set(i, m);
    out[1].set(i, sig);
    out[2].set(i, m - sig);
  }
}
HEAN_LANE_KERNELS(macd)

}  // namespace

HEAN_DEF(macd){
    "macd", "Moving average convergence/divergence (TA-Lib MACD)", 1, {"close"}, 3,
    {OptDef{"fast", 12, 2, kMaxPeriod, true, nullptr, "fast EMA period"},
     OptDef{"slow", 26, 2, kMaxPeriod, true, nullptr, "slow EMA period"},
     OptDef{"signal", 9, 1, kMaxPeriod, true, nullptr, "signal EMA period"}},
    3, {"macd", "signal", "histogram"}, macd_lookback, macd_s, macd_v};

}  // namespace hean
