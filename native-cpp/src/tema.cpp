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
  const std::size_t lb = 3 * (p - 1);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  TripleEma<L> t;
  t.seed(x, p);
  // TA-Lib's order: e3 + (3*e1 - 3*e2).
  y.set(lb, t.e3 + (t.e1 * 3.0 - t.e2 * 3.0));
  for (std::size_t i = lb + 1; i < n; ++i) {
    t.step(x[i]);
    y.set(i, t.e3 + (t.e1 * 3.0 - t.e2 * 3.0));
  }
}
HEAN_LANE_KERNELS(tema)

}  // namespace

HEAN_DEF(tema){
    "tema", "Triple exponential moving average: 3*EMA - 3*EMA(EMA) + EMA(EMA(EMA))", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "period of the three EMAs; k = 2/(period+1)")},
    1, {"tema"}, tema_lookback, tema_s, tema_v};

// Streaming: see triple_ema_stream_step (kernel.hpp); out = TA-Lib's e3 + (3 e1 - 3 e2).
namespace {
void tema_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  s[6] = triple_ema_stream_step(c, x[0]) ? s[4] + (s[2] * 3.0 - s[3] * 3.0) : kNaN;
}
}  // namespace

HEAN_STREAM(tema){7, 6, no_window, triple_ema_constants, clear_state<7>, tema_stream_step};

}  // namespace hean
