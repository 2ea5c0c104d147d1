// Relative strength index (TA-Lib RSI): Wilder-smoothed average gain and loss of the
// price changes, seeded with their plain means over the first `period` changes.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t rsi_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L>
void rsi_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  RsiState<L> r;
  r.seed(x, p);
  y.set(p, r.value());
  // Bars after the seed go in pairs (RsiState::step2), as in src/stream/rsi.ts.
  std::size_t i = p + 1;
  for (; i + 1 < n; i += 2) {
    L v0, v1;
    r.step2(x, i, v0, v1);
    y.set(i, v0);
    y.set(i + 1, v1);
  }
  if (i < n) {
    r.step(x, i);
    y.set(i, r.value());
  }
}
HEAN_LANE_KERNELS(rsi)

}  // namespace

HEAN_DEF(rsi){
    "rsi", "Relative strength index (Wilder), 0..100", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 14, "number of price changes averaged")},
    1, {"rsi"}, rsi_lookback, rsi_s, rsi_v};

}  // namespace hean
