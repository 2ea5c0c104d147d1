// Rolling highest high and lowest low (and, with Arg, their bar indices) of one series for
// short windows: each window scanned directly, eight windows (consecutive bars) at once,
// oldest bar first with ties going to the newer bar. That is the value and index
// BlockExtreme and series_hl_extremes give (ties to the most recent bar there too; values
// are exact), so the bits are the same; for w up to kScanMax the w compares a bar on eight
// lanes beat the blocks' scalar chains (~3 dependent compares a bar).
#pragma once

#include <cstddef>
#include <vector>

#include "hean/bars8.hpp"
#include "hean/indicator.hpp"
#include "hean/series_extremes.hpp"

namespace hean {
// Per instruction-set level (as lanes.hpp): the out-of-line copies of these functions are
// built once per level, and must not be merged across levels by the linker.
inline namespace HEAN_ISA_NS {

// Windows of up to kScanMax bars are scanned directly; longer ones take the blocks
// (series_hl_extremes). WebAssembly: a V8 is four f64x2 parts, and the blocks, branch-free
// there (lanes.hpp's lmax_nb), cost about what the scan does at w = 8 (kernel alone,
// aroon's indices: w = 4 scan 2.3 / blocks 3.8 ns a bar, w = 8 5.2 / 5.2, w = 15 11.7 / 5.9).
#if defined(__wasm_simd128__)
constexpr std::size_t kScanMax = 8;
#else
constexpr std::size_t kScanMax = 32;
#endif

// flush(f0, count, hh, ll, hx, lx) as series_hl_extremes, but only for full windows: the
// first flush starts at bar w - 1 (callers' warm-ups cover the bars before).
template <bool Arg, class Flush>
void series_hl_scan(const In<double>& hi, const In<double>& lo, std::size_t n, std::size_t w, Flush&& flush) {
  constexpr std::size_t kChunk = 1024;
  if constexpr (!Arg) {
    // Values only: by doubling. Level s holds the extremes of runs of s bars (pairs of the
    // level below, older run first), the window that of two runs of the largest s <= w:
    // about log2(w) + 1 compares a bar instead of w - 1. Each compare keeps the older run's
    // value only when strictly beyond, so every level holds its run's newest extreme bar,
    // as the direct scan: the same value, the same bits (+0 / -0 ties too).
    std::vector<double> hh(kChunk + w), ll(kChunk + w);
    // hh[t], ll[t] for t < count: the extremes of the runs from ah[t] and from ah[t + d] (in
    // place: a bar's value is read before it is overwritten).
    const auto pairs = [&](const double* ah, const double* al, std::size_t d, std::size_t count) {
      double *nh = hh.data(), *nl = ll.data();
      std::size_t t = 0;
      for (; t + 8 <= count; t += 8) {
        const V8 oh = bars8(ah + t), yh = bars8(ah + t + d), ol = bars8(al + t), yl = bars8(al + t + d);
        put_bars8(nh + t, lsel(lgt(oh, yh), oh, yh));
        put_bars8(nl + t, lsel(llt(ol, yl), ol, yl));
      }
      for (; t < count; ++t) {
        nh[t] = ah[t] > ah[t + d] ? ah[t] : ah[t + d];
        nl[t] = al[t] < al[t + d] ? al[t] : al[t + d];
      }
    };
    for (std::size_t f0 = w - 1; f0 < n;) {
      const std::size_t m = n - f0 < kChunk ? n - f0 : kChunk;
      const double* hp = hi.span(f0 + 1 - w, m + w - 1);  // hp[t]: bar f0 + 1 - w + t
      const double* lp = lo.span(f0 + 1 - w, m + w - 1);
      const double *ah = hp, *al = lp;  // level s: ah[t] over bars t .. t + s - 1 (of hp)
      std::size_t s = 1, len = m + w - 1;
      for (; 2 * s <= w; s *= 2) {
        len -= s;
        pairs(ah, al, s, len);
        ah = hh.data();
        al = ll.data();
      }
      // The window of bar f0 + j: runs from j and from j + w - s (the same run when w = s).
      pairs(ah, al, w - s, m);
      flush(f0, m, hh.data(), ll.data(), nullptr, nullptr);
      f0 += m;
    }
    return;
  }
  std::vector<double> hh(kChunk), ll(kChunk), hx(Arg ? kChunk : 0), lx(Arg ? kChunk : 0);
  const double lane[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  for (std::size_t f0 = w - 1; f0 < n;) {
    const std::size_t m = n - f0 < kChunk ? n - f0 : kChunk;
    const double* hp = hi.span(f0 + 1 - w, m + w - 1);  // hp[j + k]: bar f0 + j + 1 - w + k
    const double* lp = lo.span(f0 + 1 - w, m + w - 1);
    std::size_t j = 0;
    for (; j + 8 <= m; j += 8) {
      V8 vh = bars8(hp + j), vl = bars8(lp + j);
      V8 kh = splat<V8>(0.0), kl = kh;
      for (std::size_t k = 1; k < w; ++k) {
        const V8 h = bars8(hp + j + k), l = bars8(lp + j + k);
        const auto mh = lgt(vh, h), ml = llt(vl, l);  // strict: a tie goes to the newer bar
        vh = lsel(mh, vh, h);
        vl = lsel(ml, vl, l);
        if constexpr (Arg) {
          kh = lsel(mh, kh, splat<V8>(double(k)));
          kl = lsel(ml, kl, splat<V8>(double(k)));
        }
      }
      put_bars8(hh.data() + j, vh);
      put_bars8(ll.data() + j, vl);
      if constexpr (Arg) {
        const V8 base = bars8(lane) + double(f0 + j + 1 - w);
        put_bars8(hx.data() + j, base + kh);
        put_bars8(lx.data() + j, base + kl);
      }
    }
    for (; j < m; ++j) {
      double vh = hp[j], vl = lp[j];
      std::size_t kh = 0, kl = 0;
      for (std::size_t k = 1; k < w; ++k) {
        const double h = hp[j + k], l = lp[j + k];
        const bool mh = vh > h, ml = vl < l;
        vh = mh ? vh : h;
        vl = ml ? vl : l;
        kh = mh ? kh : k;
        kl = ml ? kl : k;
      }
      hh[j] = vh;
      ll[j] = vl;
      if constexpr (Arg) {
        hx[j] = double(f0 + j + 1 - w + kh);
        lx[j] = double(f0 + j + 1 - w + kl);
      }
    }
    flush(f0, m, hh.data(), ll.data(), Arg ? hx.data() : nullptr, Arg ? lx.data() : nullptr);
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
