// Wilder's moving average (RMA / SMMA): an EMA with k = 1/period, SMA-seeded. The
// smoothing inside RSI and ATR.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t wilders_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void wilders_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const Ema<L> e = Ema<L>::wilder(p);
  L v = sma_seed<L>([&](std::size_t i) { return x[i]; }, 0, p);
  y.set(p - 1, v);
  for (std::size_t i = p; i < n; ++i) {
    v = e.step(v, x[i]);
    y.set(i, v);
  }
}
HEAN_LANE_KERNELS(wilders)

}  // namespace

HEAN_DEF(wilders){
    "wilders", "Wilder's smoothing (RMA): EMA with k = 1/period, SMA-seeded", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 14, "smoothing period; k = 1/period")},
    1, {"wilders"}, wilders_lookback, wilders_s, wilders_v};

HEAN_STREAM(wilders){4, 3, no_window,
                   [](const double* o, double* k) { ema_constants(Ema<double>::wilder(opt_size(o[0])), k); },
                   clear_state<4>, exp_stream_step<false>};

}  // namespace hean
