// Eight consecutive bars of one series as the lanes of a V8 (lane l = q[l]), for scalar
// (one-series) kernels whose per-bar work is a loop over the window (CCI's mean deviation,
// the linear regression sums): eight bars are computed at once, each lane doing its bar's
// arithmetic in the scalar order, so the bits are the scalar loop's (and the streaming
// step's) at every ISA level.
#pragma once

#include <cstring>

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

}  // namespace hean
