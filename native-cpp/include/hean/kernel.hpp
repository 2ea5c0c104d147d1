// Shared by every kernel source file: the lane helpers, window blocks and the macros
// that turn one kernel template into the table's scalar and 8-lane entry points.
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hean/indicator.hpp"
#include "hean/lmath.hpp"
#include "hean/rolling.hpp"
#include "hean/series_extremes.hpp"
#include "hean/stream.hpp"

namespace hean {

HEAN_INLINE std::size_t opt_size(double v) { return static_cast<std::size_t>(v); }

template <class L>
HEAN_INLINE void fill_nan(const Out<L>& o, std::size_t from, std::size_t to) {
  const L nan = splat<L>(kNaN);
  for (std::size_t i = from; i < to; ++i) o.set(i, nan);
}

// One exponential smoothing step, y' = y*a + x*k. With a = 1-k precomputed the multiply
// by k is off the dependency chain: ~6 cycles a bar without FMA instead of ~9 for TA-Lib's
// (x-y)*k + y. Agrees with TA-Lib to ~1e-15 relative.
template <class L>
struct Ema {
  double k, a, a2, ak;
  static Ema make(double k, double a) { return {k, a, a * a, a * k}; }
  static Ema with_period(std::size_t p) {
    const double k = 2.0 / (double(p) + 1.0);
    return make(k, 1.0 - k);
  }
  static Ema wilder(std::size_t p) { return make(1.0 / double(p), double(p - 1) / double(p)); }
  HEAN_INLINE L step(L y, L x) const { return y * a + x * k; }
  // Two steps from y: returns the value after x0 and sets y to the value after x1, computed
  // as a^2*y + (a*k*x0 + k*x1) so the chain is one multiply-add per two bars.
  HEAN_INLINE L step2(L& y, L x0, L x1) const {
    const L mid = y * a + x0 * k;
    y = y * a2 + (x0 * ak + x1 * k);
    return mid;
  }
};

// Streaming SMA-seeded exponential smoothing (EMA, Wilder's). State: n (bars in the run),
// y (the value, the pair's anchor when paired; the seed's sum until then), x0 (first bar
// of the current pair), out. Paired (EMA): bars after the seed go in pairs as in the batch
// kernel, the second of a pair by Ema::step2 from the anchor.
// The constants: Ema's k, a, a2, ak in c.k.
template <bool Paired>
HEAN_INLINE void exp_stream_step(StreamCtx& c, const double* x) {
  const Ema<double> e{c.k[0], c.k[1], c.k[2], c.k[3]};
  double* s = c.s;  // n, y, x0, out
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = 0;
    s[1] = 0;
    s[3] = kNaN;
    return;
  }
  const double n = ++s[0];
  const double p = c.o[0];
  if (n <= p) {
    s[1] += v;
    if (n < p) {
      s[3] = kNaN;
      return;
    }
    s[3] = s[1] = s[1] / p;
    return;
  }
  if (!Paired) {
    s[3] = s[1] = e.step(s[1], v);
    return;
  }
  if ((std::size_t(n - p)) & 1) {
    s[2] = v;
    s[3] = e.step(s[1], v);
    return;
  }
  e.step2(s[1], s[2], v);
  s[3] = s[1];
}

HEAN_INLINE void ema_constants(const Ema<double>& e, double* k) {
  k[0] = e.k;
  k[1] = e.a;
  k[2] = e.a2;
  k[3] = e.ak;
}
HEAN_INLINE std::size_t no_window(const double*) { return 0; }
// Sets the first n state values to 0 and the last to NaN (the usual `out`).
template <int N>
HEAN_INLINE void clear_state(StreamCtx& c) {
  for (int i = 0; i < N - 1; ++i) c.s[i] = 0;
  c.s[N - 1] = kNaN;
}

