// Money flow volumes (ad_flow_of, TA-Lib AD's term) of a chunk of one series' bars, eight
// bars at once: the division leaves the A/D line's add chain.
#pragma once

#include <cstddef>

#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
inline namespace HEAN_ISA_NS {

constexpr std::size_t kAdChunk = 512;

// f[j] = the flow of bar i0 + j for j < m (m <= kAdChunk).
HEAN_INLINE void ad_flows(const In<double>* in, std::size_t i0, std::size_t m, double* f) {
  const double *h = in[0].span(i0, m), *l = in[1].span(i0, m), *c = in[2].span(i0, m), *v = in[3].span(i0, m);
  std::size_t j = 0;
  for (; j + 8 <= m; j += 8) put_bars8(f + j, ad_flow_of<V8>(bars8(h + j), bars8(l + j), bars8(c + j), bars8(v + j)));
  for (; j < m; ++j) f[j] = ad_flow_of<double>(h[j], l[j], c[j], v[j]);
}

}  // namespace HEAN_ISA_NS
}  // namespace hean
