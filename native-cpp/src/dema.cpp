// Double exponential moving average (TA-Lib DEMA, Mulloy): 2*EMA - EMA(EMA), both EMAs
// SMA-seeded as TA-Lib chains them, computed in one pass. First value at 2*(period-1).
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t dema_lookback(const double* o, int) { return 2 * (opt_size(o[0]) - 1); }

template <class L>
void dema_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const std::size_t lb = 2 * (p - 1);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  const Ema<L> e = Ema<L>::with_period(p);
  L e1 = sma_seed<L>([&](std::size_t i) { return x[i]; }, 0, p);
  // The second EMA is seeded with the mean of the first `p` values of the first.
  L acc = e1;
  for (std::size_t i = p; i <= lb; ++i) {
    e1 = e.step(e1, x[i]);
    acc = acc + e1;
  }
  L e2 = acc / double(p);
  y.set(lb, e1 * 2.0 - e2);
  for (std::size_t i = lb + 1; i < n; ++i) {
    e1 = e.step(e1, x[i]);
    e2 = e.step(e2, e1);
    y.set(i, e1 * 2.0 - e2);
  }
}
HEAN_LANE_KERNELS(dema)

}  // namespace

HEAN_DEF(dema){
    "dema", "Double exponential moving average: 2*EMA - EMA(EMA)", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "period of both EMAs; k = 2/(period+1)")},
    1, {"dema"}, dema_lookback, dema_s, dema_v};

// Streaming: state n, sum (the first EMA's seed sum, then the second's), e1, e2, out; the
// kernel's seeds and Ema steps. Constants: Ema's k and a.
namespace {
void dema_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, sum, e1, e2, out
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[1] = 0;
    s[4] = kNaN;
    return;
  }
  const Ema<double> e = Ema<double>::make(c.k[0], c.k[1]);
  const double p = c.o[0], lb = 2 * (p - 1);
  const double i = s[0]++;
  if (i < p) {
    s[1] += v;
    if (i < p - 1) {
      s[4] = kNaN;
      return;
    }
    s[1] = s[2] = s[1] / p;
  } else {
    s[2] = e.step(s[2], v);
    if (i > lb) {
      s[3] = e.step(s[3], s[2]);
      s[4] = s[2] * 2.0 - s[3];
      return;
    }
    s[1] = s[1] + s[2];
  }
  if (i < lb) {
    s[4] = kNaN;
    return;
  }
  s[3] = s[1] / p;
  s[4] = s[2] * 2.0 - s[3];
}
void dema_clear(StreamCtx& c) {
  c.s[0] = c.s[1] = 0;
  c.s[2] = c.s[3] = c.s[4] = kNaN;
}
}  // namespace

HEAN_STREAM(dema){5, 4, no_window,
                  [](const double* o, double* k) {
                    const Ema<double> e = Ema<double>::with_period(opt_size(o[0]));
                    k[0] = e.k, k[1] = e.a;
                  },
                  dema_clear, dema_stream_step};

}  // namespace hean