// Streaming WindowMoments (mean and sum of squared deviations of the last p values): state
// s[0..4] = n, pos (ring slot of the oldest), since, mean, m2; the window is the ring;
// constants k[0] = 1/p, k[1] = resum_every(p, 128). The same Welford slide and two-pass
// re-sum as WindowMoments::step / resum. Returns false while the window fills (or on a gap).
HEAN_INLINE bool moments_stream_push(StreamCtx& c, double x);
HEAN_INLINE bool moments_stream_slide(StreamCtx& c, double x) {
  if (is_gap(x)) {
    c.s[0] = c.s[1] = 0;
    return false;
  }
  return moments_stream_push(c, x);
}
// moments_stream_slide without the gap test (for values derived from the inputs, e.g. log
// returns, which the batch kernel keeps in its window whatever they are).
HEAN_INLINE bool moments_stream_push(StreamCtx& c, double x) {
  double* s = c.s;
  const std::size_t p = opt_size(c.o[0]);
  const double inv_p = c.k[0];
  const double n = ++s[0];
  const std::size_t pos = std::size_t(s[1]);
  const double old = c.w[pos];
  c.put(pos, x);
  const std::size_t next = pos + 1 == p ? 0 : pos + 1;
  s[1] = double(next);
  if (n < double(p)) return false;
  if (n == double(p) || ++s[2] >= c.k[1]) {
    s[2] = 0;
    double a = 0.0;
    for (std::size_t k = 0; k < p; ++k) a = a + c.w[(next + k) % p];
    a = a * inv_p;
    double b = 0.0;
    for (std::size_t k = 0; k < p; ++k) {
      const double d = c.w[(next + k) % p] - a;
      b = b + d * d;
    }
    s[3] = a;
    s[4] = b;
    return true;
  }
  const double dx = x - old;
  const double nm = s[3] + dx * inv_p;
  s[4] = s[4] + dx * ((x - nm) + (old - s[3]));
  s[3] = nm;
  return true;
}
// FlatMoments::settle for the stream (after moments_stream_slide / _push returned true,
// x the latest value): a constant window's state is set to mean x, m2 0. The kernel counts
// equal neighbours; here the ring is compared newest to oldest, stopping at the first
// difference, and not at all when the state already is that (a long flat stretch).
HEAN_INLINE void moments_stream_settle(StreamCtx& c, double x) {
  double* s = c.s;
  if (std::bit_cast<std::uint64_t>(s[3]) == std::bit_cast<std::uint64_t>(x) && std::bit_cast<std::uint64_t>(s[4]) == 0) return;
  const std::size_t p = opt_size(c.o[0]), next = std::size_t(s[1]);
  // The latest value sits just before `next` (the oldest); k counts back from it.
  for (std::size_t k = 1, j = next == 0 ? p - 1 : next - 1; k < p; ++k) {
    j = j == 0 ? p - 1 : j - 1;
    if (c.w[j] != x) return;
  }
  s[3] = x;
  s[4] = 0.0;
}
HEAN_INLINE void moments_constants(const double* o, double* k) {
  k[0] = 1.0 / double(opt_size(o[0]));
  k[1] = double(resum_every(opt_size(o[0]), 128));
  k[2] = o[1];  // the deviation multiplier (bbands, stddev: option 1)
}
HEAN_INLINE std::size_t period_window(const double* o) { return opt_size(o[0]); }
// n, pos, since, m2 = 0, mean = NaN (the moments' part of a state).
HEAN_INLINE void clear_moments(StreamCtx& c) {
  c.s[0] = c.s[1] = c.s[2] = c.s[4] = 0;
  c.s[3] = kNaN;
}
// Population standard deviation from the state's moments (WindowMoments::variance, sqrt).
HEAN_INLINE double moments_sd(const StreamCtx& c) { return std::sqrt(lmax(c.s[4] * c.k[0], 0.0)); }

// The gap prologue of the streams with state n, pos (ring slot), out: on a gap (returns
// `gap`) n and pos reset, so the next bar restarts the run, and the output is NaN.
HEAN_INLINE bool ring_stream_gap(StreamCtx& c, bool gap) {
  if (!gap) return false;
  c.s[0] = c.s[1] = 0;
  c.s[2] = kNaN;
  return true;
}

// Streaming value from the close and the close `period` bars back (mom, roc): state n, pos
// (ring slot of that older close, the next write), out; the window is the ring. `of` is
// the kernel's own per-bar expression.
template <double (*Of)(double, double)>
HEAN_INLINE void lagged_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (ring_stream_gap(c, is_gap(v))) return;
  const std::size_t p = opt_size(c.o[0]);
  const std::size_t pos = std::size_t(s[1]);
  const double old = c.w[pos];
  c.put(pos, v);
  s[1] = pos + 1 == p ? 0 : double(pos + 1);
  s[2] = ++s[0] <= double(p) ? kNaN : Of(v, old);
}

// Streaming form of a bar-by-bar function of the bar's N inputs (price transforms, BOP,
// the two-series arithmetic): the state is the output only; a bar with a non-finite input
// is a gap (NaN). `Of` is the kernel's own per-bar expression.
template <int N, double (*Of)(const double*)>
HEAN_INLINE void pointwise_stream_step(StreamCtx& c, const double* x) {
  double g = 0.0;
  for (int k = 0; k < N; ++k) g = g + (x[k] - x[k]);  // NaN unless every input is finite
  c.s[0] = g == 0.0 ? Of(x) : kNaN;
}
// Kernel of a bar-by-bar function `of(in, i)` of the inputs: no warm-up.
template <class L, class F>
HEAN_INLINE void pointwise_kernel(std::size_t n, const Out<L>& y, F&& of) {
  for (std::size_t i = 0; i < n; ++i) y.set(i, of(i));
}

// Writes x into ring slot `slot` of the p-slot ring at c.w[base ..] (through put, so
// replace() can undo it), advances the slot and returns the value it replaced.
HEAN_INLINE double ring_put(StreamCtx& c, std::size_t base, std::size_t p, double& slot, double x) {
  const std::size_t pos = std::size_t(slot);
  const double old = c.w[base + pos];
  c.put(base + pos, x);
  slot = pos + 1 == p ? 0 : double(pos + 1);
  return old;
}

