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
    gain = gain + gain_of(d);
    loss = loss + loss_of(d);
  }
  gain = gain / double(p);
  loss = loss / double(p);
  y.set(p, div_nz<L>(gain - loss, gain + loss, 0.0) * 100.0);
  const Ema<L> w = Ema<L>::wilder(p);
  for (std::size_t i = p + 1; i < n; ++i) {
    L d = x[i] - x[i - 1];
    gain = w.step(gain, gain_of(d));
    loss = w.step(loss, loss_of(d));
    y.set(i, div_nz<L>(gain - loss, gain + loss, 0.0) * 100.0);
  }
}
HEAN_LANE_KERNELS(cmo)

}  // namespace

HEAN_DEF(cmo){
    "cmo", "Chande momentum oscillator, -100..100", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 14, "number of price changes averaged")},
    1, {"cmo"}, cmo_lookback, cmo_s, cmo_v};

// Streaming: state n, prev (close), gain, loss, out; the kernel's seed means and Wilder
// steps. Constants: the Wilder Ema's k and a.
namespace {
void cmo_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, prev, gain, loss, out
  const double v = x[0];
  s[4] = kNaN;
  if (is_gap(v)) {
    s[0] = s[2] = s[3] = 0;
    return;
  }
  const double n = ++s[0], p = c.o[0];
  const double d = v - s[1];
  s[1] = v;
  if (n == 1) return;
  if (!gain_loss_step(c, s + 2, n - 1, p, d)) return;
  s[4] = div_nz<double>(s[2] - s[3], s[2] + s[3], 0.0) * 100.0;
}
}  // namespace

HEAN_STREAM(cmo){5, 4, no_window,
                 [](const double* o, double* k) {
                   const Ema<double> w = Ema<double>::wilder(opt_size(o[0]));
                   k[0] = w.k, k[1] = w.a;
                 },
                 clear_state<5>, cmo_stream_step};

}  // namespace hean
