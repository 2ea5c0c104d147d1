// Volume-weighted moving average: sum(close * volume) / sum(volume) over `period` bars;
// NaN where every volume in the window is 0. Whether the window has volume at all is
// decided by an exact count of nonzero volumes, so rounding left in the running volume
// sum can't turn an all-zero window into a value. One series runs eight re-sum segments
// at once (series_segments.hpp).
#include "hean/kernel.hpp"
#include "hean/series_segments.hpp"

namespace hean {
namespace {

std::size_t vwma_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void vwma_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  auto run = [&]<class M>(const In<M>& c, const In<M>& v, const Out<M>& ys, std::size_t count) {
    const M zero = splat<M>(0.0), one = splat<M>(1.0), nan = splat<M>(kNaN);
    auto fcv = [&](std::size_t i) { return c[i] * v[i]; };
    auto fv = [&](std::size_t i) { return v[i]; };
    auto fnz = [&](std::size_t i) { return lsel(lne(v[i], zero), one, zero); };
    WindowSum<M> scv, sv, snz;
    scv.init(p, fcv, p);
    sv.init(p, fv, p);
    snz.init(p, fnz, p);
    for (std::size_t i = p - 1;;) {
      ys.set(i - (p - 1), lsel(lgt(snz.sum, zero), scv.sum / lsel(lgt(snz.sum, zero), sv.sum, one), nan));
      if (++i >= count + (p - 1)) break;
      scv.step(fcv, i);
      sv.step(fv, i);
      snz.step(fnz, i);
    }
  };
  if constexpr (std::is_same_v<L, double>) {
    // One series: eight re-sum segments at once (series_segments).
    return series_segments<2, 1>(in, out, p - 1, n, p - 1, resum_every(p, 1024),
                                 [&](const auto* xs, const auto* ys, std::size_t count) { run(xs[0], xs[1], ys[0], count); });
  }
  run(in[0], in[1], Out<L>{y.p + (p - 1), y.stride}, n - (p - 1));
}
HEAN_LANE_KERNELS(vwma)

}  // namespace

HEAN_DEF(vwma){
    "vwma", "Volume-weighted moving average", 2, {"close", "volume"}, 1,
    {HEAN_PERIOD("period", 20, "window length")}, 1, {"vwma"}, vwma_lookback, vwma_s, vwma_v};

// Streaming: state n, then {pos, since, sum} of the kernel's three WindowSums (close ·
// volume, volume, nonzero volumes; window_sum_slide), out; the window holds their rings.
namespace {
void vwma_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double cl = x[0], v = x[1];
  if (!(cl - cl + (v - v) == 0)) {
    s[0] = s[1] = s[4] = s[7] = 0;
    s[10] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double n = ++s[0], every = c.k[0];
  window_sum_slide(c, 0, p, every, s + 1, n, cl * v);
  window_sum_slide(c, p, p, every, s + 4, n, v);
  if (!window_sum_slide(c, 2 * p, p, every, s + 7, n, v != 0.0 ? 1.0 : 0.0)) {
    s[10] = kNaN;
    return;
  }
  s[10] = s[9] > 0.0 ? s[3] / s[6] : kNaN;
}
}  // namespace

HEAN_STREAM(vwma){11, 10, [](const double* o) { return 3 * opt_size(o[0]); },
                  [](const double* o, double* k) { k[0] = double(resum_every(opt_size(o[0]), 1024)); },
                  clear_state<11>, vwma_stream_step};

}  // namespace hean
