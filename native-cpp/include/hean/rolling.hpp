// Window building blocks shared by the kernels; the streaming steps (HEAN_STREAM) reuse them
// or follow them operation for operation, so streaming equals batch bit for bit.
#pragma once

#include <cstddef>
#include <vector>

#include "hean/indicator.hpp"

namespace hean {

// Window sums are recomputed exactly every resum_every(p, floor) steps, so rounding error
// can't build up over millions of bars or survive a change of price scale; 8p keeps the
// recomputation under one add per bar.
HEAN_INLINE std::size_t resum_every(std::size_t p, std::size_t floor) { return 8 * p > floor ? 8 * p : floor; }

// Bulk advance of a window w (WindowSum, WindowWeightedSum: step_at(x, i) returns its
// value): `count` steps over x[0 .. count) (x[-p .. -1]: the window before), the values
// to s[0 .. count). Out of line with the state in a local, so the sums stay in registers
// (stepped from inside a kernel's chunk callback, GCC kept them in memory: a store-forward
// on every bar's chain); Tag gives each instruction-set level its own copy.
template <class W, class L, class Tag = IsaTag>
[[gnu::noinline]] void window_steps(W& w, const L* x, std::size_t count, L* s) {
  W r = w;
  const L* h = x - r.p;
  for (std::size_t j = 0; j < count; ++j) s[j] = r.step_at(h, j + r.p);
  w = r;
}

// Sum of f(i) over the last p indices, O(1) per step. f is any index -> lane callable.
template <class L>
struct WindowSum {
  std::size_t p = 0;
  std::size_t every = 0;
  std::size_t since = 0;
  L sum{};
  // Steps from here that only slide (the one after re-sums), and the bookkeeping after a
  // caller slid k of them itself with the sums in locals (hma, ChunkSums).
  HEAN_INLINE std::size_t slides_left() const { return every - since - 1; }
  HEAN_INLINE void slid(std::size_t k) { since += k; }

  // Window is f(end-p) .. f(end-1).
  template <class F>
  HEAN_INLINE void init(std::size_t period, F&& f, std::size_t end) {
    p = period;
    every = resum_every(period, 1024);
    since = 0;
    resum(f, end);
  }
  template <class F>
  HEAN_INLINE void resum(F&& f, std::size_t end) {
    L s = splat<L>(0.0);
    for (std::size_t k = end - p; k < end; ++k) s = s + f(k);
    sum = s;
  }
  // Slide so the window ends at index i (inclusive): adds f(i), drops f(i - p).
  template <class F>
  HEAN_INLINE void step(F&& f, std::size_t i) {
    if (++since >= every) [[unlikely]] {
      since = 0;
      resum(f, i + 1);
    } else {
      sum = sum + (f(i) - f(i - p));
    }
  }
  // step() over a contiguous series (f(k) is x[k], x[i - p] must exist); returns the sum.
  HEAN_INLINE L step_at(const L* x, std::size_t i) {
    step([x](std::size_t k) { return x[k]; }, i);
    return sum;
  }
  // Bulk advance (window_steps): the sums of `count` steps over x[0 .. count) to s.
  HEAN_INLINE void steps(const L* x, std::size_t count, L* s) { window_steps(*this, x, count, s); }
  // Slide by four: sets m[0..2] to the sums ending at i, i + 1, i + 2 and leaves `sum`
  // ending at i + 3. Adding the four differences at once leaves one add on the dependency
  // chain per four bars. Kernels group bars from the first step after init; the streaming
  // mirror (src/stream/sma.ts) groups them the same way.
  template <class F>
  HEAN_INLINE void step4(F&& f, std::size_t i, L* m) {
    const L d0 = f(i) - f(i - p), d1 = f(i + 1) - f(i + 1 - p);
    const L d2 = f(i + 2) - f(i + 2 - p), d3 = f(i + 3) - f(i + 3 - p);
    const L d01 = d0 + d1;
    m[0] = sum + d0;
    m[1] = sum + d01;
    m[2] = sum + (d01 + d2);
    since += 4;
    if (since >= every) [[unlikely]] {
      since = 0;
      resum(f, i + 4);
    } else {
      sum = sum + (d01 + (d2 + d3));
    }
  }
};

// Mean and sum of squared deviations of a window, updated Welford-style when it slides
// (no E[x^2] - E[x]^2 cancellation at large prices) and recomputed exactly by two passes
// every max(8p, 128) steps.
template <class L>
struct WindowMoments {
  std::size_t p = 0;
  std::size_t every = 0;
  std::size_t since = 0;
  double inv_p = 0;
  L m{}, m2{};

