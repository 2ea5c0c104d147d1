// TRIX (TA-Lib TRIX, Hutson): 1-bar rate of change (percent) of a triple EMA, each EMA
// SMA-seeded as TA-Lib chains them; 0 where the previous triple EMA is exactly 0, as
// TA-Lib's ROC. First value at 3*(period-1) + 1.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t trix_lookback(const double* o, int) { return 3 * (opt_size(o[0]) - 1) + 1; }

template <class L>
void trix_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const std::size_t lb2 = 2 * (p - 1), lb3 = 3 * (p - 1), lb = lb3 + 1;
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
  for (; i <= lb3; ++i) {
    e1 = e.step(e1, x[i]);
    e2 = e.step(e2, e1);
    acc = acc + e2;
  }
  L e3 = acc / dp;
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  for (; i < n; ++i) {
    e1 = e.step(e1, x[i]);
    e2 = e.step(e2, e1);
    const L prev = e3;
    e3 = e.step(e3, e2);
    const auto nz = lne(prev, zero);
    y.set(i, lsel(nz, (e3 / lsel(nz, prev, one) - 1.0) * 100.0, zero));
  }
}
HEAN_LANE_KERNELS(trix)

}  // namespace

HEAN_DEF(trix){
    "trix", "TRIX: 1-bar percent rate of change of a triple EMA", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 15, "period of the three EMAs; k = 2/(period+1)")},
    1, {"trix"}, trix_lookback, trix_s, trix_v};

}  // namespace hean
