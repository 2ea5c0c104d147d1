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

// Calls step(i, flow) for bars 0 .. n - 1 in order. The flows of the next chunk are computed
// (eight bars at once) inside the loop over this chunk's, so the memory-bound flow pass and
// the caller's latency-bound chain overlap instead of taking turns; the flows are
// ad_flows', so the bits are the same.
template <class Step>
HEAN_INLINE void ad_flow_chain(const In<double>* in, std::size_t n, Step&& step) {
  if (n == 0) return;
  double buf[2][kAdChunk];
  std::size_t m = n < kAdChunk ? n : kAdChunk;
  ad_flows(in, 0, m, buf[0]);
  for (std::size_t i0 = 0, b = 0; i0 < n; i0 += m, m = n - i0 < kAdChunk ? n - i0 : kAdChunk, b ^= 1) {
    const std::size_t i1 = i0 + m, m1 = n - i1 < kAdChunk ? n - i1 : kAdChunk;
    const double* f = buf[b];
    double* g = buf[b ^ 1];
    const double *h = nullptr, *l = nullptr, *c = nullptr, *v = nullptr;
    if (m1) h = in[0].span(i1, m1), l = in[1].span(i1, m1), c = in[2].span(i1, m1), v = in[3].span(i1, m1);
    std::size_t j = 0, k = 0;
    for (; j + 8 <= m; j += 8) {
      // The inputs kPrefetchAhead bars past the next chunk's (whose span is taken here), a
      // line per eight bars: the driver's gap scan, which reads a block past each span,
      // then finds them in cache instead of taking turns with the chain waiting on memory.
      for (int r = 0; r < 4; ++r) prefetch_ahead(in[r].p, i1 + j, n);
      if (k + 8 <= m1) {
        put_bars8(g + k, ad_flow_of<V8>(bars8(h + k), bars8(l + k), bars8(c + k), bars8(v + k)));
        k += 8;
      }
      for (std::size_t t = j; t < j + 8; ++t) step(i0 + t, f[t]);
    }
    for (; j < m; ++j) step(i0 + j, f[j]);
    for (; k + 8 <= m1; k += 8) put_bars8(g + k, ad_flow_of<V8>(bars8(h + k), bars8(l + k), bars8(c + k), bars8(v + k)));
    for (; k < m1; ++k) g[k] = ad_flow_of<double>(h[k], l[k], c[k], v[k]);
  }
}

}  // namespace HEAN_ISA_NS
}  // namespace hean