// The gain and loss of a price change d, max(d, 0) and max(-d, 0), without a branch: |d| + d
// is 2d or 0 and |d| - d is -2d or 0, exactly, so the halves are those maxima's bits. (A
// compare-and-select on a random walk's changes mispredicts every other bar: RSI ran at
// ~2.5x the time.)
template <class L>
HEAN_INLINE L gain_of(L d) {
  return (lfabs(d) + d) * 0.5;
}
template <class L>
HEAN_INLINE L loss_of(L d) {
  return (lfabs(d) - d) * 0.5;
}

// Streaming Wilder averages of gains and losses (CMO's, STOCHRSI's RSI): gl = {gain, loss},
// `m` the number of price changes so far (d included). The mean of the first p changes'
// gains and losses seeds them, then Wilder's EMA (constants k[0], k[1]) smooths: the
// kernels' order. Returns false until the seed is complete.
HEAN_INLINE bool gain_loss_step(const StreamCtx& c, double* gl, double m, double p, double d) {
  if (m <= p) {
    gl[0] = gl[0] + gain_of(d);
    gl[1] = gl[1] + loss_of(d);
    if (m < p) return false;
    gl[0] = gl[0] / p;
    gl[1] = gl[1] / p;
  } else {
    const Ema<double> w = Ema<double>::make(c.k[0], c.k[1]);
    gl[0] = w.step(gl[0], gain_of(d));
    gl[1] = w.step(gl[1], loss_of(d));
  }
  return true;
}

// Sum of `count` values of a ring of p slots at w[0 .. p), from slot `first` on (oldest
// first), from 0: the order of WindowSum::resum. Without count: all p values.
HEAN_INLINE double ring_sum(const double* w, std::size_t p, std::size_t first, std::size_t count) {
  double s = 0.0;
  for (std::size_t k = 0, j = first; k < count; ++k) {
    s = s + w[j];
    if (++j == p) j = 0;
  }
  return s;
}
HEAN_INLINE double ring_sum(const double* w, std::size_t p, std::size_t oldest) { return ring_sum(w, p, oldest, p); }

// Streaming WindowSum: adds x, the `count`-th value of the run, to a ring of p slots at
// c.w[base ..]; st = {pos (ring slot of the oldest value), since, sum}. As the kernels'
// WindowSum: the exact sum once p values are in (init), then sum + (x - old), re-summed
// every `every` steps. Returns false while fewer than p values are in.
HEAN_INLINE bool window_sum_slide(StreamCtx& c, std::size_t base, std::size_t p, double every, double* st,
                                  double count, double x) {
  const double old = ring_put(c, base, p, st[0], x);
  if (count < double(p)) return false;
  if (count == double(p) || ++st[1] >= every) {
    st[1] = 0;
    st[2] = ring_sum(c.w + base, p, std::size_t(st[0]));
  } else {
    st[2] = st[2] + (x - old);
  }
  return true;
}

// Streaming rolling max (Greater) or min of the last p values (the kernels' BlockExtreme
// gives the same exact values; ties go to the most recent value in both, so even a tied
// +0 / -0 matches): a monotonic deque of (index, value) in a ring of p + 1 slots, indices
// at c.w[base ..] and values at c.w[base + p + 1 ..]; st = {head, size}. x is the run's
// value at index i. Returns the extreme of the window ending at i. OldestTie: ties go to the
// oldest value instead (BlockExtreme<L, G, true, true>, MININDEX / MAXINDEX's rescan).
template <bool Greater, bool OldestTie = false>
HEAN_INLINE double extreme_push(StreamCtx& c, std::size_t base, std::size_t p, double* st, double i, double x) {
  const std::size_t cap = p + 1;
  double* w = c.w + base;
  std::size_t head = std::size_t(st[0]), size = std::size_t(st[1]);
  while (size > 0) {
    std::size_t b = head + size - 1;
    if (b >= cap) b -= cap;
    if (OldestTie ? (Greater ? w[cap + b] < x : w[cap + b] > x) : (Greater ? w[cap + b] <= x : w[cap + b] >= x)) --size;
    else break;
  }
  std::size_t t = head + size;
  if (t >= cap) t -= cap;
  c.put(base + t, i);
  c.put(base + cap + t, x);
  ++size;
  while (w[head] + double(p) <= i) {
    if (++head == cap) head = 0;
    --size;
  }
  st[0] = double(head);
  st[1] = double(size);
  return w[cap + head];
}
// Window doubles of extreme_push's deque for period p.
HEAN_INLINE std::size_t extreme_window(std::size_t p) { return 2 * (p + 1); }
// Streaming rollingMax / rollingMin: state n, head, size, out; the window is the deque.
template <bool Greater>
HEAN_INLINE void extreme_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[1] = s[2] = 0;
    s[3] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double i = s[0]++;
  const double e = extreme_push<Greater>(c, 0, p, s + 1, i, v);
  s[3] = i + 1 < double(p) ? kNaN : e;
}

