// The candle toolkit shared by every candlestick pattern (TA-Lib's CDL* functions):
// the parts of a candle (real body, shadows, colour, gaps), TA-Lib's candle settings and
// the rolling averages of candle ranges the patterns compare against, with TA-Lib's
// running-total order of operations (the comparisons decide the output, so the sums must
// be the same bits as TA-Lib's), and the driver that runs a pattern over a NaN-free run.
// The patterns themselves are in hean/candle_patterns.hpp, the list in hean/candles.inc.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "hean/indicator.hpp"

namespace hean::candles {

// How a candle's size is measured for a setting (TA-Lib's TA_RangeType).
enum RangeType : int { kRealBody = 0, kHighLow = 1, kShadows = 2 };

// TA-Lib's candle settings, in TA-Lib's order (TA_CandleSettingType).
enum Setting : int {
  BodyLong,
  BodyVeryLong,
  BodyShort,
  BodyDoji,
  ShadowLong,
  ShadowVeryLong,
  ShadowShort,
  ShadowVeryShort,
  Near,
  Far,
  Equal,
  kSettingCount
};

// One setting: a candle part is compared with `factor` times the average `range_type`
// size of the `avg_period` candles before it (with avg_period 0: the candle's own size);
// Shadows averages are halved (one shadow against the mean of the two).
struct CandleSetting {
  int range_type;
  int avg_period;
  double factor;
};

struct Settings {
  CandleSetting s[kSettingCount];
  const CandleSetting& operator[](Setting k) const { return s[k]; }
};

// TA-Lib 0.8's defaults (ta_global.c, TA_CandleDefaultSettings).
inline constexpr Settings kDefaultSettings = {{
    {kRealBody, 10, 1.0},   // BodyLong: body longer than the average body of the last 10
    {kRealBody, 10, 3.0},   // BodyVeryLong: 3 times that
    {kRealBody, 10, 1.0},   // BodyShort: shorter than the average body
    {kHighLow, 10, 0.1},    // BodyDoji: body under 10% of the average high-low range
    {kRealBody, 0, 1.0},    // ShadowLong: shadow longer than the body
    {kRealBody, 0, 2.0},    // ShadowVeryLong: twice the body
    {kShadows, 10, 1.0},    // ShadowShort: under half the average sum of the shadows
    {kHighLow, 10, 0.1},    // ShadowVeryShort: under 10% of the average high-low range
    {kHighLow, 5, 0.2},     // Near: within 20% of the average high-low range of the last 5
    {kHighLow, 5, 0.6},     // Far: at least 60% of it
    {kHighLow, 5, 0.05},    // Equal: within 5% of it
}};
// Settings from 33 numbers (11 x rangeType, avgPeriod, factor, TA-Lib's order) already
// checked (candles::read_settings, or the TS caller's candleSettingsVector).
inline Settings settings_of(const double* v) {
  Settings cs{};
  for (int k = 0; k < kSettingCount; ++k) cs.s[k] = CandleSetting{int(v[3 * k]), int(v[3 * k + 1]), v[3 * k + 2]};
  return cs;
}
// The names of the settings in option objects (candleSettings: { bodyLong: ... }).
inline constexpr const char* kSettingNames[kSettingCount] = {
    "bodyLong", "bodyVeryLong", "bodyShort", "bodyDoji", "shadowLong", "shadowVeryLong",
    "shadowShort", "shadowVeryShort", "near", "far", "equal"};

// Open, high, low, close of a NaN-free run and the parts of candle i, as TA-Lib's
// ta_utility.h macros compute them (same expressions, so the same bits).
struct Bars {
  const double *o, *h, *l, *c;
  HEAN_INLINE double body(std::size_t i) const { return std::fabs(c[i] - o[i]); }
  // (The colour follows the data: the selects are lanes.hpp's branch-free ones.)
  HEAN_INLINE double upper(std::size_t i) const { return h[i] - lsel_nb(c[i] >= o[i], c[i], o[i]); }
  HEAN_INLINE double lower(std::size_t i) const { return lsel_nb(c[i] >= o[i], o[i], c[i]) - l[i]; }
  HEAN_INLINE double hl(std::size_t i) const { return h[i] - l[i]; }
  // +1 white (close >= open), -1 black.
  HEAN_INLINE int color(std::size_t i) const { return c[i] >= o[i] ? 1 : -1; }
  // Top and bottom of the real body.
  HEAN_INLINE double top(std::size_t i) const { return lmax_nb(o[i], c[i]); }
  HEAN_INLINE double bottom(std::size_t i) const { return lmin_nb(o[i], c[i]); }
  // Real body of a above / below b's (TA_REALBODYGAPUP(a, b) / DOWN), and the same for
  // whole candles (TA_CANDLEGAPUP / DOWN).
  HEAN_INLINE bool body_gap_up(std::size_t a, std::size_t b) const { return bottom(a) > top(b); }
  HEAN_INLINE bool body_gap_down(std::size_t a, std::size_t b) const { return top(a) < bottom(b); }
  HEAN_INLINE bool gap_up(std::size_t a, std::size_t b) const { return l[a] > h[b]; }
  HEAN_INLINE bool gap_down(std::size_t a, std::size_t b) const { return h[a] < l[b]; }
  // The size of candle i a setting measures (TA_CANDLERANGE).
  HEAN_INLINE double range(const CandleSetting& s, std::size_t i) const {
    return s.range_type == kRealBody ? body(i) : s.range_type == kHighLow ? hl(i) : upper(i) + lower(i);
  }
};

// A setting applied `k` candles back: the running total of the ranges of the avg_period
// candles before candle i - k, kept as TA-Lib keeps its *PeriodTotal: summed in bar order
// at the start, then `total += range(i - k) - range(i - k - period)` after each bar.
struct Avg {
  const CandleSetting* s;
  std::size_t k;
  std::size_t p;
  double total;
  HEAN_INLINE void init(const Bars& b, std::size_t start) {
    total = 0;
    for (std::size_t j = start - p; j < start; ++j) total += b.range(*s, j - k);
  }
  // TA_CANDLEAVERAGE at bar i (of candle i - k).
  HEAN_INLINE double at(const Bars& b, std::size_t i) const {
    return s->factor * (p != 0 ? total / double(p) : b.range(*s, i - k)) / (s->range_type == kShadows ? 2.0 : 1.0);
  }
  HEAN_INLINE void step(const Bars& b, std::size_t i) { total += b.range(*s, i - k) - b.range(*s, i - k - p); }
};

// A use of a setting by a pattern: which, and how many candles back.
struct Slot {
  Setting set;
  int k;
};

// A pattern P run incrementally over a NaN-free run: P has `kBack` (candles before the
// latest), `kMinPeriod`, `slots` (its settings uses) and
// `int eval(const Bars&, std::size_t i, const Avg* a, double penetration, State&)`, and a
// State (pattern memory, e.g. Hikkake's) with `start(bars, start)` and `step(bars, i)`.
template <class P>
struct Runner {
  static constexpr std::size_t NS = sizeof(P::slots) / sizeof(P::slots[0]);
  // With settings averages the loop carries their running totals and stays scalar: there
  // the result is kept opaque (lint_nb, lanes.hpp) so WASM keeps its & chain in i32
  // selects. Without (cdl3Outside, cdlEngulfing, ...) clang vectorizes the whole loop
  // when it can see through the result (WASM 1.2 vs 4.4 ns/bar for cdl3Outside).
  static constexpr bool kAverages = P::slots[0].set != kSettingCount;
  // A pattern may ask for the opaque result without averages too (kOpaque): one whose
  // loop clang does not vectorize, where WASM would otherwise get an f64 select (a branch
  // in V8) per term of its & chain (cdlXSideGap3Methods).
  static constexpr bool kOpaque = kAverages || requires { P::kOpaque; };
  Avg a[NS];
  typename P::State st;
  double pen;
  std::size_t lb;
  void setup(const Settings& cs, double penetration) {
    pen = penetration;
    lb = lookback(cs);
    for (std::size_t j = 0; j < NS; ++j) {
      if (P::slots[j].set == kSettingCount) continue;
      const CandleSetting& s = cs[P::slots[j].set];
      a[j] = Avg{&s, std::size_t(P::slots[j].k), std::size_t(s.avg_period), 0.0};
    }
  }
  static std::size_t lookback(const Settings& cs) {
    std::size_t m = std::size_t(P::kMinPeriod);
    for (std::size_t j = 0; j < NS; ++j) {
      if (P::slots[j].set == kSettingCount) continue;  // a pattern without settings
      const std::size_t p = std::size_t(cs[P::slots[j].set].avg_period);
      if (p > m) m = p;
    }
    return m + std::size_t(P::kBack);
  }
  // Bars [from, to) of a run of `n` bars starting at b; emit(i, value) for i >= lookback,
  // warm(i) before. Call with consecutive blocks from 0.
  template <class Emit, class Warm>
  HEAN_INLINE void block(const Bars& b, std::size_t from, std::size_t to, Emit&& emit, Warm&& warm) {
    std::size_t i = from;
    for (; i < to && i < lb; ++i) warm(i);
    if (i == lb && i < to) {
      for (std::size_t j = 0; j < NS; ++j)
        if (P::slots[j].set != kSettingCount) a[j].init(b, lb);
      st.start(b, lb, a, pen);
    }
    for (; i < to; ++i) {
      const int v = P::eval(b, i, a, pen, st);
      emit(i, kOpaque ? lint_nb(v) : v);
      for (std::size_t j = 0; j < NS; ++j)
        if (P::slots[j].set != kSettingCount) a[j].step(b, i);
    }
  }
};

struct NoState {
  HEAN_INLINE void start(const Bars&, std::size_t, const Avg*, double) {}
};

}  // namespace hean::candles
