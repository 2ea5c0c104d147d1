// TA-Lib's MA dispatch (ta_MA.c), once: a moving average of any MAType computed by that
// average's own kernel (sma.cpp, ema.cpp, …, mama.cpp, t3.cpp) through the table, so the
// arithmetic of each average lives in its one source file. Used by ma, macdext, apo, ppo,
// bbands, stoch, stochrsi and mavp.
#pragma once

#include <algorithm>
#include <cstddef>

#include "hean/kernel.hpp"
#include "hean/scratch.hpp"

namespace hean {

extern const IndicatorDef sma_def, ema_def, wma_def, dema_def, tema_def, trima_def, kama_def, mama_def, t3_def;

// TA-Lib's MAType codes, in order.
enum MaType : int { kMaSma, kMaEma, kMaWma, kMaDema, kMaTema, kMaTrima, kMaKama, kMaMama, kMaT3 };
#define HEAN_MA_CHOICES "sma|ema|wma|dema|tema|trima|kama|mama|t3"
#define HEAN_MA_TYPE_OPT(NAME, DEF, DOC) \
  ::hean::OptDef { NAME, DEF, 0, 8, true, HEAN_MA_CHOICES, DOC }

// TA_MA_Lookback: period 1 is a copy (lookback 0) for every type; MAMA ignores the period.
HEAN_INLINE std::size_t ma_lookback(int type, std::size_t p) {
  if (p <= 1) return 0;
  switch (type) {
    case kMaDema: return 2 * (p - 1);
    case kMaTema: return 3 * (p - 1);
    case kMaKama: return p;
    case kMaMama: return 32;
    case kMaT3: return 6 * (p - 1);
    default: return p - 1;
  }
}

// The table entry and option row that compute MA type `type` of period p (TA_MA's fixed
// parameters: KAMA 2/30, MAMA 0.5/0.05, T3 vFactor 0.7; no unstable period).
HEAN_INLINE const IndicatorDef& ma_def_of(int type, std::size_t p, double* o) {
  o[0] = double(p);
  switch (type) {
    case kMaEma: return ema_def;
    case kMaWma: return wma_def;
    case kMaDema: return dema_def;
    case kMaTema: return tema_def;
    case kMaTrima: return trima_def;
    case kMaKama:
      o[1] = 2;
      o[2] = 30;
      return kama_def;
    case kMaMama:
      o[0] = 0.5;
      o[1] = 0.05;
      o[2] = 0;
      return mama_def;
    case kMaT3:
      o[1] = 0.7;
      o[2] = 0;
      return t3_def;
    default: return sma_def;
  }
}

// y[0 .. n) = MA(type, p) of x[0 .. n) (NaN in its warm-up), as TA_MA(startIdx = 0) gives
// it. x may be a kernel input or one of the kernel's own output rows, never y itself (the
// averages read earlier bars after writing them).
template <class L>
HEAN_INLINE void ma_run(int type, std::size_t p, const In<L>& x, std::size_t n, const Out<L>& y) {
  if (p <= 1) {
    for (std::size_t i = 0; i < n; ++i) y.set(i, x[i]);
    return;
  }
  double o[kMaxOpt] = {};
  const IndicatorDef& def = ma_def_of(type, p, o);
  if constexpr (std::is_same_v<L, double>) {
    In<double> xi[kMaxIn] = {x};
    Out<double> yo[kMaxOut] = {y};
    // MAMA's second output (FAMA) is not wanted: it goes to y too, and mama.cpp writes
    // each bar's FAMA before its MAMA.
    if (def.n_out > 1) yo[1] = y;
    scalar_kernel(def)(xi, n, o, yo);
  } else {
    LaneIn xi[kMaxIn] = {{x.p, x.stride}};
    LaneOut yo[kMaxOut] = {{y.p, y.stride}};
    if (def.n_out > 1) yo[1] = yo[0];
    lane_kernel(def)(xi, n, o, yo);
  }
}

// x and y shifted by `off` bars (TA-Lib's MAs started at a later index).
template <class L>
HEAN_INLINE In<L> in_from(const In<L>& x, std::size_t off) {
  In<L> r = x;
  r.p = x.p + off;
  return r;
}
template <class L>
HEAN_INLINE Out<L> out_from(const Out<L>& y, std::size_t off) {
  return Out<L>{y.p + off, y.stride};
}
template <class L>
HEAN_INLINE In<L> in_of(const Out<L>& y) {
  In<L> r{};
  r.p = y.p;
  r.stride = y.stride;
  return r;
}

}  // namespace hean

namespace hean {

// A row of n scratch doubles per lane, NaN-filled, for composites that need an average
// beside their outputs (APO/PPO's second average, MAVP's per-period averages).
template <class L>
struct MaScratch {
  static constexpr std::size_t kLanes = std::is_same_v<L, double> ? 1 : 8;
  Scratch<double, 1024> buf;
  std::size_t n;
  explicit MaScratch(std::size_t bars) : buf(bars * kLanes), n(bars) {
    std::fill(buf.data(), buf.data() + n * kLanes, kNaN);
  }
  Out<L> row() const { return Out<L>{buf.data(), n}; }
};

// TA-Lib's price oscillator (TA_INT_PO): fast MA - slow MA (APO), or 100 * that / slow MA
// and 0 where the slow MA is TA-Lib-zero (PPO), both averages of `type` started at bar 0;
// the periods are already ordered (fp <= sp). Lookback: the slow MA's.
template <bool Percent, class L>
void po_run(const In<L>& x, std::size_t n, std::size_t fp, std::size_t sp, int type, const Out<L>& y) {
  const std::size_t lb = ma_lookback(type, sp);
  if (n <= lb) return fill_nan(y, 0, n);
  const MaScratch<L> scratch(n);
  const Out<L> f = scratch.row();
  ma_run<L>(type, fp, x, n, f);
  ma_run<L>(type, sp, x, n, y);
  const In<L> fast = in_of(f), slow = in_of(y);
  for (std::size_t i = lb; i < n; ++i) {
    const L a = fast[i], b = slow[i];
    if constexpr (Percent)
      y.set(i, div_or<L>(a - b, b, 0.0) * 100.0);
    else
      y.set(i, a - b);
  }
}

}  // namespace hean