  template <class F>
  HEAN_INLINE void init(std::size_t period, F&& f, std::size_t end) {
    p = period;
    inv_p = 1.0 / double(period);
    every = resum_every(period, 128);
    since = 0;
    resum(f, end);
  }
  template <class F>
  HEAN_INLINE void resum(F&& f, std::size_t end) {
    L a = splat<L>(0.0);
    for (std::size_t j = end - p; j < end; ++j) a = a + f(j);
    a = a * inv_p;
    L b = splat<L>(0.0);
    for (std::size_t j = end - p; j < end; ++j) {
      L d = f(j) - a;
      b = b + d * d;
    }
    m = a;
    m2 = b;
  }
  template <class F>
  HEAN_INLINE void step(F&& f, std::size_t i) {
    if (++since == every) {
      since = 0;
      resum(f, i + 1);
    } else {
      const L xn = f(i), xo = f(i - p);
      const L dx = xn - xo;
      const L nm = m + dx * inv_p;
      m2 = m2 + dx * ((xn - nm) + (xo - m));
      m = nm;
    }
  }
  HEAN_INLINE L mean() const { return m; }
  // Population variance, clamped at 0.
  HEAN_INLINE L variance() const { return lmax(m2 * inv_p, splat<L>(0.0)); }
};

// WindowMoments that is exact on a constant window: mean the value, m2 exactly 0 (TA-Lib
// 0.8.1's VAR gives exactly 0 there; the slide into a flat stretch would leave a residual
// of ~eps times the earlier windows' m2, 8.6e-7 in a standard deviation at 100-level
// prices). `run` counts the equal neighbours ending at the latest index (compares only),
// so the window is constant iff run >= p - 1; the state is then set to its exact value, so
// the slide out of the flat stretch starts clean. moments_stream_settle is the stream's.
template <class L>
struct FlatMoments : WindowMoments<L> {
  L run{};
  L last{};  // f of the latest index: the next step's neighbour, not loaded again (a strided
             // V8 load is eight loads and the inserts that join them)
  double full = 0;  // p - 1

  template <class F>
  HEAN_INLINE void init(std::size_t period, F&& f, std::size_t end) {
    WindowMoments<L>::init(period, f, end);
    full = double(period - 1);
    const L zero = splat<L>(0.0);
    run = zero;
    for (std::size_t j = end + 1 - period; j < end; ++j) run = lsel(lne(f(j), f(j - 1)), zero, run + 1.0);
    last = f(end - 1);
    settle(last);
  }
  // Slides to index i, which must follow the previous step's (or init's end - 1).
  template <class F>
  HEAN_INLINE void step(F&& f, std::size_t i) {
    WindowMoments<L>::step(f, i);
    const L x = f(i);
    run = lsel(lne(x, last), splat<L>(0.0), run + 1.0);
    last = x;
    settle(x);
  }
  HEAN_INLINE void settle(L x) {
    const auto flat = llt(splat<L>(full - 0.5), run);
    this->m = lsel(flat, x, this->m);
    this->m2 = lsel(flat, splat<L>(0.0), this->m2);
  }
};

// The last `cap` (or more) values of a series computed on the fly, by absolute index
// (capacity rounded up to a power of two, so indexing is a mask).
template <class L>
struct Ring {
  std::vector<L> buf;
  std::size_t mask = 0;
  void init(std::size_t cap) {
    std::size_t c = 1;
    while (c < cap) c <<= 1;
    buf.assign(c, splat<L>(0.0));
    mask = c - 1;
  }
  HEAN_INLINE L& operator[](std::size_t i) { return buf[i & mask]; }
  HEAN_INLINE const L& operator[](std::size_t i) const { return buf[i & mask]; }
};

// Rolling max (Greater) or min of f over the last p of consecutive indices, branch-free
// across lanes (van Herk / Gil-Werman): indices are cut into blocks of p, and the window
// [i-p+1, i] is the tail of the previous block, whose suffix extremes are computed once
// per block, plus the head of the current one, a running extreme: ~3 compares an index
// for any p, O(p) scratch. With Arg it also tracks the extreme's index (as a lane value);
// ties go to the most recent index, as in TA-Lib's AROON, or with Earliest to the oldest
// (TA-Lib's MAXINDEX rescan). Values are exact, so any other rolling-extreme algorithm
// (e.g. a monotonic deque) gives the same numbers, up to which of a tied +0 / -0 is
// returned.
template <class L, bool Greater, bool Arg = false, bool Earliest = false>
struct BlockExtreme {
  std::vector<L> sv, si;  // suffix extremes of the previous block (and their indices)
  std::size_t p = 0, pos = 0;
  bool full = false;      // a whole block has been seen
  L hv{}, hi{};           // extreme of the current block so far
  L val{}, idx{};         // extreme of the window ending at the last pushed index

