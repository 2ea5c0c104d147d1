// Double exponential moving average (TA-Lib DEMA, Mulloy): 2*EMA - EMA(EMA), both EMAs
// SMA-seeded as TA-Lib chains them, computed in one pass. First value at 2*(period-1).
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t dema_lookback(const double* o, int) { return 2 * (opt_size(o[0]) - 1); }

template <class L>
void dema_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const std::size_t lb = 2 * (p - 1);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  const Ema<L> e = Ema<L>::with_period(p);
  L e1 = sma_seed<L>([&](std::size_t i) { return x[i]; }, 0, p);
  // The second EMA is seeded with the mean of the first `p` values of the first.
  L acc = e1;
  for (std::size_t i = p; i <= lb; ++i) {
    e1 = e.step(e1, x[i]);
    acc = acc + e1;
  }
  L e2 = acc / double(p);
  y.set(lb, e1 * 2.0 - e2);
  for (std::size_t i = lb + 1; i < n; ++i) {
    e1 = e.step(e1, x[i]);
    e2 = e.step(e2, e1);
    y.set(i, e1 * 2.0 - e2);
  }
}
HEAN_LANE_KERNELS(dema)

}  // namespace

HEAN_DEF(dema){
    "dema", "Double exponential moving average: 2*EMA - EMA(EMA)", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "period of both EMAs; k = 2/(period+1)")},
    1, {"dema"}, dema_lookback, dema_s, dema_v};

}  // namespace hean
