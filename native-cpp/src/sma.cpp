// Simple moving average (TA-Lib SMA): mean of the last `period` values.
#include <cstring>

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
#if defined(__GNUC__) || defined(__clang__)
  if constexpr (std::is_same_v<L, double>) {
    // One series: the group's four sums as one 4-lane computation, lane by lane the same
    // additions as step4 (-0 is the exact identity of +).
    typedef double D4 __attribute__((vector_size(32)));
    typedef long long M4 __attribute__((vector_size(32)));
    const D4 nz{-0.0, -0.0, -0.0, -0.0};
#if defined(__clang__)
#define HEAN_SHUFFLE4(a, b, i0, i1, i2, i3) __builtin_shufflevector(a, b, i0, i1, i2, i3)
#else
#define HEAN_SHUFFLE4(a, b, i0, i1, i2, i3) __builtin_shuffle(a, b, M4{i0, i1, i2, i3})
#endif
    for (; i + 3 < n; i += 4) {
      D4 a, b;
      std::memcpy(&a, x.span(i, 4), sizeof a);
      std::memcpy(&b, x.span(i - p, 4), sizeof b);
      const D4 d = a - b;                                                       // d0 d1 d2 d3
      const D4 t1 = d + HEAN_SHUFFLE4(d, nz, 4, 0, 4, 2);               // d0, d0+d1, d2, d2+d3
      const D4 t2 = t1 + HEAN_SHUFFLE4(t1, nz, 4, 4, 1, 1);             // .., .., d01+d2, d01+(d2+d3)
      const D4 m = t2 + s.sum;
      const D4 v = m * inv;
      std::memcpy(y.p + i, &v, sizeof v);
      s.since += 4;
      if (s.since >= s.every) [[unlikely]] {
        s.since = 0;
        s.resum(f, i + 4);
        y.set(i + 3, s.sum * inv);
      } else {
        s.sum = s.sum + t2[3];  // = m[3], with the lane extract off the dependency chain
      }
    }
  }
#endif
  for (; i + 3 < n; i += 4) {
    L m[3];
    s.step4(f, i, m);
    y.set(i, m[0] * inv);
    y.set(i + 1, m[1] * inv);
    y.set(i + 2, m[2] * inv);
    y.set(i + 3, s.sum * inv);
  }
  // Up to three trailing bars: the group's partial sums (no re-sum), as the streaming Sma does.
  if (i < n) {
    const L d0 = f(i) - f(i - p);
    y.set(i, (s.sum + d0) * inv);
    if (i + 1 < n) {
      const L d01 = d0 + (f(i + 1) - f(i + 1 - p));
      y.set(i + 1, (s.sum + d01) * inv);
      if (i + 2 < n) y.set(i + 2, (s.sum + (d01 + (f(i + 2) - f(i + 2 - p)))) * inv);
    }
  }
}
HEAN_LANE_KERNELS(sma)

}  // namespace

HEAN_DEF(sma){
    "sma", "Simple moving average", 1, {"close"}, 1, {HEAN_PERIOD("period", 20, "window length")},
    1, {"sma"}, sma_lookback, sma_s, sma_v};

// Streaming: state n, pos (ring slot of the oldest value), sum, since, d01 (the current
// group's first differences summed), d2 (its third), out; the window is the ring. Bars go in
// groups of four from one anchor sum and the sum is re-summed exactly, as the kernel's
// WindowSum::step4 and resum do (the in-group sums add the same differences).
namespace {
void sma_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[1] = s[2] = 0;
    s[6] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double inv = c.k[0];
  const double n = ++s[0];
  const double old = ring_put(c, 0, p, s[1], v);
  if (n <= double(p)) {
    s[2] += v;
    if (n < double(p)) {
      s[6] = kNaN;
      return;
    }
    s[3] = 0;
    s[6] = s[2] * inv;
    return;
  }
  const double d = v - old;
  switch (std::size_t(n - double(p) - 1) & 3) {
    case 0:
      s[4] = d;
      s[6] = (s[2] + d) * inv;
      return;
    case 1:
      s[4] = s[4] + d;
      s[6] = (s[2] + s[4]) * inv;
      return;
    case 2:
      s[5] = d;
      s[6] = (s[2] + (s[4] + d)) * inv;
      return;
    default:
      break;
  }
  s[3] += 4;
  if (s[3] >= c.k[1]) {
    s[3] = 0;
    s[2] = ring_sum(c.w, p, std::size_t(s[1]));  // oldest first
  } else {
    s[2] = s[2] + (s[4] + (s[5] + d));
  }
  s[6] = s[2] * inv;
}
}  // namespace

HEAN_STREAM(sma){7, 6, [](const double* o) { return opt_size(o[0]); },
                 [](const double* o, double* k) {
                   k[0] = 1.0 / double(opt_size(o[0]));
                   k[1] = double(resum_every(opt_size(o[0]), 1024));
                 },
                 clear_state<7>, sma_stream_step};

}  // namespace hean
