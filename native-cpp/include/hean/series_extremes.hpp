// Rolling highest high and lowest low (and, with Arg, their bar indices) of one series,
// written for a chunk of bars at a time so the caller can finish eight bars at once
// (bars8). The algorithm and every compare are BlockExtreme's (blocks of `w` bars from bar
// 0; a window = the previous block's suffix extreme + the current block's running extreme;
// ties to the more recent bar), so the values and indices are the same bits as the lane
// kernels' and the streaming steps'.
#pragma once

#include <cstddef>

#include "hean/indicator.hpp"
#include "hean/scratch.hpp"

namespace hean {

// Index selects without a branch (the compare is data-dependent): a when m, else b.
HEAN_INLINE std::size_t pick_index(bool m, std::size_t a, std::size_t b) {
  const std::size_t k = std::size_t(0) - std::size_t(m);
  return (a & k) | (b & ~k);
}

constexpr std::size_t kExtremeChunk = 1024;  // bars a flush holds, short of one block
// The bars a flush can hold: kExtremeChunk - 1 and a block of w, never more than the series.
HEAN_INLINE std::size_t extreme_cap(std::size_t n, std::size_t w) { return n < kExtremeChunk + w ? n : kExtremeChunk + w; }
// The suffix extremes' length: a block's, w, where one ends before the series does.
HEAN_INLINE std::size_t suffix_len(std::size_t n, std::size_t w) { return w < n ? w : 0; }

// flush(f0, count, hh, ll, hx, lx): the extremes of the windows ending at bars
// f0 .. f0 + count - 1 (hx, lx: their indices, only with Arg); bars before w - 1 have
// partial windows (the extremes so far).
template <bool Arg, class Flush>
void series_hl_extremes(const In<double>& hi, const In<double>& lo, std::size_t n, std::size_t w, Flush&& flush) {
  const std::size_t cap = extreme_cap(n, w), sw = suffix_len(n, w);
  const Scratch<double, 1024> d((Arg ? 4 : 2) * cap + 2 * sw);
  double *const hh = d.data(), *const ll = hh + cap, *const sh = ll + cap, *const sl = sh + sw;
  double *const hx = sl + sw, *const lx = hx + (Arg ? cap : 0);
  const Scratch<std::size_t, Arg ? 128 : 1> ix(Arg ? 2 * sw : 0);
  std::size_t *const shx = ix.data(), *const slx = shx + sw;
  std::size_t f0 = 0, held = 0;
  for (std::size_t s = 0; s < n; s += w) {
    const std::size_t e = s + w < n ? s + w : n;
    const double* hp = hi.span(s, e - s) - s;  // the block's bars, gap-scanned
    const double* lp = lo.span(s, e - s) - s;
    double ph = hp[s], pl = lp[s];  // the block's running extremes
    std::size_t phx = s, plx = s;
    for (std::size_t i = s; i < e; ++i) {
      const double h = hp[i], l = lp[i];
      const bool mh = ph > h, ml = pl < l;  // a tie goes to the newer bar
      ph = lmax_nb(ph, h);  // the values branch-free (lanes.hpp), the same choices
      pl = lmin_nb(pl, l);
      if constexpr (Arg) {
        phx = pick_index(mh, phx, i);
        plx = pick_index(ml, plx, i);
      }
      const std::size_t k = i - s;
      double vh = ph, vl = pl;
      std::size_t vhx = phx, vlx = plx;
      if (s != 0 && k + 1 < w) {  // the previous block's tail is in the window; the head wins ties
        const bool th = sh[k + 1] > ph, tl = sl[k + 1] < pl;
        vh = lmax_nb(sh[k + 1], ph);
        vl = lmin_nb(sl[k + 1], pl);
        if constexpr (Arg) {
          vhx = pick_index(th, shx[k + 1], phx);
          vlx = pick_index(tl, slx[k + 1], plx);
        }
      }
      hh[held] = vh;
      ll[held] = vl;
      if constexpr (Arg) {
        hx[held] = double(vhx);
        lx[held] = double(vlx);
      }
      ++held;
    }
    if (e - s == w && e < n) {  // this block's suffix extremes, for the next block
      double bh = hp[e - 1], bl = lp[e - 1];
      std::size_t bhx = e - 1, blx = e - 1;
      sh[w - 1] = bh;
      sl[w - 1] = bl;
      if constexpr (Arg) {
        shx[w - 1] = bhx;
        slx[w - 1] = blx;
      }
      for (std::size_t k = w - 1; k-- > 0;) {
        const double h = hp[s + k], l = lp[s + k];
        const bool mh = h > bh, ml = l < bl;  // strict: a tie keeps the later bar
        bh = lmax_nb(h, bh);
        bl = lmin_nb(l, bl);
        sh[k] = bh;
        sl[k] = bl;
        if constexpr (Arg) {
          bhx = pick_index(mh, s + k, bhx);
          blx = pick_index(ml, s + k, blx);
          shx[k] = bhx;
          slx[k] = blx;
        }
      }
    }
    if (held >= kExtremeChunk || e == n) {
      flush(f0, held, hh, ll, Arg ? hx : nullptr, Arg ? lx : nullptr);
      f0 += held;
      held = 0;
    }
  }
}

// One side only (Greater: the highest) of one series: flush(f0, count, v), v[k] the
// extreme of the window ending at bar f0 + k; the same blocks, compares and ties as
// series_hl_extremes.
template <bool Greater, class Flush>
void series_extreme(const In<double>& x, std::size_t n, std::size_t w, Flush&& flush) {
  const std::size_t cap = extreme_cap(n, w);
  const Scratch<double, 1024> d(cap + suffix_len(n, w));
  double *const vv = d.data(), *const sv = vv + cap;
  // beats(a, b) ? a : b, branch-free (lanes.hpp)
  const auto pick = [](double a, double b) { return Greater ? lmax_nb(a, b) : lmin_nb(a, b); };
  std::size_t f0 = 0, held = 0;
  for (std::size_t s = 0; s < n; s += w) {
    const std::size_t e = s + w < n ? s + w : n;
    const double* xp = x.span(s, e - s) - s;  // the block's bars, gap-scanned
    double pv = xp[s];  // the block's running extreme
    for (std::size_t i = s; i < e; ++i) {
      const double v = xp[i];
      pv = pick(pv, v);  // a tie goes to the newer bar
      const std::size_t k = i - s;
      double out = pv;
      if (s != 0 && k + 1 < w) out = pick(sv[k + 1], pv);  // the head wins ties
      vv[held++] = out;
    }
    if (e - s == w && e < n) {  // this block's suffix extremes, for the next block
      double bv = xp[e - 1];
      sv[w - 1] = bv;
      for (std::size_t k = w - 1; k-- > 0;) {
        const double v = xp[s + k];
        bv = pick(v, bv);  // strict: a tie keeps the later bar
        sv[k] = bv;
      }
    }
    if (held >= kExtremeChunk || e == n) {
      flush(f0, held, vv);
      f0 += held;
      held = 0;
    }
  }
}

// One side of one series with the oldest and the newest bar holding each window's
// extreme (a tie is an equal value, +0 == -0): flush(f0, count, oldest, newest) for the
// windows ending at bars f0 .. f0 + count - 1. The same blocks as series_extreme; in a
// window the previous block's tail is older than the current block's head.
template <bool Greater, class Flush>
void series_extreme_ties(const In<double>& x, std::size_t n, std::size_t w, Flush&& flush) {
  const std::size_t cap = extreme_cap(n, w), sw = suffix_len(n, w);
  const Scratch<double, 1024> d(2 * cap + sw);
  double *const vo = d.data(), *const vn = vo + cap, *const sv = vn + cap;
  const Scratch<std::size_t, 128> ix(2 * sw);
  std::size_t *const so = ix.data(), *const sn = so + sw;
  const auto beats = [](double a, double b) { return Greater ? a > b : a < b; };
  std::size_t f0 = 0, held = 0;
  for (std::size_t s = 0; s < n; s += w) {
    const std::size_t e = s + w < n ? s + w : n;
    const double* xp = x.span(s, e - s) - s;  // the block's bars, gap-scanned
    double pv = xp[s];  // the block's running extreme, its oldest and newest bar
    std::size_t po = s, pn = s;
    for (std::size_t i = s; i < e; ++i) {
      const double v = xp[i];
      const bool m = beats(v, pv), t = v == pv;
      pv = lsel_nb(m, v, pv);
      po = pick_index(m, i, po);
      pn = pick_index(m || t, i, pn);
      const std::size_t k = i - s;
      std::size_t oo = po, on = pn;
      if (s != 0 && k + 1 < w) {  // the previous block's tail: older than the head
        const double tv = sv[k + 1];
        const bool tb = beats(tv, pv), tt = tv == pv;
        oo = pick_index(tb || tt, so[k + 1], po);
        on = pick_index(tb, sn[k + 1], pn);
      }
      vo[held] = double(oo);
      vn[held] = double(on);
      ++held;
    }
    if (e - s == w && e < n) {  // this block's suffix extremes, for the next block
      double bv = xp[e - 1];
      std::size_t bo = e - 1, bn = e - 1;
      sv[w - 1] = bv;
      so[w - 1] = bo;
      sn[w - 1] = bn;
      for (std::size_t k = w - 1; k-- > 0;) {
        const double v = xp[s + k];
        const bool m = beats(v, bv), t = v == bv;
        bv = lsel_nb(m, v, bv);
        bo = pick_index(m || t, s + k, bo);
        bn = pick_index(m, s + k, bn);
        sv[k] = bv;
        so[k] = bo;
        sn[k] = bn;
      }
    }
    if (held >= kExtremeChunk || e == n) {
      flush(f0, held, vo, vn);
      f0 += held;
      held = 0;
    }
  }
}

}  // namespace hean
