// Window extremes and where they are (TA-Lib MAXINDEX, MININDEX, MINMAX, MINMAXINDEX) over
// the last `period` values, O(1) a bar (BlockExtreme). Indices are absolute bar indices
// (as doubles; the driver adds the run's offset, see index_out_mask). Ties follow TA-Lib's
// scan exactly: when the previous extreme leaves the window the oldest of the tied
// extremes is taken (its rescan), otherwise a new value equal to the extreme takes over
// (its `>=` / `<=` update). That state is kept per lane, the rescan answered by a
// BlockExtreme whose ties go to the oldest index.
#include "hean/kernel.hpp"
#include "hean/series_extremes.hpp"

namespace hean {
namespace {

std::size_t minmax_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// TA-Lib's extreme index of one side (Greater: highest) of a window, bar by bar.
template <class L, bool Greater>
struct ExtremeIndex {
  BlockExtreme<L, Greater, true, true> w;
  L v{}, at{};  // TA-Lib's highest / highestIdx (lowest / lowestIdx)
  void init(std::size_t p) { w.init(p); }
  // Adds bar i (value x); `first`: the first output bar (TA-Lib's first step rescans).
  template <class F>
  HEAN_INLINE void push(F&& f, std::size_t i, std::size_t p, bool ready, bool first) {
    w.push(f, i);
    if (!ready) return;
    if (first) {
      v = w.val;
      at = w.idx;
      return;
    }
    const L x = f(i), now = splat<L>(double(i));
    // The update: a value that is not strictly behind the extreme takes over.
    const auto behind = Greater ? llt(x, v) : lgt(x, v);
    const L uv = lsel(behind, v, x), ua = lsel(behind, at, now);
    // The rescan where the extreme left the window: the oldest of the window's extremes.
    const auto left = llt(at, splat<L>(double(i + 1 - p)));
    v = lsel(left, w.val, uv);
    at = lsel(left, w.idx, ua);
  }
};

// Outputs as TA-Lib orders them; which ones: values (MINMAX) or indices, min and/or max.
template <class L, bool Min, bool Max, bool Index>
HEAN_INLINE void minmax_run(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  constexpr int n_out = (Min ? 1 : 0) + (Max ? 1 : 0);
  if (n < p) {
    for (int k = 0; k < n_out; ++k) fill_nan(out[k], 0, n);
    return;
  }
  for (int k = 0; k < n_out; ++k) fill_nan(out[k], 0, p - 1);
  const Out<L>& lo_out = out[0];
  const Out<L>& hi_out = out[Min ? 1 : 0];
  auto f = [&](std::size_t i) { return in[0][i]; };
  if constexpr (Index && std::is_same_v<L, double>) {
    // One series: each window's oldest and newest extreme a chunk at a time
    // (series_extreme_ties). Where they are the same bar the extreme is unique, so it is
    // TA-Lib's answer whatever came before: the bar-by-bar update (a rescan, the oldest,
    // when the last extreme left the window; else the bar itself unless strictly behind)
    // runs only on ties, and the dependency from bar to bar is broken everywhere else.
    const auto side = [&]<bool Greater>(const Out<L>& y) {
      std::size_t at = 0;
      series_extreme_ties<Greater>(in[0], n, p, [&](std::size_t f0, std::size_t held, const double* wo, const double* wn) {
        for (std::size_t i = f0 < p - 1 ? p - 1 : f0; i < f0 + held; ++i) {
          const double o = wo[i - f0];
          if (o == wn[i - f0] || i + 1 == p || at + p < i + 1) {
            at = std::size_t(o);
          } else {
            const double x = in[0][i], v = in[0][at];
            at = (Greater ? x < v : x > v) ? at : i;
          }
          y.set(i, double(at));
        }
      });
    };
    if constexpr (Max) side.template operator()<true>(hi_out);
    if constexpr (Min) side.template operator()<false>(lo_out);
  } else if constexpr (Index) {
    ExtremeIndex<L, true> hi;
    ExtremeIndex<L, false> lo;
    if (Max) hi.init(p);
    if (Min) lo.init(p);
    for (std::size_t i = 0; i < n; ++i) {
      const bool ready = i + 1 >= p, first = i + 1 == p;
      if constexpr (Max) {
        hi.push(f, i, p, ready, first);
        if (ready) hi_out.set(i, hi.at);
      }
      if constexpr (Min) {
        lo.push(f, i, p, ready, first);
        if (ready) lo_out.set(i, lo.at);
      }
    }
  } else if constexpr (std::is_same_v<L, double>) {
    // One series: both extremes a chunk at a time (series_extremes.hpp), copied out.
    series_hl_extremes<false>(in[0], in[0], n, p, [&](std::size_t f0, std::size_t held, const double* hh, const double* ll, const double*, const double*) {
      for (std::size_t i = f0 < p - 1 ? p - 1 : f0; i < f0 + held; ++i) {
        lo_out.set(i, ll[i - f0]);
        hi_out.set(i, hh[i - f0]);
      }
    });
  } else {
    BlockExtreme<L, true> hi;
    BlockExtreme<L, false> lo;
    hi.init(p);
    lo.init(p);
    for (std::size_t i = 0; i < n; ++i) {
      hi.push(f, i);
      lo.push(f, i);
      if (i + 1 < p) continue;
      lo_out.set(i, lo.val);
      hi_out.set(i, hi.val);
    }
  }
}

template <class L>
void maxIndex_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  minmax_run<L, false, true, true>(in, n, o, out);
}
template <class L>
void minIndex_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  minmax_run<L, true, false, true>(in, n, o, out);
}
template <class L>
void minMax_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  minmax_run<L, true, true, false>(in, n, o, out);
}
template <class L>
void minMaxIndex_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  minmax_run<L, true, true, true>(in, n, o, out);
}
HEAN_LANE_KERNELS(maxIndex)
HEAN_LANE_KERNELS(minIndex)
HEAN_LANE_KERNELS(minMax)
HEAN_LANE_KERNELS(minMaxIndex)

}  // namespace