// Input x for bars [i0, e) with plain loads (no gap-scan check): on one series the gap scan
// runs once for the block (In::span) instead of on every read, for chained kernels whose
// loop has little else to do (sar: 6.3 -> 5.65 ns/bar on 64K bars; the per-read check is a
// load, a compare and a call path that clobbers the vector registers). Run the loop block by
// block (kPlainBlock bars); bars before i0 (already scanned) may be read too.
template <class L>
struct PlainIn {
  const double* p;
  std::size_t stride;
  HEAN_INLINE L operator[](std::size_t i) const { return lane_load<L>(p, i, stride); }
};
constexpr std::size_t kPlainBlock = 512;
template <class L>
HEAN_INLINE PlainIn<L> plain_in(const In<L>& x, std::size_t i0, std::size_t e) {
  if constexpr (std::is_same_v<L, double>)
    return {x.span(i0, e - i0) - i0, 1};
  else
    return {x.p, x.stride};
}

// Software prefetch for one-series kernels bound by a dependency chain, which leave the
// memory idle while the chain runs: a line of input x (bars from x[0]) kPrefetchAhead bars
// past bar i, within the n bars, and an output line about to be written; one call a group
// of eight bars. Two 512-bar blocks ahead: the driver's gap scan reads a block past each
// span a kernel asks for, so one block ahead left the scan waiting on memory (atr 2.19
// -> 1.80 ns/bar, vwma 2.68 -> 2.49 against one chunk ahead). Only where the compiler
// has the builtin.
constexpr std::size_t kPrefetchAhead = 1024;
HEAN_INLINE void prefetch_ahead(const double* x, std::size_t i, std::size_t n) {
#if defined(__GNUC__) || defined(__clang__)
  if (i + kPrefetchAhead < n) __builtin_prefetch(x + i + kPrefetchAhead);
#else
  (void)x, (void)i, (void)n;
#endif
}
HEAN_INLINE void prefetch_out(double* y) {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(y, 1);
#else
  (void)y;
#endif
}

// Mean of f(from) .. f(from+p-1), summed in index order (the EMA family's seed).
template <class L, class F>
HEAN_INLINE L sma_seed(F&& f, std::size_t from, std::size_t p) {
  L s = splat<L>(0.0);
  for (std::size_t i = from; i < from + p; ++i) s = s + f(i);
  return s / double(p);
}

// Three chained EMAs (TEMA, TRIX), each SMA-seeded with the first `p` values of the one
// before, as TA-Lib chains them. seed() reads x[0 .. 3(p-1)] and leaves the three values
// of bar 3(p-1); step() adds the next bar.
template <class L>
struct TripleEma {
  Ema<L> e;
  L e1, e2, e3;
  HEAN_INLINE void seed(const In<L>& x, std::size_t p) {
    e = Ema<L>::with_period(p);
    const std::size_t lb2 = 2 * (p - 1), lb3 = 3 * (p - 1);
    const double dp = double(p);
    e1 = sma_seed<L>([&](std::size_t i) { return x[i]; }, 0, p);
    L acc = e1;
    std::size_t i = p;
    for (; i <= lb2; ++i) {
      e1 = e.step(e1, x[i]);
      acc = acc + e1;
    }
    e2 = acc / dp;
    acc = e2;
    for (; i <= lb3; ++i) {
      e1 = e.step(e1, x[i]);
      e2 = e.step(e2, e1);
      acc = acc + e2;
    }
    e3 = acc / dp;
  }
  HEAN_INLINE void step(L x) {
    e1 = e.step(e1, x);
    e2 = e.step(e2, e1);
    e3 = e.step(e3, e2);
  }
};

// Streaming TripleEma (TEMA, TRIX): state n, sum (seed sum of the EMA being seeded), e1,
// e2, e3, prev3 (e3 before this bar); constants Ema's k, a, then p, 2(p-1), 3(p-1). The
// same seeds (summed in order, then divided) and Ema steps as TripleEma::seed / step.
// Returns true once e3 has a value (from bar 3(p-1) of the run on); a gap restarts the run.
HEAN_INLINE bool triple_ema_stream_step(StreamCtx& c, double x) {
  double* s = c.s;
  if (is_gap(x)) {
    s[0] = s[1] = 0;
    return false;
  }
  const Ema<double> e = Ema<double>::make(c.k[0], c.k[1]);
  const double p = c.k[2], lb2 = c.k[3], lb3 = c.k[4];
  const double i = s[0]++;
  if (i < p) {
    s[1] += x;
    if (i < p - 1) return false;
    s[2] = s[1] / p;
    s[1] = s[2];
  } else {
    s[2] = e.step(s[2], x);
    if (i <= lb2) {
      s[1] = s[1] + s[2];
    } else {
      s[3] = e.step(s[3], s[2]);
      if (i > lb3) {
        s[5] = s[4];
        s[4] = e.step(s[4], s[3]);
        return true;
      }
      s[1] = s[1] + s[3];
    }
  }
  if (i == lb2) {
    s[3] = s[1] / p;
    s[1] = s[3];
  }
  if (i < lb3) return false;
  s[4] = s[1] / p;
  return true;
}
HEAN_INLINE void triple_ema_constants(const double* o, double* k) {
  const std::size_t p = opt_size(o[0]);
  const Ema<double> e = Ema<double>::with_period(p);
  k[0] = e.k;
  k[1] = e.a;
  k[2] = double(p);
  k[3] = double(2 * (p - 1));
  k[4] = double(3 * (p - 1));
}

