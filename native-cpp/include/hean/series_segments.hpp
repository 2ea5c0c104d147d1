// One series, eight re-sum segments at once. The window helpers that re-sum exactly on a
// fixed schedule (WindowSum, WindowMoments: every `every` steps from the first full window)
// restart from scratch at each re-sum, so the bars between two re-sums depend on nothing
// before them: eight consecutive segments can run as the eight lanes of a V8 (lane l reads
// and writes the series with a stride of `every` bars), each lane doing its segment's
// arithmetic in the scalar order. The bits are the scalar run's at every ISA level, and a
// bar costs an eighth of the arithmetic and none of the scalar dependency chain.
#pragma once

#include <cstddef>

#include "hean/indicator.hpp"

namespace hean {

// Runs body(in, out, count) over bars first .. n - 1 of one series, first being the first
// bar with a full window (a re-sum point). Each call covers `count` bars from a re-sum point
// b, in[k][t] being input k at bar b - lead + t and out[k].set(j, v) writing bar b + j:
// eight whole segments as the lanes of In<V8> / Out<V8> (count = every), then the rest as
// In<double> / Out<double> (count = n - b; the body re-sums on its own schedule there).
// `lead` is how far back a window reaches (period - 1). The gap scan runs ahead of each call.
template <int NI, int NO, class Body>
HEAN_INLINE void series_segments(const In<double>* in, const Out<double>* out, std::size_t first, std::size_t n,
                                 std::size_t lead, std::size_t every, Body&& body) {
  std::size_t b = first;
  for (; b + 8 * every <= n; b += 8 * every) {
    In<V8> xi[NI];
    Out<V8> yo[NO];
    for (int k = 0; k < NI; ++k) xi[k] = {in[k].span(b - lead, 8 * every + lead), every};
    for (int k = 0; k < NO; ++k) yo[k] = {out[k].p + b, every};
    body(xi, yo, every);
  }
  if (b < n) {
    In<double> xi[NI];
    Out<double> yo[NO];
    for (int k = 0; k < NI; ++k) xi[k] = {in[k].span(b - lead, n - b + lead), 1, &no_scan_ahead};
    for (int k = 0; k < NO; ++k) yo[k] = {out[k].p + b, 1};
    body(xi, yo, n - b);
  }
}

}  // namespace hean
