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
  const std::size_t lb = 3 * (p - 1) + 1;
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  TripleEma<L> t;
  t.seed(x, p);
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  for (std::size_t i = lb; i < n; ++i) {
    const L prev = t.e3;
    t.step(x[i]);
    const auto nz = lne(prev, zero);
    y.set(i, lsel(nz, (t.e3 / lsel(nz, prev, one) - 1.0) * 100.0, zero));
  }
}
HEAN_LANE_KERNELS(trix)

}  // namespace

HEAN_DEF(trix){
    "trix", "TRIX: 1-bar percent rate of change of a triple EMA", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 15, "period of the three EMAs; k = 2/(period+1)")},
    1, {"trix"}, trix_lookback, trix_s, trix_v};

// Streaming: see triple_ema_stream_step (kernel.hpp); the rate of change of e3 from the
// bar after its seed on.
namespace {
void trix_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  if (!triple_ema_stream_step(c, x[0]) || s[0] - 1 == c.k[4]) {
    s[6] = kNaN;
    return;
  }
  const double prev = s[5];
  s[6] = prev != 0 ? (s[4] / prev - 1.0) * 100.0 : 0.0;
}
}  // namespace

HEAN_STREAM(trix){7, 6, no_window, triple_ema_constants, clear_state<7>, trix_stream_step};

}  // namespace hean
