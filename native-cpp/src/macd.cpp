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

// Streaming: hean/macd.hpp's step (shared with macdfix). Constants: the three Ema's k and
// a, then the (swapped) fast and slow periods and the signal period.
namespace {
void macd_constants(const double* o, double* k) {
  std::size_t fp, sp, gp;
  macd_periods(o, fp, sp, gp);
  const Ema<double> ef = Ema<double>::with_period(fp), es = Ema<double>::with_period(sp), eg = Ema<double>::with_period(gp);
  k[0] = ef.k, k[1] = ef.a, k[2] = es.k, k[3] = es.a, k[4] = eg.k, k[5] = eg.a;
  k[6] = double(fp), k[7] = double(sp), k[8] = double(gp);
}
}  // namespace

HEAN_STREAM(macd){5, 4, no_window, macd_constants, macd_clear, macd_stream_step, macd_outputs};

}  // namespace hean