// True range of bar i >= 1 from inputs {high, low, close}, in TA-Lib's comparison order
// (fabs, as TA-Lib).
template <class L>
HEAN_INLINE L true_range_of(L h, L l, L pc) {
  L g = h - l;
  g = lmax(lfabs(pc - h), g);
  return lmax(lfabs(pc - l), g);
}
template <class L>
HEAN_INLINE L true_range(const In<L>* hlc, std::size_t i) {
  const L h = hlc[0][i], l = hlc[1][i], pc = hlc[2][i - 1];
  return true_range_of<L>(h, l, pc);
}

// The range streams' initial state: n, pc, v = 0, cur = NaN, tr0 = 0, out = NaN.
HEAN_INLINE void range_clear(StreamCtx& c) {
  c.s[0] = c.s[1] = c.s[2] = c.s[4] = 0;
  c.s[3] = c.s[5] = kNaN;
}

// Streaming true range over (high, low, close) bars: state s[0] = n (bars in the run),
// s[1] = previous close, and `out_at` set NaN on a gap (which restarts the run) and on a
// run's first bar. Sets tr and returns true from the run's second bar on.
HEAN_INLINE bool range_stream_bar(StreamCtx& c, const double* x, int out_at, double& tr) {
  double* s = c.s;
  const double h = x[0], l = x[1], cl = x[2];
  // A non-finite value makes the sum NaN: one test for the three gap checks.
  if (!(h - h + (l - l) + (cl - cl) == 0)) {
    s[0] = 0;
    s[out_at] = kNaN;
    return false;
  }
  const double n = ++s[0];
  const double pc = s[1];
  s[1] = cl;
  if (n == 1) {
    s[out_at] = kNaN;
    return false;
  }
  tr = true_range_of<double>(h, l, pc);
  return true;
}
// True ranges of bars i and i + 1; on one series both in one 2-lane vector, lane by lane
// the same operations as true_range (pairs of bars are where ATR's time goes).
template <class L>
HEAN_INLINE void true_range2(const In<L>* hlc, std::size_t i, L& t0, L& t1) {
#if defined(__GNUC__) || defined(__clang__)
  if constexpr (std::is_same_v<L, double>) {
    typedef double D2 __attribute__((vector_size(16)));
    typedef long long M2 __attribute__((vector_size(16)));
    const double *hp = hlc[0].span(i, 2), *lp = hlc[1].span(i, 2), *cp = hlc[2].span(i - 1, 2);
    const D2 h{hp[0], hp[1]}, l{lp[0], lp[1]}, pc{cp[0], cp[1]};
    const M2 mag = ~(M2)(D2{-0.0, -0.0});
    D2 g = h - l;
    const D2 a = (D2)((M2)(pc - h) & mag);
    g = a > g ? a : g;
    const D2 b = (D2)((M2)(pc - l) & mag);
    g = b > g ? b : g;
    t0 = g[0];
    t1 = g[1];
    return;
  }
#endif
  t0 = true_range<L>(hlc, i);
  t1 = true_range<L>(hlc, i + 1);
}

// Money flow volume of bar i from inputs {high, low, close, volume}, TA-Lib AD's term:
// ((close - low) - (high - close)) / (high - low) * volume, 0 where high <= low.
template <class L>
HEAN_INLINE L ad_flow_of(L h, L l, L c, L v) {
  const L r = h - l;
  const auto up = lgt(r, splat<L>(0.0));
  return lsel(up, (((c - l) - (h - c)) / lsel(up, r, splat<L>(1.0))) * v, splat<L>(0.0));
}
template <class L>
HEAN_INLINE L ad_flow(const In<L>* hlcv, std::size_t i) {
  return ad_flow_of<L>(hlcv[0][i], hlcv[1][i], hlcv[2][i], hlcv[3][i]);
}

