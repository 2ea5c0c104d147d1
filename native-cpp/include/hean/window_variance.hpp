// The rolling population variance pass shared by stddev and variance: FlatMoments over
// each window of `p` (exactly 0 on a constant window), `value(variance)` written from bar
// p-1 on (NaN before); one series runs eight re-sum segments at once (series_segments),
// lanes run as they come.
#pragma once

#include <cstddef>

#include "hean/kernel.hpp"
#include "hean/series_segments.hpp"

namespace hean {

template <class L, class F>
HEAN_INLINE void window_variance_kernel(const In<L>* in, std::size_t n, std::size_t p, const Out<L>* out, F value) {
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  auto run = [&]<class M>(const In<M>& xs, const Out<M>& ys, std::size_t count) {
    auto f = [&](std::size_t i) { return xs[i]; };
    FlatMoments<M> w;
    w.init(p, f, p);
    for (std::size_t i = p - 1;;) {
      ys.set(i - (p - 1), value(w.variance()));
      if (++i >= count + (p - 1)) break;
      w.step(f, i);
    }
  };
  if constexpr (std::is_same_v<L, double>) {
    return series_segments<1, 1>(in, out, p - 1, n, p - 1, resum_every(p, 128),
                                 [&](const auto* xs, const auto* ys, std::size_t count) { run(xs[0], ys[0], count); });
  }
  run(x, Out<L>{y.p + (p - 1), y.stride}, n - (p - 1));
}

}  // namespace hean
