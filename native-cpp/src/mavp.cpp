// Moving average with a variable period (TA-Lib MAVP): at each bar the MA of `maType`
// whose period is that bar's `periods` value, truncated to an integer and clamped to
// [minPeriod, maxPeriod]. As TA-Lib, the MA of each period used is computed once over the
// whole run, started as TA_MA(startIdx = the lookback of maxPeriod) starts it, and the
// output starts there. Each average is computed by its own kernel (hean/ma.hpp).
#include <algorithm>
#include <cmath>
#include <vector>

#include "hean/ma.hpp"

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

template <class L>
void mavp_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const double lo = o[0], hi = o[1];
  const int type = int(o[2]);
  const std::size_t lb = ma_lookback(type, opt_size(hi));
  const In<L>& x = in[0];
  const In<L>& per = in[1];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  // The periods in use (over every lane).
  constexpr std::size_t lanes = std::is_same_v<L, double> ? 1 : 8;
  std::vector<std::size_t> used;
  used.reserve((n - lb) * lanes);
  for (std::size_t i = lb; i < n; ++i) {
    if constexpr (lanes == 1) {
      used.push_back(opt_size(mavp_clamp(per[i], lo, hi)));
    } else {
      for (std::size_t j = 0; j < lanes; ++j) used.push_back(opt_size(mavp_clamp(per.p[i + j * per.stride], lo, hi)));
    }
  }
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  MaScratch<L> scratch;
  const Out<L> row = scratch.row(n);
  const In<L> r = in_of(row), cur = in_of(y);
  bool first = true;
  for (const std::size_t p : used) {
    const std::size_t off = lb - ma_lookback(type, p);
    ma_run<L>(type, p, in_from(x, off), n - off, out_from(row, off));
    const L want = splat<L>(double(p));
    for (std::size_t i = lb; i < n; ++i) {
      L pc;
      if constexpr (lanes == 1)
        pc = mavp_clamp(per[i], lo, hi);
      else
        pc = lmap(per[i], [&](double v) { return mavp_clamp(v, lo, hi); });
      // Bars of other periods keep what an earlier period wrote (NaN before the first).
      const L keep = first ? splat<L>(kNaN) : cur[i];
      y.set(i, lsel(lne(pc, want), keep, r[i]));
    }
    first = false;
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

}  // namespace hean