// Streaming rolling maximum (Greater) or minimum of the last p bars by a monotonic deque,
// equal to BlockExtreme bit for bit: values are exact and on ties the most recent bar wins
// in both (so tied +0 / -0 and Aroon's indices come out the same). The deque has a
// power-of-two capacity cap = m + 1 >= p (deque_mask) at window slots [at, at + cap) with
// the bars' run indices at [at + cap, at + 2 cap); q[0], q[1] are its head slot and size.
// Pushes x of run index i; the extreme is then w[at + q[0]], its index w[at + cap + q[0]].
HEAN_INLINE std::size_t deque_mask(std::size_t p) {
  std::size_t c = 1;
  while (c < p) c <<= 1;
  return c - 1;
}
// A window length counted in doubles, saturated to SIZE_MAX where it doesn't fit (32-bit
// size_t in the WASM build), so the caller's size check refuses it instead of wrapping.
HEAN_INLINE std::size_t window_len(double n) {
  return n < double(std::numeric_limits<std::size_t>::max()) ? std::size_t(n) : std::numeric_limits<std::size_t>::max();
}
template <bool Greater>
HEAN_INLINE void deque_push(StreamCtx& c, double* q, std::size_t at, std::size_t m, double p, double i, double x) {
  const std::size_t cap = m + 1;
  const double* w = c.w;
  std::size_t head = std::size_t(q[0]), size = std::size_t(q[1]);
  if (size > 0 && w[at + cap + head] <= i - p) {
    head = (head + 1) & m;
    --size;
  }
  std::size_t t = (head + size - 1) & m;
  while (size > 0 && (Greater ? w[at + t] <= x : w[at + t] >= x)) {
    --size;
    t = (t - 1) & m;
  }
  t = at + ((t + 1) & m);
  c.put(t, x);
  c.put(t + cap, i);
  q[0] = double(head);
  q[1] = double(size + 1);
}
// The highest high and lowest low of the last p bars: a max deque at `at`, a min deque at
// at + 2 cap (4 cap window slots); q[0..3] = max head, size, min head, size.
HEAN_INLINE void extremes_push(StreamCtx& c, double* q, std::size_t at, std::size_t m, double p, double i, double h,
                               double l) {
  deque_push<true>(c, q, at, m, p, i, h);
  deque_push<false>(c, q + 2, at + 2 * (m + 1), m, p, i, l);
}
HEAN_INLINE double extremes_high(const StreamCtx& c, const double* q, std::size_t at) { return c.w[at + std::size_t(q[0])]; }
HEAN_INLINE double extremes_low(const StreamCtx& c, const double* q, std::size_t at, std::size_t m) {
  return c.w[at + 2 * (m + 1) + std::size_t(q[2])];
}

// Streaming Aroon (aroon.cpp, aroonOsc.cpp): state n, the deques' heads and sizes (extremes_push), hi,
// li (run indices of the highest high and lowest low over the last period + 1 bars; NaN in
// the warm-up and on gaps); the window holds the deques.
HEAN_INLINE std::size_t aroon_window(const double* o) { return window_len(4.0 * (double(deque_mask(opt_size(o[0]) + 1)) + 1)); }
HEAN_INLINE void aroon_constants(const double* o, double* k) {
  k[0] = double(deque_mask(opt_size(o[0]) + 1));
  k[1] = 100.0 / double(opt_size(o[0]));
}
HEAN_INLINE void aroon_clear(StreamCtx& c) {
  for (int i = 0; i < 5; ++i) c.s[i] = 0;
  c.s[5] = c.s[6] = kNaN;
}
HEAN_INLINE void aroon_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, hh, hs, lh, ls, hi, li
  if (any_gap<2>(x)) {
    s[0] = s[2] = s[4] = 0;
    s[5] = s[6] = kNaN;
    return;
  }
  const std::size_t m = std::size_t(c.k[0]);
  const double p = c.o[0];
  const double i = s[0]++;
  extremes_push(c, s + 1, 0, m, p + 1, i, x[0], x[1]);
  if (i < p) {
    s[5] = s[6] = kNaN;
    return;
  }
  s[5] = c.w[m + 1 + std::size_t(s[1])];
  s[6] = c.w[3 * (m + 1) + std::size_t(s[3])];
}

