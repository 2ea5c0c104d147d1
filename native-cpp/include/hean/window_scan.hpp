// Rolling highest high and lowest low (and, with Arg, their bar indices) of one series for
// short windows: by doubling (runs of 1, 2, 4, ... bars), eight consecutive runs at once,
// ties going to the newer bar. That is the value and index BlockExtreme and
// series_hl_extremes give (ties to the most recent bar there too; values are exact), so
// the bits are the same; for w up to kScanMax the log2(w) + 1 compares a bar on eight lanes
// beat the blocks' scalar chains (~3 dependent compares a bar).
#pragma once

#include <cstddef>

#include "hean/bars8.hpp"
#include "hean/indicator.hpp"
#include "hean/kernel.hpp"
#include "hean/series_extremes.hpp"

namespace hean {
// Per instruction-set level (as lanes.hpp): the out-of-line copies of these functions are
// built once per level, and must not be merged across levels by the linker.
inline namespace HEAN_ISA_NS {

// Windows of up to kScanMax bars are scanned (series_hl_scan); longer ones take the blocks
// (series_hl_extremes). WebAssembly: a V8 is four f64x2 parts, and the blocks, branch-free
// there (lanes.hpp's lmax_nb), cost about what a direct scan did at w = 8 (kernel alone,
// aroon's indices: w = 4 scan 2.3 / blocks 3.8 ns a bar, w = 8 5.2 / 5.2, w = 15 11.7 / 5.9).
#if defined(__wasm_simd128__)
constexpr std::size_t kScanMax = 8;
#else
constexpr std::size_t kScanMax = 32;
#endif

// One doubling step (series_hl_scan): for t < count, nh[t] / nl[t] the highest / lowest of
// the runs from ah[t] (older) and ah[t + d] (newer), the older kept only when strictly
// beyond, so a tie goes to the newer run; with Arg their bar indices nhx / nlx too, from
// ahx / alx, or, with Iota (the single bars of the first level), base + t. In place is fine:
// a run is read before it is overwritten.
template <bool Arg, bool Iota, class Each8>
HEAN_INLINE void pair_runs(const double* ah, const double* al, const double* ahx, const double* alx, std::size_t d,
                           std::size_t count, double base, double* nh, double* nl, double* nhx, double* nlx,
                           Each8&& each8) {
  static constexpr double kLane[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  std::size_t t = 0;
  for (; t + 8 <= count; t += 8) {
    each8();
    const V8 oh = bars8(ah + t), yh = bars8(ah + t + d), ol = bars8(al + t), yl = bars8(al + t + d);
    const auto mh = lgt(oh, yh), ml = llt(ol, yl);
    put_bars8(nh + t, lsel(mh, oh, yh));
    put_bars8(nl + t, lsel(ml, ol, yl));
    if constexpr (Arg) {
      if constexpr (Iota) {
        const V8 o = bars8(kLane) + (base + double(t)), y = o + double(d);
        put_bars8(nhx + t, lsel(mh, o, y));
        put_bars8(nlx + t, lsel(ml, o, y));
      } else {
        put_bars8(nhx + t, lsel(mh, bars8(ahx + t), bars8(ahx + t + d)));
        put_bars8(nlx + t, lsel(ml, bars8(alx + t), bars8(alx + t + d)));
      }
    }
  }
  for (; t < count; ++t) {
    const bool mh = ah[t] > ah[t + d], ml = al[t] < al[t + d];
    if constexpr (Arg) {
      nhx[t] = Iota ? (mh ? base + double(t) : base + double(t + d)) : (mh ? ahx[t] : ahx[t + d]);
      nlx[t] = Iota ? (ml ? base + double(t) : base + double(t + d)) : (ml ? alx[t] : alx[t + d]);
    }
    nh[t] = mh ? ah[t] : ah[t + d];
    nl[t] = ml ? al[t] : al[t + d];
  }
}

// flush(f0, count, hh, ll, hx, lx) as series_hl_extremes, but only for full windows: the
// first flush starts at bar w - 1 (callers' warm-ups cover the bars before).
// By doubling: level s holds the extremes of runs of s bars (pairs of the level below,
// older run first), the window that of two runs of the largest s <= w: about log2(w) + 1
// compares a bar instead of w - 1. Each compare keeps the older run's value only when
// strictly beyond, so every level holds its run's newest extreme bar (and, with Arg, its
// index), as a direct scan oldest first with ties to the newer bar, BlockExtreme and
// series_hl_extremes give: the same values and indices, the same bits (+0 / -0 ties too).
template <bool Arg, class Flush>
void series_hl_scan(const In<double>& hi, const In<double>& lo, std::size_t n, std::size_t w, Flush&& flush) {
  // a chunk's windows reach m + w - 1 bars back from its end (m <= kExtremeChunk)
  const std::size_t cap = extreme_cap(n, w);
  const Scratch<double, 1024> d((Arg ? 4 : 2) * cap);
  double *const nh = d.data(), *const nl = nh + cap, *const nhx = Arg ? nl + cap : nullptr, *const nlx = Arg ? nhx + cap : nullptr;
  for (std::size_t f0 = w - 1; f0 < n;) {
    const std::size_t m = n - f0 < kExtremeChunk ? n - f0 : kExtremeChunk;
    const double* hp = hi.span(f0 + 1 - w, m + w - 1);  // hp[t]: bar f0 + 1 - w + t
    const double* lp = lo.span(f0 + 1 - w, m + w - 1);
    // The next chunk's bars (kPrefetchAhead is a chunk on), one line an 8-bar step of the
    // doubling passes below, which leave the memory idle: the driver's gap scan of the
    // next spans then finds them in cache. (All at once here, they stalled on the misses
    // in flight: aroonOsc no faster.)
    std::size_t pf = f0;  // the next line: bar pf's of high, then of low
    bool low = false;
    const auto ahead = [&] {
      if (pf >= f0 + m) return;
      prefetch_ahead(low ? lo.p : hi.p, pf, n);
      pf += low ? 8 : 0;
      low = !low;
    };
    const double base = double(f0 + 1 - w);
    std::size_t len = m + w - 1;
    if (w == 1) {
      pair_runs<Arg, true>(hp, lp, nullptr, nullptr, 0, m, base, nh, nl, nhx, nlx, ahead);
    } else {
      // Level 2 from the bars, then each level from the one below, in place.
      len -= 1;
      pair_runs<Arg, true>(hp, lp, nullptr, nullptr, 1, len, base, nh, nl, nhx, nlx, ahead);
      std::size_t s = 2;
      for (; 2 * s <= w; s *= 2) {
        len -= s;
        pair_runs<Arg, false>(nh, nl, nhx, nlx, s, len, base, nh, nl, nhx, nlx, ahead);
      }
      // The window of bar f0 + j: runs from j and from j + w - s (the same run when w = s).
      pair_runs<Arg, false>(nh, nl, nhx, nlx, w - s, m, base, nh, nl, nhx, nlx, ahead);
    }
    flush(f0, m, nh, nl, Arg ? nhx : nullptr, Arg ? nlx : nullptr);
    f0 += m;
  }
}

// The extremes of windows of w bars by the faster of the two same-bits ways: scanned
// directly for w up to kScanMax, else series_hl_extremes' blocks. flush as theirs; the
// first flush may start before bar w - 1 (partial windows): callers skip their warm-up.
template <bool Arg, class Flush>
void series_hl_windows(const In<double>& hi, const In<double>& lo, std::size_t n, std::size_t w, Flush&& flush) {
  if (w <= kScanMax) series_hl_scan<Arg>(hi, lo, n, w, flush);
  else series_hl_extremes<Arg>(hi, lo, n, w, flush);
}

}  // namespace HEAN_ISA_NS
}  // namespace hean
