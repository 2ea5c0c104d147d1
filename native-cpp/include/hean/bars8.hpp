// Eight consecutive bars of one series as the lanes of a V8 (lane l = q[l]), for scalar
// (one-series) kernels whose per-bar work is a loop over the window (CCI's mean deviation,
// the linear regression sums): eight bars are computed at once, each lane doing its bar's
// arithmetic in the scalar order, so the bits are the scalar loop's (and the streaming
// step's) at every ISA level.
#pragma once

#include <cstdint>
#include <cstring>
#if defined(__SSE2__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#endif

#include "hean/indicator.hpp"
#include "hean/lanes.hpp"

namespace hean {

// Part by part where V8 is a struct of vector parts: one 64-byte memcpy into the struct
// becomes 16-byte stores to a stack temporary read back as 32-byte parts, a failed
// store-to-load forward on every window load (cci ran 6x slower at AVX2 than at SSE2).
HEAN_INLINE V8 bars8(const double* q) {
  V8 v;
#ifdef HEAN_PARTS_V8
#define HEAN_BARS8_LOAD(m, k) std::memcpy(&v.m, q + (k) * kPartLanes, sizeof v.m);
  HEAN_EACH_PART(HEAN_BARS8_LOAD)
#undef HEAN_BARS8_LOAD
#else
  std::memcpy(&v, q, sizeof v);
#endif
  return v;
}
HEAN_INLINE void put_bars8(double* q, V8 v) {
#ifdef HEAN_PARTS_V8
#define HEAN_BARS8_STORE(m, k) std::memcpy(q + (k) * kPartLanes, &v.m, sizeof v.m);
  HEAN_EACH_PART(HEAN_BARS8_STORE)
#undef HEAN_BARS8_STORE
#else
  std::memcpy(q, &v, sizeof v);
#endif
}

inline namespace HEAN_ISA_NS {

// Non-temporal (streaming) stores of whole cache lines, for kernels that write an output far
// larger than the caches in one pass: the line goes to memory without first being read
// for ownership (an ordinary store reads every output line it writes). The values are
// the same; only where the line lives afterwards differs. Off below kStreamMin doubles
// (an output that fits the L2 stays there for the caller), off where the level has no
// such store (NEON, WebAssembly). Use: `StreamOut w(q, n)`; w.on tells whether q + w.lead
// is line-aligned and streaming pays; write bars [0, lead) and the tail ordinarily,
// 8-bar groups from lead on with stream_bars8; the destructor orders the stores.
constexpr std::size_t kStreamMin = std::size_t(1) << 19;  // 4 MiB of doubles: 4x the L2
#if defined(__SSE2__) && (defined(__x86_64__) || defined(__i386__))
#define HEAN_STREAM_STORES 1
#endif
struct StreamOut {
  bool on = false;
  std::size_t lead = 0;
  StreamOut(const double* q, std::size_t n) {
#ifdef HEAN_STREAM_STORES
    const std::uintptr_t a = reinterpret_cast<std::uintptr_t>(q);
    if (n >= kStreamMin && a % sizeof(double) == 0) {
      on = true;
      lead = ((64 - a % 64) % 64) / sizeof(double);
    }
#else
    (void)q, (void)n;
#endif
  }
  ~StreamOut() {
#ifdef HEAN_STREAM_STORES
    if (on) _mm_sfence();
#endif
  }
  StreamOut(const StreamOut&) = delete;
  StreamOut& operator=(const StreamOut&) = delete;
};
// Writes v to the 64-byte-aligned line q with a non-temporal store (StreamOut.on only).
HEAN_INLINE void stream_bars8(double* q, V8 v) {
#if !defined(HEAN_STREAM_STORES)
  put_bars8(q, v);
#elif defined(HEAN_NATIVE_V8)
  _mm512_stream_pd(q, v);
#elif HEAN_ISA == 2
  _mm256_stream_pd(q, v.a);
  _mm256_stream_pd(q + 4, v.b);
#else
  _mm_stream_pd(q, v.a);
  _mm_stream_pd(q + 2, v.b);
  _mm_stream_pd(q + 4, v.c);
  _mm_stream_pd(q + 6, v.d);
#endif
}

// Bars [i, e) of an output y: v8(j) the eight bars from j, v1(j) bar j (the same
// expression, generic in the lane type). With w.on (y's StreamOut) the whole lines go out
// with non-temporal stores, the bars before the first line boundary and the tail
// ordinarily; for kernels that hand their output over a chunk at a time and never read it
// back.
template <class V8Of, class V1Of>
HEAN_INLINE void put_bars_range(const StreamOut& w, double* y, std::size_t i, std::size_t e, V8Of&& v8, V1Of&& v1) {
  if (w.on) {
    for (; i < e && reinterpret_cast<std::uintptr_t>(y + i) % 64 != 0; ++i) y[i] = v1(i);
    for (; i + 8 <= e; i += 8) stream_bars8(y + i, v8(i));
  } else {
    for (; i + 8 <= e; i += 8) put_bars8(y + i, v8(i));
  }
  for (; i < e; ++i) y[i] = v1(i);
}

// A bar-by-bar function of one series' N inputs (price transforms, BOP): gap-scanned spans
// a chunk at a time, eight bars at once (pointwise_kernel's per-read gap check keeps its
// loop scalar: ~2x the time of the reads themselves). `of` is the indicator's own
// expression, generic in the lane type, so the bits are the scalar ones.
// Large outputs go out with non-temporal stores (StreamOut): the first chunk starts with the
// bars up to the first line boundary, so every chunk's 8-bar groups are line-aligned.
// `spans(i0, m, x)` points x[0 .. N) at the N inputs of bars i0 .. i0 + m.
template <int N, class Spans, class F>
HEAN_INLINE void pointwise_spans(std::size_t n, const Out<double>& y, Spans&& spans, F&& of) {
  constexpr std::size_t kChunk = 512;
  const StreamOut w(y.p, n);
  const auto bar = [&](const double* const* x, std::size_t j) {
    if constexpr (N == 2) return of(x[0][j], x[1][j]);
    else if constexpr (N == 3) return of(x[0][j], x[1][j], x[2][j]);
    else return of(x[0][j], x[1][j], x[2][j], x[3][j]);
  };
  const auto bars = [&](const double* const* x, std::size_t j) {
    if constexpr (N == 2) return of(bars8(x[0] + j), bars8(x[1] + j));
    else if constexpr (N == 3) return of(bars8(x[0] + j), bars8(x[1] + j), bars8(x[2] + j));
    else return of(bars8(x[0] + j), bars8(x[1] + j), bars8(x[2] + j), bars8(x[3] + j));
  };
  for (std::size_t i0 = 0; i0 < n;) {
    const std::size_t m = i0 == 0 && w.lead ? w.lead : n - i0 < kChunk ? n - i0 : kChunk;
    const double* x[N];
    spans(i0, m, x);
    double* q = y.p + i0;
    std::size_t j = 0;
    if (w.on)
      for (; j + 8 <= m; j += 8) stream_bars8(q + j, bars(x, j));
    else
      for (; j + 8 <= m; j += 8) put_bars8(q + j, bars(x, j));
    for (; j < m; ++j) q[j] = bar(x, j);
    i0 += m;
  }
}
template <int N, class F>
HEAN_INLINE void pointwise_series(const In<double>* in, std::size_t n, const Out<double>& y, F&& of) {
  pointwise_spans<N>(n, y, [&](std::size_t i0, std::size_t m, const double** x) {
    for (int k = 0; k < N; ++k) x[k] = in[k].span(i0, m);
  }, static_cast<F&&>(of));
}

}  // namespace HEAN_ISA_NS
}  // namespace hean
