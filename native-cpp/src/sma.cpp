// Simple moving average (TA-Lib SMA): mean of the last `period` values.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t sma_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void sma_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const double inv = 1.0 / double(p);
  auto f = [&](std::size_t i) { return x[i]; };
  WindowSum<L> s;
  s.init(p, f, p);
  y.set(p - 1, s.sum * inv);
  std::size_t i = p;
  for (; i + 1 < n; i += 2) {
    const L mid = s.step2(f, i);
    y.set(i, mid * inv);
    y.set(i + 1, s.sum * inv);
  }
  // A trailing unpaired bar: the pair's first half (no re-sum), as the streaming Sma does.
  if (i < n) y.set(i, (s.sum + (f(i) - f(i - p))) * inv);
}
HEAN_LANE_KERNELS(sma)

}  // namespace

HEAN_DEF(sma){
    "sma", "Simple moving average", 1, {"close"}, 1, {HEAN_PERIOD("period", 20, "window length")},
    1, {"sma"}, sma_lookback, sma_s, sma_v};

}  // namespace hean
