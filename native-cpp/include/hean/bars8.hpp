// Eight consecutive bars of one series as the lanes of a V8 (lane l = q[l]), for scalar
// (one-series) kernels whose per-bar work is a loop over the window (CCI's mean deviation,
// the linear regression sums): eight bars are computed at once, each lane doing its bar's
// arithmetic in the scalar order, so the bits are the scalar loop's (and the streaming
// step's) at every ISA level.
#pragma once

#include <cstring>

#include "hean/indicator.hpp"
#include "hean/lanes.hpp"

namespace hean {

// Part by part where V8 is a struct of vector parts: one 64-byte memcpy into the struct
// becomes 16-byte stores to a stack temporary read back as 32-byte parts, a failed
// store-to-load forward on every window load (cci ran 6x slower at AVX2 than at SSE2).
HEAN_INLINE V8 bars8(const double* q) {
  V8 v;
#ifdef HEAN_PARTS_V8
#define HEAN_BARS8_LOAD(m, k) std::memcpy(&v.m, q + (k) * kPartLanes, sizeof v.m);
  HEAN_EACH_PART(HEAN_BARS8_LOAD)
#undef HEAN_BARS8_LOAD
#else
  std::memcpy(&v, q, sizeof v);
#endif
  return v;
}
HEAN_INLINE void put_bars8(double* q, V8 v) {
#ifdef HEAN_PARTS_V8
#define HEAN_BARS8_STORE(m, k) std::memcpy(q + (k) * kPartLanes, &v.m, sizeof v.m);
  HEAN_EACH_PART(HEAN_BARS8_STORE)
#undef HEAN_BARS8_STORE
#else
  std::memcpy(q, &v, sizeof v);
#endif
}

inline namespace HEAN_ISA_NS {

// A bar-by-bar function of one series' N inputs (price transforms, BOP): gap-scanned spans
// a chunk at a time, eight bars at once (pointwise_kernel's per-read gap check keeps its
// loop scalar: ~2x the time of the reads themselves). `of` is the indicator's own
// expression, generic in the lane type, so the bits are the scalar ones.
template <int N, class F>
HEAN_INLINE void pointwise_series(const In<double>* in, std::size_t n, const Out<double>& y, F&& of) {
  constexpr std::size_t kChunk = 512;
  for (std::size_t i0 = 0; i0 < n; i0 += kChunk) {
    const std::size_t m = n - i0 < kChunk ? n - i0 : kChunk;
    const double* x[N];
    for (int k = 0; k < N; ++k) x[k] = in[k].span(i0, m);
    double* q = y.p + i0;
    std::size_t j = 0;
    for (; j + 8 <= m; j += 8) {
      if constexpr (N == 2) put_bars8(q + j, of(bars8(x[0] + j), bars8(x[1] + j)));
      else if constexpr (N == 3) put_bars8(q + j, of(bars8(x[0] + j), bars8(x[1] + j), bars8(x[2] + j)));
      else put_bars8(q + j, of(bars8(x[0] + j), bars8(x[1] + j), bars8(x[2] + j), bars8(x[3] + j)));
    }
    for (; j < m; ++j) {
      if constexpr (N == 2) q[j] = of(x[0][j], x[1][j]);
      else if constexpr (N == 3) q[j] = of(x[0][j], x[1][j], x[2][j]);
      else q[j] = of(x[0][j], x[1][j], x[2][j], x[3][j]);
    }
  }
}

}  // namespace HEAN_ISA_NS
}  // namespace hean