  void init(std::size_t period) {
    p = period;
    pos = 0;
    full = false;
  }
  static HEAN_INLINE auto beats(L a, L b) {
    if constexpr (Greater) return lgt(a, b);
    else return llt(a, b);
  }
  // The extreme of an older (ov, oi) and a newer (nv, ni) candidate, the tie going to the
  // newer one (or, with Earliest, to the older one).
  static HEAN_INLINE void pick(L ov, L oi, L nv, L ni, L& v, L& i) {
    if constexpr (Earliest) {
      const auto m = beats(nv, ov);
      v = lsel(m, nv, ov);
      if constexpr (Arg) i = lsel(m, ni, oi);
    } else {
      const auto m = beats(ov, nv);
      v = lsel(m, ov, nv);
      if constexpr (Arg) i = lsel(m, oi, ni);
    }
  }
  // Push f(i); i must follow the previously pushed index (the first push may be any i).
  template <class F>
  HEAN_INLINE void push(F&& f, std::size_t i) {
    const L x = f(i);
    if (pos == 0) {
      if (full) {
        if (sv.size() != p) {
          sv.resize(p);
          if constexpr (Arg) si.resize(p);
        }
        L bv = f(i - 1), bi = splat<L>(double(i - 1));
        sv[p - 1] = bv;
        if constexpr (Arg) si[p - 1] = bi;
        for (std::size_t k = p - 1; k-- > 0;) {
          const std::size_t at = i - p + k;
          const L y = f(at);
          if constexpr (Earliest) {
            pick(y, splat<L>(double(at)), bv, bi, bv, bi);
            sv[k] = bv;
            if constexpr (Arg) si[k] = bi;
            continue;
          }
          const auto m = beats(y, bv);  // strict: a tie keeps the later index
          bv = lsel(m, y, bv);
          sv[k] = bv;
          if constexpr (Arg) {
            bi = lsel(m, splat<L>(double(at)), bi);
            si[k] = bi;
          }
        }
      }
      hv = x;
      if constexpr (Arg) hi = splat<L>(double(i));
    } else if constexpr (Earliest) {
      pick(hv, hi, x, splat<L>(double(i)), hv, hi);
    } else {
      const auto m = beats(hv, x);
      hv = lsel(m, hv, x);
      if constexpr (Arg) hi = lsel(m, hi, splat<L>(double(i)));
    }
    if (!full || pos == p - 1) {
      val = hv;
      if constexpr (Arg) idx = hi;
    } else if constexpr (Earliest) {
      pick(sv[pos + 1], Arg ? si[pos + 1] : hi, hv, hi, val, idx);
    } else {
      const auto m = beats(sv[pos + 1], hv);  // the head is more recent: it wins ties
      val = lsel(m, sv[pos + 1], hv);
      if constexpr (Arg) idx = lsel(m, si[pos + 1], hi);
    }
    if (++pos == p) {
      pos = 0;
      full = true;
    }
  }
};

// Co-moments of a window of pairs (f(i), g(i)): sums of squared and cross deviations
// from the window means. Kept as sums of the values shifted by reference points kx, ky
// (the window means at the last exact recomputation, every max(8p, 128) steps): shifted
// values near each other subtract exactly, so large price levels don't cancel. Windows
// of up to 8 values are recomputed exactly every step: there a few nearly equal values
// (tiny variance, far from the shift) are likely and cost little to redo.
template <class L>
struct WindowCoMoments {
  std::size_t p = 0;
  std::size_t every = 0;
  std::size_t since = 0;
  double inv_p = 0;
  L kx{}, ky{}, sx{}, sy{}, sxx{}, syy{}, sxy{};

