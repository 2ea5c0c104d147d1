// Window building blocks shared by the kernels. The TypeScript streaming classes mirror
// these step for step (src/stream/rolling.ts), so keep the operation order in sync.
#pragma once

#include <cstddef>
#include <vector>

#include "hean/indicator.hpp"

namespace hean {

// Re-sum a running window sum exactly at least this often, so rounding error can't build
// up over millions of bars or survive a change of price scale.
constexpr std::size_t kResumEvery = 1024;

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
    every = period > kResumEvery ? period : kResumEvery;
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
    if (++since == every) {
      since = 0;
      resum(f, i + 1);
    } else {
      sum = sum + (f(i) - f(i - p));
    }
  }
};

// First and second moments of a window about a shift k (the oldest value at the last
// re-sum), so the variance doesn't cancel catastrophically for large prices.
template <class L>
struct WindowMoments {
  std::size_t p = 0;
  std::size_t every = 0;
  std::size_t since = 0;
  L k{}, s1{}, s2{};

  template <class F>
  HEAN_INLINE void init(std::size_t period, F&& f, std::size_t end) {
    p = period;
    every = period > kResumEvery ? period : kResumEvery;
    since = 0;
    resum(f, end);
  }
  template <class F>
  HEAN_INLINE void resum(F&& f, std::size_t end) {
    k = f(end - p);
    L a = splat<L>(0.0), b = splat<L>(0.0);
    for (std::size_t j = end - p; j < end; ++j) {
      L d = f(j) - k;
      a = a + d;
      b = b + d * d;
    }
    s1 = a;
    s2 = b;
  }
  template <class F>
  HEAN_INLINE void step(F&& f, std::size_t i) {
    if (++since == every) {
      since = 0;
      resum(f, i + 1);
    } else {
      L dn = f(i) - k, dd = f(i - p) - k;
      s1 = s1 + (dn - dd);
      s2 = s2 + (dn * dn - dd * dd);
    }
  }
  HEAN_INLINE L mean(double inv_p) const { return k + s1 * inv_p; }
  // Population variance, clamped at 0.
  HEAN_INLINE L variance(double inv_p) const {
    L m = s1 * inv_p;
    L v = s2 * inv_p - m * m;
    return lmax(v, splat<L>(0.0));
  }
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

}  // namespace hean
