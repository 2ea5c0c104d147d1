// Average true range (TA-Lib ATR): Wilder smoothing of the true range, seeded with the
// mean TR of bars 1..period, so the first value is at index `period`. natr is ATR as a
// percentage of the close (TA-Lib NATR).
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t atr_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L, bool Normalized>
HEAN_INLINE void atr_run(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  auto emit = [&](std::size_t i, L v) {
    if constexpr (Normalized) {
      const L c = in[2][i];
      y.set(i, lsel(lne(c, splat<L>(0.0)), (v / lsel(lne(c, splat<L>(0.0)), c, splat<L>(1.0))) * 100.0,
                    splat<L>(0.0)));
    } else {
      y.set(i, v);
    }
  };
  L v = sma_seed<L>([&](std::size_t i) { return true_range<L>(in, i); }, 1, p);
  emit(p, v);
  // Bars after the seed go in pairs (Ema::step2): half the dependency chain.
  const Ema<L> w = Ema<L>::wilder(p);
  std::size_t i = p + 1;
  for (; i + 1 < n; i += 2) {
    L t0, t1;
    true_range2<L>(in, i, t0, t1);
    emit(i, w.step2(v, t0, t1));
    emit(i + 1, v);
  }
  if (i < n) emit(i, w.step(v, true_range<L>(in, i)));
}

template <class L>
void atr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  atr_run<L, false>(in, n, o, out);
}
template <class L>
void natr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  atr_run<L, true>(in, n, o, out);
}
HEAN_LANE_KERNELS(atr)
HEAN_LANE_KERNELS(natr)

}  // namespace

HEAN_DEF(atr){
    "atr", "Average true range (Wilder)", 3, {"high", "low", "close"}, 1,
    {HEAN_PERIOD("period", 14, "smoothing period")}, 1, {"atr"}, atr_lookback, atr_s, atr_v};

HEAN_DEF(natr){
    "natr", "Normalized ATR: 100 * ATR / close", 3, {"high", "low", "close"}, 1,
    {HEAN_PERIOD("period", 14, "smoothing period")}, 1, {"natr"}, atr_lookback, natr_s, natr_v};

}  // namespace hean
