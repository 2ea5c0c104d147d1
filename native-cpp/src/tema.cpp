// Triple exponential moving average (TA-Lib TEMA, Mulloy): 3*EMA - 3*EMA(EMA) +
// EMA(EMA(EMA)), each EMA SMA-seeded as TA-Lib chains them, computed in one pass. First
// value at 3*(period-1).
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t tema_lookback(const double* o, int) { return 3 * (opt_size(o[0]) - 1); }

template <class L>
void tema_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const std::size_t lb2 = 2 * (p - 1), lb = 3 * (p - 1);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  const Ema<L> e = Ema<L>::with_period(p);
  const double dp = double(p);
  L e1 = sma_seed<L>([&](std::size_t i) { return x[i]; }, 0, p);
  // Each later EMA is seeded with the mean of the first `p` values of the one before.
  L acc = e1;
  std::size_t i = p;
  for (; i <= lb2; ++i) {
    e1 = e.step(e1, x[i]);
    acc = acc + e1;
  }
  L e2 = acc / dp;
  acc = e2;
  for (; i <= lb; ++i) {
    e1 = e.step(e1, x[i]);
    e2 = e.step(e2, e1);
    acc = acc + e2;
  }
  L e3 = acc / dp;
  // TA-Lib's order: e3 + (3*e1 - 3*e2).
  y.set(lb, e3 + (e1 * 3.0 - e2 * 3.0));
  for (; i < n; ++i) {
    e1 = e.step(e1, x[i]);
    e2 = e.step(e2, e1);
    e3 = e.step(e3, e2);
    y.set(i, e3 + (e1 * 3.0 - e2 * 3.0));
  }
}
HEAN_LANE_KERNELS(tema)

}  // namespace

HEAN_DEF(tema){
    "tema", "Triple exponential moving average: 3*EMA - 3*EMA(EMA) + EMA(EMA(EMA))", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "period of the three EMAs; k = 2/(period+1)")},
    1, {"tema"}, tema_lookback, tema_s, tema_v};

}  // namespace hean
