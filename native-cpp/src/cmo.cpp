// Chande momentum oscillator (TA-Lib CMO): 100 * (gain - loss) / (gain + loss) of the
// Wilder-smoothed average gain and loss, seeded like RSI with their plain means over the
// first `period` changes; 0 where gain + loss is TA-Lib-zero. First value at `period`.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t cmo_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L>
void cmo_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  const L zero = splat<L>(0.0);
  L gain = zero, loss = zero;
  for (std::size_t i = 1; i <= p; ++i) {
    L d = x[i] - x[i - 1];
    gain = gain + lmax(d, zero);
    loss = loss + lmax(-d, zero);
  }
  gain = gain / double(p);
  loss = loss / double(p);
  y.set(p, div_or<L>(gain - loss, gain + loss, 0.0) * 100.0);
  const Ema<L> w = Ema<L>::wilder(p);
  for (std::size_t i = p + 1; i < n; ++i) {
    L d = x[i] - x[i - 1];
    gain = w.step(gain, lmax(d, zero));
    loss = w.step(loss, lmax(-d, zero));
    y.set(i, div_or<L>(gain - loss, gain + loss, 0.0) * 100.0);
  }
}
HEAN_LANE_KERNELS(cmo)

}  // namespace

HEAN_DEF(cmo){
    "cmo", "Chande momentum oscillator, -100..100", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 14, "number of price changes averaged")},
    1, {"cmo"}, cmo_lookback, cmo_s, cmo_v};

}  // namespace hean
