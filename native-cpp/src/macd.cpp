// MACD (TA-Lib MACD): fast EMA - slow EMA, its EMA as the signal, and their difference.
// As in TA-Lib both EMAs are aligned to produce their first value at index slow-1 (the
// fast one seeded with the SMA of close[slow-fast .. slow-1]), the signal is SMA-seeded,
// and all three outputs start at slow+signal-2. fast > slow is swapped, as TA-Lib does.
#include "hean/macd.hpp"

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
  macd_run<L>(in[0], n, fp, sp, gp, Ema<L>::with_period(fp), Ema<L>::with_period(sp), out);
}
HEAN_LANE_KERNELS(macd)

}  // namespace

HEAN_DEF(macd){
    "macd", "Moving average convergence/divergence (TA-Lib MACD)", 1, {"close"}, 3,
    {OptDef{"fast", 12, 2, kMaxPeriod, true, nullptr, "fast EMA period"},
     OptDef{"slow", 26, 2, kMaxPeriod, true, nullptr, "slow EMA period"},
     OptDef{"signal", 9, 1, kMaxPeriod, true, nullptr, "signal EMA period"}},
    3, {"macd", "signal", "histogram"}, macd_lookback, macd_s, macd_v};

// Streaming: state n, fastV, slowV, sig, m (during the seeds fastV and slowV hold the sums
// of the closes and sig the sum of the first `signal` MACD values), the kernel's seeds and
// Ema steps. Constants: the three Ema's k and a, then the (swapped) fast and slow periods.
namespace {
void macd_constants(const double* o, double* k) {
  std::size_t fp, sp, gp;
  macd_periods(o, fp, sp, gp);
  const Ema<double> ef = Ema<double>::with_period(fp), es = Ema<double>::with_period(sp), eg = Ema<double>::with_period(gp);
  k[0] = ef.k, k[1] = ef.a, k[2] = es.k, k[3] = es.a, k[4] = eg.k, k[5] = eg.a;
  k[6] = double(fp), k[7] = double(sp), k[8] = double(gp);
}
void macd_clear(StreamCtx& c) {
  c.s[0] = c.s[1] = c.s[2] = c.s[3] = 0;
  c.s[4] = kNaN;
}
void macd_stream_step(StreamCtx& c, const double* x) {
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
void macd_outputs(const StreamCtx& c, double* out) {
  const double* s = c.s;
  const bool ready = s[0] >= c.k[7] + c.k[8] - 1;
  out[0] = ready ? s[4] : kNaN;
  out[1] = ready ? s[3] : kNaN;
  out[2] = ready ? s[4] - s[3] : kNaN;
}
}  // namespace

HEAN_STREAM(macd){5, 4, no_window, macd_constants, macd_clear, macd_stream_step, macd_outputs};

}  // namespace hean
