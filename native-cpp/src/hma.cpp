// Hull moving average (Alan Hull): WMA(2*WMA(x, floor(p/2)) - WMA(x, p), floor(sqrt(p))).
// The three WMAs are TA-Lib-style running weighted sums; the inner difference series is
// kept in a ring of floor(sqrt(p)) + 1 values. First value at (p-1) + (floor(sqrt(p))-1).
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t isqrt(std::size_t p) {
  std::size_t q = static_cast<std::size_t>(std::sqrt(double(p)));
  while (q * q > p) --q;
  while ((q + 1) * (q + 1) <= p) ++q;
  return q;
}

std::size_t hma_lookback(const double* o, int) {
  const std::size_t p = opt_size(o[0]);
  return (p - 1) + (isqrt(p) - 1);
}

template <class L>
void hma_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]), h = p / 2, q = isqrt(p);
  const std::size_t lb = (p - 1) + (q - 1);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  const double div_h = double(h * (h + 1) / 2), div_p = double(p * (p + 1) / 2), div_q = double(q * (q + 1) / 2);
  auto fx = [&](std::size_t i) { return x[i]; };
  WindowWeightedSum<L> wh, wp, wq;
  wh.init(h, fx, p);
  wp.init(p, fx, p);
  Ring<L> r;
  r.init(q + 1);
  auto diff = [&]() { return (wh.wsum / div_h) * 2.0 - wp.wsum / div_p; };
  r[p - 1] = diff();
  for (std::size_t i = p; i <= lb; ++i) {
    wh.step(fx, i);
    wp.step(fx, i);
    r[i] = diff();
  }
  auto fr = [&](std::size_t i) { return r[i]; };
  wq.init(q, fr, lb + 1);
  y.set(lb, wq.wsum / div_q);
  for (std::size_t i = lb + 1; i < n; ++i) {
    wh.step(fx, i);
    wp.step(fx, i);
    r[i] = diff();
    wq.step(fr, i);
    y.set(i, wq.wsum / div_q);
  }
}
HEAN_LANE_KERNELS(hma)

}  // namespace

HEAN_DEF(hma){
    "hma", "Hull moving average", 1, {"close"}, 1,
    {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "window length (>= 2); inner WMAs of period/2 and period"}},
    1, {"hma"}, hma_lookback, hma_s, hma_v};

}  // namespace hean
