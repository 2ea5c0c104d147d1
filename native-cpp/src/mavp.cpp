// Moving average with a variable period (TA-Lib MAVP): at each bar the MA of `maType`
// whose period is that bar's `periods` value, truncated to an integer and clamped to
// [minPeriod, maxPeriod]. As TA-Lib, the MA of each period used is computed once over the
// whole run, started as TA_MA(startIdx = the lookback of maxPeriod) starts it, and the
// output starts there. Each average is computed by its own kernel (hean/ma.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "hean/ma.hpp"
#include "hean/ma_stream.hpp"
#include "hean/scratch.hpp"

namespace hean {
namespace {

std::size_t mavp_lookback(const double* o, int) { return ma_lookback(int(o[2]), opt_size(o[1])); }

const char* mavp_check(const double* o) {
  return o[0] > o[1] ? "option 'minPeriod' must be <= 'maxPeriod'" : nullptr;
}

// The period of a bar: v truncated, clamped to [lo, hi]; a NaN (only ever read in a
// speculative run past a gap, whose outputs are discarded) counts as lo.
HEAN_INLINE double mavp_clamp(double v, double lo, double hi) {
  const double t = std::trunc(v);
  return t >= lo ? (t > hi ? hi : t) : lo;
}

// Whether a table indexed by period (lo .. hi) pays for m bars: when the range is no
// wider than the data (the usual case: O(m), where sorting 1M bars' periods cost
// ~60 ns/bar). Both per-period tables (distinct periods, buckets) go by it.
HEAN_INLINE bool mavp_dense(std::size_t lo, std::size_t hi, std::size_t m) { return hi - lo <= m + 1024; }

// Room mavp_distinct needs: a flag per period when mavp_dense, else a copy of the m values.
HEAN_INLINE std::size_t mavp_distinct_room(std::size_t lo, std::size_t hi, std::size_t m) {
  return mavp_dense(lo, hi, m) ? hi - lo + 1 : m;
}
// The distinct values of v[0 .. m) (periods in [lo, hi]), ascending, into used (room:
// mavp_distinct_room); returns how many. Dense: a flag per period, then the flagged periods
// packed in place (the k-th goes at or before its own flag); else sorted.
inline std::size_t mavp_distinct(const std::uint32_t* v, std::size_t m, std::size_t lo, std::size_t hi, std::uint32_t* used) {
  if (mavp_dense(lo, hi, m)) {
    std::fill(used, used + (hi - lo + 1), 0u);
    for (std::size_t i = 0; i < m; ++i) used[v[i] - lo] = 1;
    std::size_t k = 0;
    for (std::size_t p = lo; p <= hi; ++p)
      if (used[p - lo]) used[k++] = std::uint32_t(p);
    return k;
  }
  std::copy(v, v + m, used);
  std::sort(used, used + m);
  return std::size_t(std::unique(used, used + m) - used);
}

template <class L>
void mavp_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const double lo = o[0], hi = o[1];
  const int type = int(o[2]);
  const std::size_t lb = ma_lookback(type, opt_size(hi));
  const In<L>& x = in[0];
  const In<L>& per = in[1];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  constexpr std::size_t lanes = std::is_same_v<L, double> ? 1 : 8;
  const std::size_t m = n - lb;
  const std::size_t plo = opt_size(lo), phi = opt_size(hi);
  // One scratch for the 32-bit tables: each bar's clamped period (lane by lane), the
  // distinct ones, and (one series, dense) a bucket per period.
  const std::size_t room = mavp_distinct_room(plo, phi, m * lanes);
  const std::size_t slots = lanes == 1 && mavp_dense(plo, phi, m) ? phi - plo + 1 : 0;
  const Scratch<std::uint32_t, 1024> tables(m * lanes + room + slots);
  std::uint32_t *const pc = tables.data(), *const used = pc + m * lanes, *const slot = used + room;
  for (std::size_t i = lb; i < n; ++i) {
    if constexpr (lanes == 1) {
      pc[i - lb] = std::uint32_t(mavp_clamp(per[i], lo, hi));
    } else {
      for (std::size_t j = 0; j < lanes; ++j) pc[(i - lb) * lanes + j] = std::uint32_t(mavp_clamp(per.p[i + j * per.stride], lo, hi));
    }
  }
  const std::size_t nused = mavp_distinct(pc, m * lanes, plo, phi, used);
  const MaScratch<L> scratch(n);
  const Out<L> row = scratch.row();
  const In<L> r = in_of(row);
  if constexpr (lanes == 1) {
    // One series: the bars of each period, grouped by a counting sort (bucket k = used[k]),
    // so each period's average is copied to its own bars only, O(n) in all, instead of a
    // select pass over every bar per period. start[k]: bucket k's first place in bars; at:
    // each bucket's next place while filling.
    const Scratch<std::size_t, 512> places(2 * nused + 1 + m);
    std::size_t *const start = places.data(), *const at = start + nused + 1, *const bars = at + nused;
    auto bucket = [&](std::uint32_t p) -> std::size_t {
      if (slots) return slot[p - plo];
      return std::size_t(std::lower_bound(used, used + nused, p) - used);
    };
    if (slots)
      for (std::size_t k = 0; k < nused; ++k) slot[used[k] - plo] = std::uint32_t(k);
    std::fill(start, start + nused + 1, std::size_t(0));
    for (std::size_t i = 0; i < m; ++i) ++start[bucket(pc[i]) + 1];
    for (std::size_t k = 0; k < nused; ++k) start[k + 1] += start[k];
    std::copy(start, start + nused, at);
    for (std::size_t i = 0; i < m; ++i) bars[at[bucket(pc[i])]++] = i;
    for (std::size_t k = 0; k < nused; ++k) {
      const std::size_t p = used[k];
      const std::size_t off = lb - ma_lookback(type, p);
      // The average is causal: it is only needed up to this period's last bar.
      const std::size_t end = lb + bars[start[k + 1] - 1] + 1;
      ma_run<L>(type, p, in_from(x, off), end - off, out_from(row, off));
      for (std::size_t j = start[k]; j < start[k + 1]; ++j) {
        const std::size_t i = lb + bars[j];
        y.set(i, r[i]);
      }
    }
  } else {
    const In<L> cur = in_of(y);
    bool first = true;
    for (std::size_t k = 0; k < nused; ++k) {
      const std::size_t p = used[k];
      const std::size_t off = lb - ma_lookback(type, p);
      ma_run<L>(type, p, in_from(x, off), n - off, out_from(row, off));
      const L want = splat<L>(double(p));
      for (std::size_t i = lb; i < n; ++i) {
        const L pcv = lmap(per[i], [&](double v) { return mavp_clamp(v, lo, hi); });
        // Bars of other periods keep what an earlier period wrote (NaN before the first).
        const L keep = first ? splat<L>(kNaN) : cur[i];
        y.set(i, lsel(lne(pcv, want), keep, r[i]));
      }
      first = false;
    }
  }
  fill_nan(y, 0, lb);
}
HEAN_LANE_KERNELS(mavp)

}  // namespace

