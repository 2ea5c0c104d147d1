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

// Streaming MACD (macd, macdfix): state n, fastV, slowV, sig, m (during the seeds fastV
// and slowV hold the sums of the closes and sig the sum of the first `signal` MACD values),
// macd_run's seeds and Ema steps. Constants: the fast, slow and signal Ema's k and a, then
// the fast, slow and signal periods.
HEAN_INLINE void macd_clear(StreamCtx& c) {
  c.s[0] = c.s[1] = c.s[2] = c.s[3] = 0;
  c.s[4] = kNaN;
}
HEAN_INLINE void macd_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, fastV, slowV, sig, m
  const double v = x[0];
  if (is_gap(v)) return macd_clear(c);
  const double* k = c.k;
  const double fp = k[6], sp = k[7], gp = k[8];
  const double n = ++s[0];
  if (n <= sp) {
    s[2] += v;
    if (n > sp - fp) s[1] += v;
    if (n < sp) return;
    s[1] = s[1] / fp;
    s[2] = s[2] / sp;
    s[4] = s[1] - s[2];
    s[3] = s[4];
  } else {
    s[1] = Ema<double>::make(k[0], k[1]).step(s[1], v);
    s[2] = Ema<double>::make(k[2], k[3]).step(s[2], v);
    s[4] = s[1] - s[2];
    if (n > sp + gp - 1) {
      s[3] = Ema<double>::make(k[4], k[5]).step(s[3], s[4]);
      return;
    }
    s[3] = s[3] + s[4];
  }
  if (n == sp + gp - 1) s[3] = s[3] / gp;
}
HEAN_INLINE void macd_outputs(const StreamCtx& c, double* out) {
  const double* s = c.s;
  const bool ready = s[0] >= c.k[7] + c.k[8] - 1;
  out[0] = ready ? s[4] : kNaN;
  out[1] = ready ? s[3] : kNaN;
  out[2] = ready ? s[4] - s[3] : kNaN;
}
}  // namespace hean