#define HEAN_MINMAX_PERIOD ::hean::OptDef{"period", 30, 2, ::hean::kMaxPeriod, true, nullptr, "window length"}
HEAN_DEF(maxIndex){
    "maxIndex", "Bar index of the highest value over `period` bars", 1, {"close"}, 1, {HEAN_MINMAX_PERIOD},
    1, {"maxIndex"}, minmax_lookback, maxIndex_s, maxIndex_v, -1, 0, false, nullptr, 1u};
HEAN_DEF(minIndex){
    "minIndex", "Bar index of the lowest value over `period` bars", 1, {"close"}, 1, {HEAN_MINMAX_PERIOD},
    1, {"minIndex"}, minmax_lookback, minIndex_s, minIndex_v, -1, 0, false, nullptr, 1u};
HEAN_DEF(minMax){
    "minMax", "Lowest and highest value over `period` bars", 1, {"close"}, 1, {HEAN_MINMAX_PERIOD},
    2, {"min", "max"}, minmax_lookback, minMax_s, minMax_v};
HEAN_DEF(minMaxIndex){
    "minMaxIndex", "Bar indices of the lowest and highest value over `period` bars", 1, {"close"}, 1,
    {HEAN_MINMAX_PERIOD}, 2, {"minIndex", "maxIndex"}, minmax_lookback, minMaxIndex_s, minMaxIndex_v, -1, 0, false, nullptr, 3u};
#undef HEAN_MINMAX_PERIOD

// Streaming: state n (bars in the run), t (bars so far: the next bar's index), off (the
// run's first bar), then per side {head, size} of its deque and TA-Lib's extreme {v, at},
// then the two outputs (min side first, as the outputs are ordered); the window holds the
// deques (max side first). Values (MINMAX): extreme_push's ties to the newest, as
// BlockExtreme; indices: ExtremeIndex::push's update and rescan (ties to the oldest), the
// index made absolute as the driver does (+ the run's first bar).
namespace {
constexpr int kMmOut = 11;
template <bool Greater>
HEAN_INLINE void extreme_index_push(StreamCtx& c, std::size_t base, std::size_t p, double* st, double i, double x) {
  const double wv = extreme_push<Greater, true>(c, base, p, st, i, x);
  const double* w = c.w + base;
  const double widx = w[std::size_t(st[0])];
  if (i + 1 < double(p)) return;
  if (i + 1 == double(p)) {
    st[2] = wv;
    st[3] = widx;
    return;
  }
  const bool behind = Greater ? x < st[2] : x > st[2];
  const double uv = behind ? st[2] : x, ua = behind ? st[3] : i;
  const bool left = st[3] < i + 1 - double(p);
  st[2] = left ? wv : uv;
  st[3] = left ? widx : ua;
}
template <bool Min, bool Max, bool Index>
void minmax_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  const double t = s[1]++;
  s[kMmOut] = s[kMmOut + 1] = kNaN;
  if (is_gap(v)) {
    s[0] = 0;
    for (int k = 3; k < kMmOut; ++k) s[k] = 0;
    return;
  }
  if (s[0] == 0) s[2] = t;
  const std::size_t p = opt_size(c.o[0]);
  const std::size_t ew = extreme_window(p);
  const double i = s[0]++;
  double hi = 0, lo = 0;
  if constexpr (Index) {
    if (Max) extreme_index_push<true>(c, 0, p, s + 3, i, v);
    if (Min) extreme_index_push<false>(c, Max ? ew : 0, p, s + 7, i, v);
    hi = s[6] + s[2];
    lo = s[10] + s[2];
  } else {
    hi = extreme_push<true>(c, 0, p, s + 3, i, v);
    lo = extreme_push<false>(c, ew, p, s + 7, i, v);
  }
  if (i + 1 < double(p)) return;
  s[kMmOut] = Min ? lo : hi;
  s[kMmOut + 1] = hi;
}
void minmax_clear(StreamCtx& c) {
  for (int k = 0; k < kMmOut; ++k) c.s[k] = 0;
  c.s[kMmOut] = c.s[kMmOut + 1] = kNaN;
}
std::size_t one_deque(const double* o) { return extreme_window(opt_size(o[0])); }
std::size_t two_deques(const double* o) { return 2 * extreme_window(opt_size(o[0])); }
void minmax_outputs(const StreamCtx& c, double* out) {
  out[0] = c.s[kMmOut];
  out[1] = c.s[kMmOut + 1];
}
}  // namespace

HEAN_STREAM(maxIndex){kMmOut + 2, kMmOut, one_deque, nullptr, minmax_clear, minmax_stream_step<false, true, true>};
HEAN_STREAM(minIndex){kMmOut + 2, kMmOut, one_deque, nullptr, minmax_clear, minmax_stream_step<true, false, true>};
HEAN_STREAM(minMax){kMmOut + 2, kMmOut, two_deques, nullptr, minmax_clear, minmax_stream_step<true, true, false>,
                    minmax_outputs};
HEAN_STREAM(minMaxIndex){kMmOut + 2, kMmOut, two_deques, nullptr, minmax_clear, minmax_stream_step<true, true, true>,
                         minmax_outputs};

}  // namespace hean