HEAN_DEF(mavp){
    "mavp", "Moving average with a variable period per bar (TA-Lib MAVP)", 2, {"close", "periods"}, 3,
    {OptDef{"minPeriod", 2, 1, kMaxPeriod, true, nullptr, "smallest period used (smaller periods are raised to it)"},
     OptDef{"maxPeriod", 30, 1, kMaxPeriod, true, nullptr, "largest period used (larger periods are lowered to it)"},
     HEAN_MA_TYPE_OPT("maType", 0, "moving average type")},
    1, {"mavp"}, mavp_lookback, mavp_s, mavp_v, -1, 0, false, mavp_check};

// Streaming: as TA-Lib computes each period's average over the whole run, the step keeps a
// running average of `maType` for every period in [minPeriod, maxPeriod] (hean/ma_stream.hpp:
// each average's own step, state, window and constants, one after the other; the instance's
// state is sized by the options), each fed from the run's bar lb - lookback(period) on, where
// the kernel starts it; out = the average of this bar's clamped period (mavp_clamp) from bar
// lb on. State: the averages', then bars in the run, then out. A gap in either input restarts.
namespace {
// Calls f(sub) for each period's average, in period order.
template <class F>
HEAN_INLINE void mavp_each(const double* o, F&& f) {
  const std::size_t lo = opt_size(o[0]), hi = opt_size(o[1]);
  const int type = int(o[2]);
  std::size_t so = 0, wo = 0, ko = 0;
  for (std::size_t p = lo; p <= hi; ++p, ko += kMaSubConst) {
    const MaSub m{type, p, so, wo, ko};
    f(m);
    so += m.state();
    wo += m.window();
  }
}
// Where the averages' states end (every period but 1 has its type's state).
std::size_t mavp_state_end(const double* o) {
  const std::size_t lo = std::max<std::size_t>(opt_size(o[0]), 2), hi = opt_size(o[1]);
  return hi < lo ? 0 : (hi - lo + 1) * std::size_t(ma_stream_of(int(o[2])).n_state);
}
void mavp_clear(StreamCtx& c) {
  mavp_each(c.o, [&](const MaSub& m) { m.clear(c); });
  const std::size_t e = mavp_state_end(c.o);
  c.s[e] = 0;
  c.s[e + 1] = kNaN;
}
void mavp_stream_step(StreamCtx& c, const double* x) {
  if (any_gap<2>(x)) return mavp_clear(c);
  const double lo = c.o[0], hi = c.o[1];
  const int type = int(c.o[2]);
  const std::size_t lb = ma_lookback(type, opt_size(hi));
  const std::size_t e = mavp_state_end(c.o);
  const double i = c.s[e]++;
  const double want = mavp_clamp(x[1], lo, hi);
  double out = kNaN;
  mavp_each(c.o, [&](const MaSub& m) {
    if (i < double(lb - ma_lookback(type, m.p))) return;
    const double v = m.step(c, x[0]);
    if (double(m.p) == want) out = v;
  });
  c.s[e + 1] = i < double(lb) ? kNaN : out;
}
}  // namespace

HEAN_STREAM(mavp){2, 1,
                  [](const double* o) {
                    std::size_t w = 0;
                    mavp_each(o, [&](const MaSub& m) { w += m.window(); });
                    return w;
                  },
                  [](const double* o, double* k) { mavp_each(o, [&](const MaSub& m) { m.constants(k); }); },
                  mavp_clear, mavp_stream_step, nullptr,
                  [](const double* o, StreamSize& z) {
                    const std::size_t e = mavp_state_end(o), periods = opt_size(o[1]) - opt_size(o[0]) + 1;
                    z.n_state = int(e) + 2;
                    z.out_at = int(e) + 1;
                    z.n_const = int(periods) * kMaSubConst;
                    z.n_undo = int(periods) * kMaSubUndo;
                  }};

}  // namespace hean
