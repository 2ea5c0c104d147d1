// Ultimate oscillator (TA-Lib ULTOSC, Williams): with buying pressure
// bp = close - min(low, prevClose) and the true range tr, the ratios sum(bp)/sum(tr) over
// the three periods (sorted ascending, as TA-Lib does) are weighted 4:2:1;
// 100 * (4*r1 + 2*r2 + r3) / 7, a ratio whose TR sum is ~0 counting as 0.
#include <algorithm>

#include "hean/kernel.hpp"

namespace hean {
namespace {

void ultosc_periods(const double* o, std::size_t p[3]) {
  p[0] = opt_size(o[0]);
  p[1] = opt_size(o[1]);
  p[2] = opt_size(o[2]);
  std::sort(p, p + 3);
}

std::size_t ultosc_lookback(const double* o, int) {
  std::size_t p[3];
  ultosc_periods(o, p);
  return p[2];
}

template <class L>
void ultosc_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  std::size_t p[3];
  ultosc_periods(o, p);
  const std::size_t lb = p[2];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  Ring<L> bp, tr;
  bp.init(lb + 1);
  tr.init(lb + 1);
  auto fa = [&](std::size_t i) { return bp[i]; };
  auto fb = [&](std::size_t i) { return tr[i]; };
  WindowSum<L> a[3], b[3];
  const double w[3] = {4.0, 2.0, 1.0};
  for (std::size_t i = 1; i < n; ++i) {
    bp[i] = in[2][i] - lmin(in[1][i], in[2][i - 1]);
    tr[i] = true_range<L>(in, i);
    if (i < lb) continue;
    L acc = splat<L>(0.0);
    for (int k = 0; k < 3; ++k) {
      if (i == lb) {
        a[k].init(p[k], fa, i + 1);
        b[k].init(p[k], fb, i + 1);
      } else {
        a[k].step(fa, i);
        b[k].step(fb, i);
      }
      // TA-Lib adds 0 for a ~0 TR sum; the last term has weight 1 (no multiply).
      const L r = div_or<L>(a[k].sum, b[k].sum, 0.0);
      acc = acc + (k == 2 ? r : r * w[k]);
    }
    y.set(i, (acc / 7.0) * 100.0);
  }
}
HEAN_LANE_KERNELS(ultosc)

}  // namespace

HEAN_DEF(ultosc){
    "ultosc", "Ultimate oscillator (Williams), 0..100", 3, {"high", "low", "close"}, 3,
    {HEAN_PERIOD("period1", 7, "shortest window (weight 4); the three periods are sorted, as in TA-Lib"),
     HEAN_PERIOD("period2", 14, "middle window (weight 2)"),
     HEAN_PERIOD("period3", 28, "longest window (weight 1)")},
    1, {"ultosc"}, ultosc_lookback, ultosc_s, ultosc_v};

}  // namespace hean
