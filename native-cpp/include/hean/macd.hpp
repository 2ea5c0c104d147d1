// The MACD computation shared by MACD (k = 2/(period+1)) and MACDFIX (TA-Lib's fixed
// k = 0.15 and 0.075 for periods 12 and 26), as TA-Lib's TA_INT_MACD: both EMAs aligned to
// produce their first value at index slow-1 (the fast one seeded with the SMA of
// close[slow-fast .. slow-1]), the signal SMA-seeded, all three outputs from slow+signal-2.
#pragma once

#include "hean/kernel.hpp"

namespace hean {

template <class L>
HEAN_INLINE void macd_run(const In<L>& x, std::size_t n, std::size_t fp, std::size_t sp, std::size_t gp, const Ema<L>& ef,
                          const Ema<L>& es, const Out<L>* out) {
  const std::size_t lb = sp + gp - 2;
  if (n <= lb) {
    for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < 3; ++k) fill_nan(out[k], 0, lb);
  auto px = [&](std::size_t i) { return x[i]; };
  const Ema<L> eg = Ema<L>::with_period(gp);
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

}  // namespace hean