// Streaming WindowCoMoments over (x, y) pairs with the window's value-change counts
// (rollingBeta, rollingCorr): state s[0..13] = n, pos (ring slot of the oldest pair), since,
// kx, ky, sx, sy, sxx, syy, sxy (WindowCoMoments' reference points and shifted sums), na, nb
// (changes between neighbours within the x and y windows, exact counts), px, py (the
// previous pair); the window is the x ring then the y ring (2p slots). The same re-sum
// schedule (every bar for p <= 8, else every resum_every(p, 128)) and operations as
// WindowCoMoments::step / resum. Constants k[0] = 1/p, k[1] = the re-sum period. Returns
// false while the window fills (or on a gap).
HEAN_INLINE double comoments_every(std::size_t p) { return double(p <= 8 ? 1 : resum_every(p, 128)); }
// WindowCoMoments::resum over the full window in the rings, oldest (ring slot s[1]) first:
// the reference points and shifted sums s[3..9] afresh.
HEAN_INLINE void comoments_stream_resum(StreamCtx& c) {
  double* s = c.s;
  const std::size_t p = opt_size(c.o[0]);
  const double* w = c.w;
  const double inv_p = c.k[0];
  const std::size_t oldest = std::size_t(s[1]);
  double a = 0.0, b = 0.0;
  for (std::size_t k = 0, j = oldest; k < p; ++k, j = j + 1 == p ? 0 : j + 1) {
    a = a + w[j];
    b = b + w[p + j];
  }
  const double kx = a * inv_p, ky = b * inv_p;
  double x1 = 0.0, y1 = 0.0, xx = 0.0, yy = 0.0, xy = 0.0;
  for (std::size_t k = 0, j = oldest; k < p; ++k, j = j + 1 == p ? 0 : j + 1) {
    const double dx = w[j] - kx, dy = w[p + j] - ky;
    x1 = x1 + dx;
    y1 = y1 + dy;
    xx = xx + dx * dx;
    yy = yy + dy * dy;
    xy = xy + dx * dy;
  }
  s[3] = kx, s[4] = ky, s[5] = x1, s[6] = y1, s[7] = xx, s[8] = yy, s[9] = xy;
}
HEAN_INLINE bool comoments_stream_push(StreamCtx& c, double x, double y);
HEAN_INLINE bool comoments_stream_slide(StreamCtx& c, double x, double y) {
  if (is_gap(x) || is_gap(y)) {
    c.s[0] = c.s[1] = c.s[10] = c.s[11] = 0;
    return false;
  }
  return comoments_stream_push(c, x, y);
}
// comoments_stream_slide without the gap test (for values derived from the inputs, e.g.
// BETA's returns, which the batch kernel keeps in its window whatever they are).
HEAN_INLINE bool comoments_stream_push(StreamCtx& c, double x, double y) {
  double* s = c.s;
  const std::size_t p = opt_size(c.o[0]);
  double* w = c.w;
  const double i = s[0]++;
  const std::size_t at = std::size_t(s[1]);
  const double ox = w[at], oy = w[p + at];
  if (i >= 1) {
    s[10] += x != s[12] ? 1 : 0;
    s[11] += y != s[13] ? 1 : 0;
  }
  const std::size_t next = at + 1 == p ? 0 : at + 1;
  if (i >= double(p)) {
    // The change leaving the window: between its two oldest values.
    s[10] -= w[next] != ox ? 1 : 0;
    s[11] -= w[p + next] != oy ? 1 : 0;
  }
  s[12] = x;
  s[13] = y;
  c.put(at, x);
  c.put(p + at, y);
  s[1] = double(next);
  if (i < double(p - 1)) return false;
  if (i == double(p - 1) || ++s[2] == c.k[1]) {
    s[2] = 0;
    comoments_stream_resum(c);
    return true;
  }
  const double xn = x - s[3], xo = ox - s[3], yn = y - s[4], yo = oy - s[4];
  s[5] = s[5] + (xn - xo);
  s[6] = s[6] + (yn - yo);
  s[7] = s[7] + (xn * xn - xo * xo);
  s[8] = s[8] + (yn * yn - yo * yo);
  s[9] = s[9] + (xn * yn - xo * yo);
  return true;
}

// The %K-style place of a value in its window's range, in TA-Lib 0.8.1's operation order
// (num / (highest - lowest)) * scale, 0 for an empty range: STOCH/STOCHF's fast %K
// (stoch_k_of: from the lowest, scale 100) and WILLR's %R (willr_of: from the highest,
// scale -100). Dividing by the range first puts a close at the top of its range at exactly
// 100 (num / (range / 100), TA-Lib 0.6's order, can give 100.00000000000001). Batch,
// chunked and streaming paths all take it from here.
template <class L>
HEAN_INLINE L range_ratio(L num, L highest, L lowest, double scale) {
  const L range = highest - lowest;
  return lsel(lne(range, splat<L>(0.0)), (num / range) * scale, splat<L>(0.0));
}
template <class L>
HEAN_INLINE L stoch_k_of(L v, L highest, L lowest) {
  return range_ratio<L>(v - lowest, highest, lowest, 100.0);
}
template <class L>
HEAN_INLINE L willr_of(L v, L highest, L lowest) {
  return range_ratio<L>(highest - v, highest, lowest, -100.0);
}

// Streaming fast %K and the window sum of its last p values (STOCH's slow %K, STOCHF's and
// STOCHRSI's %D): hi and lo, the run's value i, go into the highest / lowest deques of pk
// values at c.w[0 ..] and c.w[extreme_window(pk) ..] (dq: {head, size} of each); from
// value pk - 1 on, fast = stoch_k_of(x, highest, lowest) is added to the p-slot ring at c.w[2 extreme_window(pk) ..] (window_sum_slide,
// sum state ss, re-summed every `every`). Returns false until %K and the sum are both in.
// `of(x, highest, lowest)` is the kernel's %K (STOCHRSI's differs from STOCH's).
template <class FastK>
HEAN_INLINE bool stoch_fast_sum(StreamCtx& c, std::size_t pk, double* dq, double i, double hi, double lo, double x,
                                std::size_t p, double every, double* ss, double& fast, FastK&& of) {
  const std::size_t ew = extreme_window(pk);
  const double highest = extreme_push<true>(c, 0, pk, dq, i, hi);
  const double lowest = extreme_push<false>(c, ew, pk, dq + 2, i, lo);
  if (i < double(pk - 1)) return false;
  fast = of(x, highest, lowest);
  return window_sum_slide(c, 2 * ew, p, every, ss, i - double(pk - 1) + 1, fast);
}
HEAN_INLINE bool stoch_fast_sum(StreamCtx& c, std::size_t pk, double* dq, double i, double hi, double lo, double x,
                                std::size_t p, double every, double* ss, double& fast) {
  return stoch_fast_sum(c, pk, dq, i, hi, lo, x, p, every, ss, fast, stoch_k_of<double>);
}