  template <class F, class G>
  HEAN_INLINE void init(std::size_t period, F&& f, G&& g, std::size_t end) {
    p = period;
    inv_p = 1.0 / double(period);
    every = period <= 8 ? 1 : resum_every(period, 128);
    since = 0;
    resum(f, g, end);
  }
  template <class F, class G>
  HEAN_INLINE void resum(F&& f, G&& g, std::size_t end) {
    L a = splat<L>(0.0), b = splat<L>(0.0);
    for (std::size_t j = end - p; j < end; ++j) {
      a = a + f(j);
      b = b + g(j);
    }
    kx = a * inv_p;
    ky = b * inv_p;
    L x1 = splat<L>(0.0), y1 = x1, xx = x1, yy = x1, xy = x1;
    for (std::size_t j = end - p; j < end; ++j) {
      const L dx = f(j) - kx, dy = g(j) - ky;
      x1 = x1 + dx;
      y1 = y1 + dy;
      xx = xx + dx * dx;
      yy = yy + dy * dy;
      xy = xy + dx * dy;
    }
    sx = x1;
    sy = y1;
    sxx = xx;
    syy = yy;
    sxy = xy;
  }
  // Slide so the window ends at index i (inclusive). True where it was a scheduled re-sum.
  template <class F, class G>
  HEAN_INLINE bool step(F&& f, G&& g, std::size_t i) {
    if (++since == every) {
      since = 0;
      resum(f, g, i + 1);
      return true;
    }
    const L xn = f(i) - kx, xo = f(i - p) - kx, yn = g(i) - ky, yo = g(i - p) - ky;
    sx = sx + (xn - xo);
    sy = sy + (yn - yo);
    sxx = sxx + (xn * xn - xo * xo);
    syy = syy + (yn * yn - yo * yo);
    sxy = sxy + (xn * yn - xo * yo);
    return false;
  }
  // Re-sums the lanes of mask m afresh over the window ending at index i (inclusive), out of
  // schedule (the re-sum count is left as it is).
  template <class Mask, class F, class G>
  HEAN_INLINE void resum_lanes(Mask m, F&& f, G&& g, std::size_t i) {
    WindowCoMoments r = *this;
    r.resum(f, g, i + 1);
    kx = lsel(m, r.kx, kx);
    ky = lsel(m, r.ky, ky);
    sx = lsel(m, r.sx, sx);
    sy = lsel(m, r.sy, sy);
    sxx = lsel(m, r.sxx, sxx);
    syy = lsel(m, r.syy, syy);
    sxy = lsel(m, r.sxy, sxy);
  }
  // Sums of squared / cross deviations from the window means (p times the population
  // (co)variances); may round to slightly below 0 for a (nearly) constant window.
  HEAN_INLINE L dxx() const { return sxx - sx * sx * inv_p; }
  HEAN_INLINE L dyy() const { return syy - sy * sy * inv_p; }
  HEAN_INLINE L dxy() const { return sxy - sx * sy * inv_p; }
};

// Plain sum and linearly weighted sum (weights 1..p, newest heaviest) of the last p values
// of f, O(1) per step as TA-Lib's WMA: wsum' = (wsum - sum) + p*f(i), then
// sum' = sum + (f(i) - f(i-p)). Recomputed exactly every resum_every(p, 1024) steps.
template <class L>
struct WindowWeightedSum {
  std::size_t p = 0;
  std::size_t every = 0;
  std::size_t since = 0;
  double dp = 0;
  L sum{}, wsum{};
  // Steps from here that only slide (the one after re-sums), and the bookkeeping after a
  // caller slid k of them itself with the sums in locals (hma, ChunkSums).
  HEAN_INLINE std::size_t slides_left() const { return every - since - 1; }
  HEAN_INLINE void slid(std::size_t k) { since += k; }

  // Window is f(end-p) .. f(end-1), weights 1 .. p.
  template <class F>
  HEAN_INLINE void init(std::size_t period, F&& f, std::size_t end) {
    p = period;
    dp = double(period);
    every = resum_every(period, 1024);
    since = 0;
    resum(f, end);
  }
  template <class F>
  HEAN_INLINE void resum(F&& f, std::size_t end) {
    L s = splat<L>(0.0), w = splat<L>(0.0);
    double k = 1.0;
    for (std::size_t j = end - p; j < end; ++j, k += 1.0) {
      const L v = f(j);
      s = s + v;
      w = w + v * k;
    }
    sum = s;
    wsum = w;
  }
  // Slide so the window ends at index i (inclusive).
  template <class F>
  HEAN_INLINE void step(F&& f, std::size_t i) {
    if (++since == every) {
      since = 0;
      resum(f, i + 1);
    } else {
      slide(sum, wsum, f(i), f(i - p), dp);
    }
  }
  // The slide by one value v (old leaving) of the sums of a window of dp values, kept
  // anywhere (locals of a branch-free loop, a stream's state).
  static HEAN_INLINE void slide(L& s, L& w, L v, L old, double dp) {
    w = (w - s) + v * dp;
    s = s + (v - old);
  }
  // step() over a contiguous series (f(k) is x[k], x[i - p] must exist); returns wsum.
  HEAN_INLINE L step_at(const L* x, std::size_t i) {
    step([x](std::size_t k) { return x[k]; }, i);
    return wsum;
  }
  // Bulk advance (window_steps): the weighted sums of `count` steps over x[0 .. count) to s.
  HEAN_INLINE void steps(const L* x, std::size_t count, L* s) { window_steps(*this, x, count, s); }
};

}  // namespace hean
