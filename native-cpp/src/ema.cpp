// Exponential moving average (TA-Lib EMA): k = 2/(period+1), seeded with the SMA of the
// first `period` values, so the first value is at index period-1.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t ema_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void ema_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const Ema<L> e = Ema<L>::with_period(p);
  L v = sma_seed<L>([&](std::size_t i) { return x[i]; }, 0, p);
  y.set(p - 1, v);
  std::size_t i = p;
  for (; i + 1 < n; i += 2) {
    y.set(i, e.step2(v, x[i], x[i + 1]));
    y.set(i + 1, v);
  }
  if (i < n) y.set(i, e.step(v, x[i]));
}
HEAN_LANE_KERNELS(ema)

}  // namespace

HEAN_DEF(ema){
    "ema", "Exponential moving average (SMA-seeded, as TA-Lib)", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "smoothing period; k = 2/(period+1)")},
    1, {"ema"}, ema_lookback, ema_s, ema_v};

HEAN_STREAM(ema){4, 3, no_window,
                   [](const double* o, double* k) { ema_constants(Ema<double>::with_period(opt_size(o[0])), k); },
                   clear_state<4>, exp_stream_step<true>};

}  // namespace hean
