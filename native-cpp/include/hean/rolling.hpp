// Window building blocks shared by the kernels. The TypeScript streaming classes mirror
// these step for step (src/stream/rolling.ts), so keep the operation order in sync.
#pragma once

#include <cstddef>
#include <vector>

#include "hean/indicator.hpp"

namespace hean {

// Window sums are recomputed exactly every resum_every(p, floor) steps, so rounding error
// can't build up over millions of bars or survive a change of price scale; 8p keeps the
// recomputation under one add per bar.
HEAN_INLINE std::size_t resum_every(std::size_t p, std::size_t floor) { return 8 * p > floor ? 8 * p : floor; }

// Sum of f(i) over the last p indices, O(1) per step. f is any index -> lane callable.
template <class L>
struct WindowSum {
  std::size_t p = 0;
  std::size_t every = 0;
  std::size_t since = 0;
  L sum{};

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
    if (++since >= every) {
      since = 0;
      resum(f, i + 1);
    } else {
      sum = sum + (f(i) - f(i - p));
    }
  }
  // Slide by two: returns the sum ending at i and leaves `sum` ending at i + 1. Adding both
  // differences at once halves the dependency chain (one add per two bars). Kernels pair
  // bars from the first step after init; the streaming mirror pairs the same way.
  template <class F>
  HEAN_INLINE L step2(F&& f, std::size_t i) {
    const L d0 = f(i) - f(i - p), d1 = f(i + 1) - f(i + 1 - p);
    const L mid = sum + d0;
    since += 2;
    if (since >= every) {
      since = 0;
      resum(f, i + 2);
    } else {
      sum = sum + (d0 + d1);
    }
    return mid;
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

// Monotonic deque over indices for a rolling max (Greater=true) or min of the last p
// values; on ties the most recent index wins, as in TA-Lib's AROON/MAX/MIN.
template <bool Greater>
struct WindowExtreme {
  std::vector<std::size_t> buf;  // ring of indices, capacity p + 1
  std::size_t head = 0, size = 0, p = 0;

  void init(std::size_t period) {
    p = period;
    buf.assign(period + 1, 0);
    head = size = 0;
  }
  // Push index i (value v(i)) and expire indices <= i - p. Returns the extreme's index.
  template <class F>
  HEAN_INLINE std::size_t push(F&& v, std::size_t i) {
    const std::size_t cap = buf.size();
    double x = v(i);
    while (size > 0) {
      std::size_t back = buf[(head + size - 1) % cap];
      double b = v(back);
      if (Greater ? (b <= x) : (b >= x)) --size; else break;
    }
    buf[(head + size) % cap] = i;
    ++size;
    while (buf[head] + p <= i) {
      head = (head + 1) % cap;
      --size;
    }
    return buf[head];
  }
};

// The last `cap` lane values of a derived series, indexed by bar (ring of power-of-two
// size): scratch for indicators that smooth an intermediate series over a window.
template <class L>
struct LaneRing {
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
      const L v = f(i);
      wsum = (wsum - sum) + v * dp;
      sum = sum + (v - f(i - p));
    }
  }
};

}  // namespace hean
