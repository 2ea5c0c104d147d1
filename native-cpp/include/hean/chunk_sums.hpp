// ChunkSums: window sums of term series, a chunk of one series' bars at a time (ultosc, mfi).
#pragma once

#include <cstddef>
#include <vector>

#include "hean/rolling.hpp"

namespace hean {
// Per instruction-set level (as lanes.hpp): the out-of-line copies of these functions are
// built once per level, and must not be merged across levels by the linker.
inline namespace HEAN_ISA_NS {

// WindowSum over term series of one series (L = double), a chunk of bars at a time: the
// caller writes the chunk's T term rows (eight bars at once), run() slides K sums over them
// and the caller then reads the sums (eight bars at once, so the divisions of the ratio
// kernels vectorize). Sum k adds term row src[k] over windows of win[k] bars; every sum
// starts at bar `first` with WindowSum::init (the exact sum of the window ending there),
// then takes WindowSum::step's operations and re-sum schedule, so the bits are WindowSum's
// (and the streaming steps'). Between re-sums the K add chains run side by side without a
// branch, their differences computed beforehand eight bars at once.
template <int T, int K>
struct ChunkSums {
  std::size_t lb = 0, chunk = 0, first = 0, i0 = 0, m = 0;
  std::size_t win[K], src[K], every[K], next[K];
  double acc[K];
  std::vector<double> buf;  // T term rows of lb + chunk (the history first), then K sum rows

  void init(const std::size_t* w, const std::size_t* from, std::size_t first_bar) {
    lb = 0;
    for (int k = 0; k < K; ++k) {
      win[k] = w[k];
      src[k] = from[k];
      lb = w[k] > lb ? w[k] : lb;
      every[k] = resum_every(w[k], 1024);
      next[k] = first_bar + every[k];
    }
    // At least the longest window, so shifting the history costs under a copy a bar.
    chunk = lb > 512 ? lb : 512;
    buf.assign(T * (lb + chunk) + K * chunk, 0.0);
    first = i0 = first_bar;
    m = 0;
  }
  // Term row r of bar i (i0 - lb <= i < i0 + m) is term(r)[i - i0]; sum k's is sum(k)[i - i0].
  HEAN_INLINE double* term(std::size_t r) { return buf.data() + r * (lb + chunk) + lb; }
  HEAN_INLINE double* sum(int k) { return buf.data() + T * (lb + chunk) + k * chunk; }
  // Moves to the next chunk (the first: bars from `first` on); returns its length m.
  std::size_t begin(std::size_t n) {
    if (m) {
      for (int r = 0; r < T; ++r) {
        double* t = term(r) - lb;
        for (std::size_t j = 0; j < lb; ++j) t[j] = t[j + m];
      }
      i0 += m;
    }
    m = n - i0 < chunk ? n - i0 : chunk;
    return m;
  }
  HEAN_INLINE void resum(int k, std::size_t j) {
    const double* t = term(src[k]);
    double s = 0.0;
    for (std::size_t q = j + 1 - win[k]; q != j + 1; ++q) s = s + t[q];
    acc[k] = s;
  }
  HEAN_INLINE void slide(int k, std::size_t j) {
    const double* t = term(src[k]);
    acc[k] = acc[k] + (t[j] - t[j - win[k]]);
  }
  // The sums of the chunk's bars. With `empty`, sums are set to 0 after each bar j where
  // empty[j] (MFI's empty-window rule); that path goes bar by bar.
  void run(const unsigned char* empty = nullptr) {
    double* S[K];
    for (int k = 0; k < K; ++k) S[k] = sum(k);
    std::size_t j = 0;
    if (i0 == first) {
      for (int k = 0; k < K; ++k) {
        resum(k, 0);
        if (empty && empty[0]) acc[k] = 0.0;
        S[k][0] = acc[k];
      }
      j = 1;
    }
    while (j < m) {
      std::size_t e = m;
      for (int k = 0; k < K; ++k) e = next[k] - i0 < e ? next[k] - i0 : e;
      if (empty) {
        for (; j < e; ++j) {
          for (int k = 0; k < K; ++k) {
            slide(k, j);
            if (empty[j]) acc[k] = 0.0;
            S[k][j] = acc[k];
          }
        }
      } else {
        // The differences eight bars at once, then the add chains alone (in place).
        for (int k = 0; k < K; ++k) {
          const double* t = term(src[k]);
          const double* o = t - win[k];
          double* s = S[k];
          for (std::size_t q = j; q < e; ++q) s[q] = t[q] - o[q];
        }
        double a[K];
        for (int k = 0; k < K; ++k) a[k] = acc[k];
        for (; j < e; ++j) {
          for (int k = 0; k < K; ++k) {
            a[k] = a[k] + S[k][j];
            S[k][j] = a[k];
          }
        }
        for (int k = 0; k < K; ++k) acc[k] = a[k];
      }
      if (e == m) break;
      // At bar e the windows due (WindowSum::step's schedule) are re-summed, the others slide.
      for (int k = 0; k < K; ++k) {
        if (next[k] == i0 + e) {
          resum(k, e);
          next[k] += every[k];
        } else {
          slide(k, e);
        }
        if (empty && empty[e]) acc[k] = 0.0;
        S[k][e] = acc[k];
      }
      j = e + 1;
    }
  }
};

// WindowSum::step (sliding, re-summed on its schedule) over bars of a contiguous series:
// x[j] is bar i0 + j for j in [-p, count), the sums of bars i0 .. i0 + count - 1 go to
// s[0 .. count). Out of line, so the sum stays in a register (stepped from inside a
// kernel's chunk callback, GCC kept it in memory: a store-forward on every bar's chain).
[[gnu::noinline]] inline void window_sum_steps(WindowSum<double>& w, const double* x, std::size_t count, double* s) {
  const std::ptrdiff_t p = std::ptrdiff_t(w.p), n = std::ptrdiff_t(count);
  const std::size_t every = w.every;
  std::size_t since = w.since;
  double acc = w.sum;
  for (std::ptrdiff_t j = 0; j < n; ++j) {
    if (++since >= every) [[unlikely]] {
      since = 0;
      double t = 0.0;
      for (std::ptrdiff_t q = j + 1 - p; q <= j; ++q) t = t + x[q];
      acc = t;
    } else {
      acc = acc + (x[j] - x[j - p]);
    }
    s[j] = acc;
  }
  w.since = since;
  w.sum = acc;
}

}  // namespace HEAN_ISA_NS
}  // namespace hean
