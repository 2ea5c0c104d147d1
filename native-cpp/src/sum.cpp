// Rolling sum (TA-Lib SUM) of the last `period` values: a running window sum, re-summed
// exactly every max(8p, 1024) bars so rounding cannot build up.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t sum_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void sum_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  auto f = [&](std::size_t i) { return x[i]; };
  WindowSum<L> w;
  w.init(p, f, p);
  for (std::size_t i = p - 1;;) {
    y.set(i, w.sum);
    if (++i >= n) break;
    w.step(f, i);
  }
}
HEAN_LANE_KERNELS(sum)

}  // namespace

HEAN_DEF(sum){"sum", "Rolling sum over `period` bars", 1, {"close"}, 1, {OptDef{"period", 30, 2, kMaxPeriod, true, nullptr, "window length"}}, 1,
              {"sum"}, sum_lookback, sum_s, sum_v};

// Streaming: state n, pos (ring slot of the oldest value, the next write), since, sum, out;
// the window is the ring; constants k[0] = resum_every(p, 1024). WindowSum's slide and
// exact re-sum (oldest first), through window_sum_slide.
HEAN_STREAM(sum){5, 4, period_window,
                 [](const double* o, double* k) { k[0] = double(resum_every(opt_size(o[0]), 1024)); },
                 clear_state<5>,
                 [](StreamCtx& c, const double* x) {
                   double* s = c.s;
                   const double v = x[0];
                   if (is_gap(v)) {
                     s[0] = s[1] = s[2] = 0;
                     s[4] = kNaN;
                     return;
                   }
                   const double n = ++s[0];
                   s[4] = window_sum_slide(c, 0, opt_size(c.o[0]), c.k[0], s + 1, n, v) ? s[3] : kNaN;
                 }};

}  // namespace hean
