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

}  // namespace HEAN_ISA_NS
}  // namespace hean
