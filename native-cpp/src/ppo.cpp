// Percentage price oscillator (TA-Lib PPO): 100 * (fastMA - slowMA) / slowMA, 0 where the
// slow MA is TA-Lib-zero. maType: any TA-Lib MA type (sma, TA-Lib's default). Unlike MACD, TA-Lib's PPO
// (called from index 0, as every wrapper does) seeds each EMA with the SMA of its own first
// `period` closes, so the fast EMA is already running at slow-1; we do the same. fast > slow
// is swapped, as TA-Lib does.
#include <utility>

#include "hean/ma.hpp"

namespace hean {
namespace {

void ppo_periods(const double* o, std::size_t& fast, std::size_t& slow) {
  fast = opt_size(o[0]);
  slow = opt_size(o[1]);
  if (slow < fast) std::swap(fast, slow);
}

std::size_t ppo_lookback(const double* o, int) {
  std::size_t f, s;
  ppo_periods(o, f, s);
  return ma_lookback(int(o[2]), s);
}

template <class L>
void ppo_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  std::size_t fp, sp;
  ppo_periods(o, fp, sp);
  const int type = int(o[2]);
  // The other types: TA_INT_PO over the MA dispatch (hean/ma.hpp), shared with APO.
  if (type > kMaEma) return po_run<true, L>(in[0], n, fp, sp, type, out[0]);
  const bool use_ema = type == kMaEma;
  const std::size_t lb = sp - 1;
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  auto emit = [&](std::size_t i, L fast, L slow) { y.set(i, div_or<L>(fast - slow, slow, 0.0) * 100.0); };
  auto px = [&](std::size_t i) { return x[i]; };
  if (use_ema) {
    const Ema<L> ef = Ema<L>::with_period(fp), es = Ema<L>::with_period(sp);
    L fast = sma_seed<L>(px, 0, fp);
    for (std::size_t i = fp; i < sp; ++i) fast = ef.step(fast, x[i]);
    L slow = sma_seed<L>(px, 0, sp);
    emit(lb, fast, slow);
    for (std::size_t i = sp; i < n; ++i) {
      fast = ef.step(fast, x[i]);
      slow = es.step(slow, x[i]);
      emit(i, fast, slow);
    }
  } else {
    const double inv_f = 1.0 / double(fp), inv_s = 1.0 / double(sp);
    WindowSum<L> f, s;
    f.init(fp, px, sp);
    s.init(sp, px, sp);
    for (std::size_t i = lb;;) {
      emit(i, f.sum * inv_f, s.sum * inv_s);
      if (++i >= n) break;
      f.step(px, i);
      s.step(px, i);
    }
  }
}
HEAN_LANE_KERNELS(ppo)

}  // namespace

HEAN_DEF(ppo){
    "ppo", "Percentage price oscillator: 100 * (fast MA - slow MA) / slow MA", 1, {"close"}, 3,
    {OptDef{"fast", 12, 2, kMaxPeriod, true, nullptr, "fast MA period"},
     OptDef{"slow", 26, 2, kMaxPeriod, true, nullptr, "slow MA period"},
     HEAN_MA_TYPE_OPT("maType", 0, "moving average type (TA-Lib's default sma)")},
    1, {"ppo"}, ppo_lookback, ppo_s, ppo_v};

}  // namespace hean
