// Weighted moving average (TA-Lib WMA): weights 1..period, newest heaviest, divided by
// period*(period+1)/2. Running plain and weighted sums, as TA-Lib, re-summed periodically.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t wma_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void wma_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const double div = double(p * (p + 1) / 2);
  auto f = [&](std::size_t i) { return x[i]; };
  WindowWeightedSum<L> w;
  w.init(p, f, p);
  y.set(p - 1, w.wsum / div);
  for (std::size_t i = p; i < n; ++i) {
    w.step(f, i);
    y.set(i, w.wsum / div);
  }
}
HEAN_LANE_KERNELS(wma)

}  // namespace

HEAN_DEF(wma){
    "wma", "Weighted moving average (linear weights 1..period)", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 20, "window length; weights 1..period, newest heaviest")},
    1, {"wma"}, wma_lookback, wma_s, wma_v};

// Streaming: state n, pos (ring slot of the oldest), since, sum, wsum, out; the window is
// the ring. WindowWeightedSum's init, slide and re-sum schedule.
namespace {
void wma_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[1] = 0;
    s[5] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double n = ++s[0];
  const double old = ring_put(c, 0, p, s[1], v);
  if (n < double(p)) {
    s[5] = kNaN;
    return;
  }
  if (n == double(p) || ++s[2] == c.k[1]) {
    s[2] = 0;
    double sum = 0.0, wsum = 0.0, k = 1.0;
    for (std::size_t j = 0, at = std::size_t(s[1]); j < p; ++j, k += 1.0) {  // oldest first
      const double y = c.w[at];
      sum = sum + y;
      wsum = wsum + y * k;
      if (++at == p) at = 0;
    }
    s[3] = sum;
    s[4] = wsum;
  } else {
    WindowWeightedSum<double>::slide(s[3], s[4], v, old, c.k[2]);
  }
  s[5] = s[4] / c.k[0];
}
}  // namespace

HEAN_STREAM(wma){6, 5, period_window,
                 [](const double* o, double* k) {
                   const std::size_t p = opt_size(o[0]);
                   k[0] = double(p * (p + 1) / 2);
                   k[1] = double(resum_every(p, 1024));
                   k[2] = double(p);
                 },
                 clear_state<6>, wma_stream_step};

}  // namespace hean
