// ChunkSums: window sums of term series, a chunk of one series' bars at a time (ultosc, mfi).
#pragma once

#include <cstddef>
#include <cstdint>
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
  std::size_t src[K];
  WindowSum<double> w[K];
  // T term rows of hoff + chunk (the history first), then K sum rows of chunk, in buf from
  // its first 64-byte boundary on. Each row's bar i0 starts a cache line (the eight-bar
  // stores and the chains' rows never split lines), and the rows' bar i0 lie 4096/(T + K)
  // bytes apart modulo 4 KiB: with rows of 512 bars, ultosc's sum rows were whole pages
  // apart, and a chain's load from one row could be taken for a load of the store just made
  // to the row before (4K aliasing).
  std::vector<double> buf;
  double* base = nullptr;
  std::size_t hoff = 0;
  std::size_t at[T + K];  // where row r's bar i0 is, in doubles from base

  void init(const std::size_t* win, const std::size_t* from, std::size_t first_bar) {
    lb = 0;
    for (int k = 0; k < K; ++k) {
      src[k] = from[k];
      lb = win[k] > lb ? win[k] : lb;
      w[k].p = win[k];
      w[k].every = resum_every(win[k], 1024);
      w[k].since = 0;
    }
    // At least the longest window, so shifting the history costs under a copy a bar; else
    // 256 bars, so ultosc's eight rows (16 KiB) stay in L1 beside the inputs' lines. With
    // the stagger, 1M bars ultosc, min CPU ns/bar of 7 processes (AVX2, load 6-7): 512
    // bars unstaggered 6.23, staggered 5.89, 256 staggered 6.10 (medians 6.66, 6.48, 6.34).
    chunk = lb > 256 ? (lb + 7) / 8 * 8 : 256;
    hoff = (lb + 7) / 8 * 8;
    constexpr std::size_t kPage = 512, kStagger = kPage / (T + K) / 8 * 8;  // in doubles
    std::size_t end = 0;
    for (int r = 0; r < T + K; ++r) {
      const std::size_t lo = end + (r < T ? hoff : 0), phase = r * kStagger;
      at[r] = lo + (phase + kPage - lo % kPage) % kPage;
      end = at[r] + chunk;
    }
    buf.assign(end + 8, 0.0);
    base = buf.data() + (64 - reinterpret_cast<std::uintptr_t>(buf.data()) % 64) % 64 / sizeof(double);
    first = i0 = first_bar;
    m = 0;
  }
  // Term row r of bar i (i0 - lb <= i < i0 + m) is term(r)[i - i0]; sum k's is sum(k)[i - i0].
  HEAN_INLINE double* term(std::size_t r) { return base + at[r]; }
  HEAN_INLINE double* sum(int k) { return base + at[T + k]; }
  // Sum k's terms with its window's history first: x[j + p] is bar i0 + j's term.
  HEAN_INLINE const double* hist(int k) { return term(src[k]) - w[k].p; }
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
  // The sums of the chunk's bars. With `empty`, sums are set to 0 after each bar j where
  // empty[j] (MFI's empty-window rule); that path goes bar by bar. done(q): the sums of the
  // chunk's bars before q are final (called as the add chains go, every Group bars if not
  // 0, and at the end with m), so a caller can work on them while the chains run on: in
  // two passes, the chains' latency and the caller's divisions were paid one after the other.
  void run(const unsigned char* empty = nullptr) {
    run<0>(empty, [](std::size_t) {});
  }
  template <std::size_t Group, class Done>
  void run(const unsigned char* empty, Done&& done) {
    double* S[K];
    for (int k = 0; k < K; ++k) S[k] = sum(k);
    std::size_t j = 0;
    if (i0 == first) {
      for (int k = 0; k < K; ++k) {
        const double* x = hist(k);
        w[k].resum([x](std::size_t q) { return x[q]; }, w[k].p + 1);
        if (empty && empty[0]) w[k].sum = 0.0;
        S[k][0] = w[k].sum;
      }
      j = 1;
    }
    while (j < m) {
      // e: the first bar whose step re-sums a window (since reaching every).
      std::size_t e = m;
      for (int k = 0; k < K; ++k) {
        const std::size_t d = j + w[k].slides_left();
        e = d < e ? d : e;
      }
      if (empty) {
        for (; j < e; ++j) {
          for (int k = 0; k < K; ++k) {
            w[k].step_at(hist(k), j + w[k].p);
            if (empty[j]) w[k].sum = 0.0;
            S[k][j] = w[k].sum;
          }
        }
      } else {
        // step's slide with its differences hoisted: those eight bars at once, then the add
        // chains alone (in place), side by side without a branch.
        for (int k = 0; k < K; ++k) {
          const double* t = term(src[k]);
          const double* o = t - w[k].p;
          double* s = S[k];
          for (std::size_t q = j; q < e; ++q) s[q] = t[q] - o[q];
        }
        double a[K];
        for (int k = 0; k < K; ++k) a[k] = w[k].sum;
        for (std::size_t g = j; g < e;) {
          const std::size_t ge = Group != 0 && g + Group < e ? g + Group : e;
          for (std::size_t q = g; q < ge; ++q) {
            for (int k = 0; k < K; ++k) {
              a[k] = a[k] + S[k][q];
              S[k][q] = a[k];
            }
          }
          done(ge);
          g = ge;
        }
        for (int k = 0; k < K; ++k) {
          w[k].sum = a[k];
          w[k].slid(e - j);
        }
        j = e;
      }
      if (e == m) break;
      // Bar e: WindowSum::step (the windows due re-sum, the others slide).
      for (int k = 0; k < K; ++k) {
        w[k].step_at(hist(k), e + w[k].p);
        if (empty && empty[e]) w[k].sum = 0.0;
        S[k][e] = w[k].sum;
      }
      j = e + 1;
    }
    done(m);
  }
};

}  // namespace HEAN_ISA_NS
}  // namespace hean