// Wilder's RSI of x (TA-Lib RSI): average gain and loss of the changes, seeded with their
// means over the first p changes (so the first value is at index p), then Wilder-smoothed.
template <class L>
struct RsiState {
  Ema<L> w;
  L gain, loss;
  // Seeds from x[0..p]; value() is then the RSI at index p.
  HEAN_INLINE void seed(const In<L>& x, std::size_t p) {
    const L zero = splat<L>(0.0);
    w = Ema<L>::wilder(p);
    gain = zero;
    loss = zero;
    for (std::size_t i = 1; i <= p; ++i) {
      L d = x[i] - x[i - 1];
      gain = gain + gain_of(d);
      loss = loss + loss_of(d);
    }
    gain = gain / double(p);
    loss = loss / double(p);
  }
  HEAN_INLINE void step(const In<L>& x, std::size_t i) {
    L d = x[i] - x[i - 1];
    gain = w.step(gain, gain_of(d));
    loss = w.step(loss, loss_of(d));
  }
  // Two steps (Ema::step2 on both averages): sets v0, v1 to the RSI after x[i], x[i + 1],
  // so the dependency chain is one multiply-add per two bars and one division serves both.
  HEAN_INLINE void step2(const In<L>& x, std::size_t i, L& v0, L& v1) {
    const L d0 = x[i] - x[i - 1], d1 = x[i + 1] - x[i];
    const L g0 = w.step2(gain, gain_of(d0), gain_of(d1));
    const L l0 = w.step2(loss, loss_of(d0), loss_of(d1));
    div_nz2(g0 * 100.0, g0 + l0, gain * 100.0, gain + loss, 0.0, v0, v1);
  }
  HEAN_INLINE L value() const { return div_nz<L>(gain * 100.0, gain + loss, 0.0); }
};

// Rolling max (Greater) or min of the last `period` values (TA-Lib MAX / MIN), lane-wise.
template <bool Greater, class L>
HEAN_INLINE void rolling_extreme(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  if constexpr (std::is_same_v<L, double>) {
    // One series: the window extremes a chunk at a time (series_extremes.hpp).
    return series_extreme<Greater>(x, n, p, [&](std::size_t f0, std::size_t held, const double* v) {
      for (std::size_t i = f0 < p - 1 ? p - 1 : f0; i < f0 + held; ++i) y.set(i, v[i - f0]);
    });
  }
  auto v = [&](std::size_t i) { return x[i]; };
  BlockExtreme<L, Greater> w;
  w.init(p);
  for (std::size_t i = 0; i < n; ++i) {
    w.push(v, i);
    if (i + 1 >= p) y.set(i, w.val);
  }
}

}  // namespace hean

// Defines `static` scalar (NAME##_s) and 8-lane (NAME##_v) entry points for the kernel
// template NAME##_kernel<L>.
#define HEAN_LANE_KERNELS(NAME)                                                                          \
  static void NAME##_s(const ::hean::In<double>* in, std::size_t n, const double* o,                     \
                       const ::hean::Out<double>* out) {                                                 \
    NAME##_kernel<double>(in, n, o, out);                                                                \
  }                                                                                                      \
  static void NAME##_v(const ::hean::LaneIn* in, std::size_t n, const double* o,                         \
                       const ::hean::LaneOut* out) {                                                     \
    ::hean::In<::hean::V8> i[::hean::kMaxIn];                                                            \
    ::hean::Out<::hean::V8> u[::hean::kMaxOut];                                                          \
    for (int k = 0; k < ::hean::kMaxIn; ++k) i[k] = {in[k].p, in[k].stride};                             \
    for (int k = 0; k < ::hean::kMaxOut; ++k) u[k] = {out[k].p, out[k].stride};                          \
    NAME##_kernel<::hean::V8>(i, n, o, u);                                                               \
  }

// Opens the table row of NAME (at namespace hean scope). Indicator sources are also built
// at higher instruction-set levels (HEAN_ISA 2, 3); there the row is discarded and only the
// entry points are exported, as NAME_isa_avx2 / NAME_isa_avx512, for scalar_kernel() and
// lane_kernel().
#define HEAN_CAT_(a, b) a##b
#define HEAN_CAT(a, b) HEAN_CAT_(a, b)
#if HEAN_ISA == 3
#define HEAN_ISA_SUFFIX _isa_avx512
#elif HEAN_ISA == 2
#define HEAN_ISA_SUFFIX _isa_avx2
#endif
#if HEAN_ISA == 0
#define HEAN_DEF(NAME) extern const ::hean::IndicatorDef NAME##_def
#else
#define HEAN_DEF(NAME)                                                 \
  extern const ::hean::IsaKernels HEAN_CAT(NAME, HEAN_ISA_SUFFIX) = {NAME##_s, NAME##_v}; \
  [[maybe_unused]] static const ::hean::IndicatorDef NAME##_def_unused
#endif

// Option-table shorthands.
#define HEAN_PERIOD(NAME, DEF, DOC) ::hean::OptDef{NAME, DEF, 1, ::hean::kMaxPeriod, true, nullptr, DOC}
