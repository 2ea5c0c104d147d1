// Eight consecutive bars of one series as the lanes of a V8 (lane l = q[l]), for scalar
// (one-series) kernels whose per-bar work is a loop over the window (CCI's mean deviation,
// the linear regression sums): eight bars are computed at once, each lane doing its bar's
// arithmetic in the scalar order, so the bits are the scalar loop's (and the streaming
// step's) at every ISA level.
#pragma once

#include <cstring>

#include "hean/lanes.hpp"

namespace hean {

HEAN_INLINE V8 bars8(const double* q) {
  V8 v;
  std::memcpy(&v, q, sizeof v);
  return v;
}
HEAN_INLINE void put_bars8(double* q, V8 v) { std::memcpy(q, &v, sizeof v); }

}  // namespace hean
