// TA-Lib's 61 candlestick patterns (CDL*), each once: the settings it averages (`slots`:
// setting and how many candles back), the candles before the latest it looks at (kBack;
// lookback = the longest averaging period + kBack) and the test, in TA-Lib's terms and
// order of comparisons (read from ta_CDL*.c; `a[j].at(b, i)` is TA_CANDLEAVERAGE of slot j).
// Results: +100 bullish, -100 bearish (+-200 / +-80 where TA-Lib has them), 0 none.
// The list is hean/candles.inc; the definitions (the table) are in native-cpp/src/candles.cpp.
#pragma once

#include "hean/candles.hpp"

// The tests combine with & and | (not && and ||): every comparison of a pattern is cheap
// and safe to evaluate (all indices are within the lookback), and evaluating them all
// without branches beats short-circuit jumps that mispredict on market data (about 2x on
// patterns(); benches/patterns.mjs). `a < b & c < d` is (a < b) & (c < d) in C++.
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wparentheses"
#endif
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wbitwise-instead-of-logical"
#endif

namespace hean::candles {

#define HEAN_CDL_ARGS [[maybe_unused]] const Bars& b, std::size_t i, [[maybe_unused]] const Avg* a, [[maybe_unused]] double pen, [[maybe_unused]] State& st
#define HEAN_CDL(NAME, BACK, ...)                                  \
  struct NAME##_p {                                                \
    static constexpr int kBack = BACK, kMinPeriod = 0;             \
    static constexpr bool kPenetration = false;                    \
    static constexpr double kPenDefault = 0;                       \
    static constexpr Slot slots[] = {__VA_ARGS__};                 \
    using State = NoState;                                         \
    static HEAN_INLINE int eval(HEAN_CDL_ARGS)
#define HEAN_CDL_PEN(NAME, BACK, PEN, ...)                         \
  struct NAME##_p {                                                \
    static constexpr int kBack = BACK, kMinPeriod = 0;             \
    static constexpr bool kPenetration = true;                     \
    static constexpr double kPenDefault = PEN;                     \
    static constexpr Slot slots[] = {__VA_ARGS__};                 \
    using State = NoState;                                         \
    static HEAN_INLINE int eval(HEAN_CDL_ARGS)
#define HEAN_CDL_END };
#define NONE Slot{kSettingCount, 0}
#define A(j) a[j].at(b, i)
#define O b.o
#define H b.h
#define L b.l
#define C b.c

HEAN_CDL(cdl2Crows, 2, {BodyLong, 2}) {
  return b.color(i - 2) == 1 & b.body(i - 2) > A(0) & b.color(i - 1) == -1 & b.body_gap_up(i - 1, i - 2) &
                 b.color(i) == -1 & O[i] < O[i - 1] & O[i] > C[i - 1] & C[i] > O[i - 2] & C[i] < C[i - 2]
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3BlackCrows, 3, {ShadowVeryShort, 2}, {ShadowVeryShort, 1}, {ShadowVeryShort, 0}) {
  return b.color(i - 3) == 1 & b.color(i - 2) == -1 & b.lower(i - 2) < A(0) & b.color(i - 1) == -1 &
                 b.lower(i - 1) < A(1) & b.color(i) == -1 & b.lower(i) < A(2) & O[i - 1] < O[i - 2] &
                 O[i - 1] > C[i - 2] & O[i] < O[i - 1] & O[i] > C[i - 1] & H[i - 3] > C[i - 2] &
                 C[i - 2] > C[i - 1] & C[i - 1] > C[i]
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3Inside, 2, {BodyLong, 2}, {BodyShort, 1}) {
  if (b.body(i - 2) > A(0) & b.body(i - 1) <= A(1) & b.top(i - 1) < b.top(i - 2) & b.bottom(i - 1) > b.bottom(i - 2) &
      ((b.color(i - 2) == 1 & b.color(i) == -1 & C[i] < O[i - 2]) |
       (b.color(i - 2) == -1 & b.color(i) == 1 & C[i] > O[i - 2])))
    return -b.color(i - 2) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3LineStrike, 3, {Near, 3}, {Near, 2}) {
  if (b.color(i - 3) == b.color(i - 2) & b.color(i - 2) == b.color(i - 1) & b.color(i) == -b.color(i - 1) &
      O[i - 2] >= b.bottom(i - 3) - A(0) & O[i - 2] <= b.top(i - 3) + A(0) & O[i - 1] >= b.bottom(i - 2) - A(1) &
      O[i - 1] <= b.top(i - 2) + A(1) &
      ((b.color(i - 1) == 1 & C[i - 1] > C[i - 2] & C[i - 2] > C[i - 3] & O[i] > C[i - 1] & C[i] < O[i - 3]) |
       (b.color(i - 1) == -1 & C[i - 1] < C[i - 2] & C[i - 2] < C[i - 3] & O[i] < C[i - 1] & C[i] > O[i - 3])))
    return b.color(i - 1) * 100;
  return 0;
}
HEAN_CDL_END

// TA-Lib's lookback is 3 though the pattern reads two candles back.
HEAN_CDL(cdl3Outside, 3, NONE) {
  if ((b.color(i - 1) == 1 & b.color(i - 2) == -1 & C[i - 1] > O[i - 2] & O[i - 1] < C[i - 2] & C[i] > C[i - 1]) |
      (b.color(i - 1) == -1 & b.color(i - 2) == 1 & O[i - 1] > C[i - 2] & C[i - 1] < O[i - 2] & C[i] < C[i - 1]))
    return b.color(i - 1) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3StarsInSouth, 2, {BodyLong, 2}, {ShadowLong, 2}, {ShadowVeryShort, 1}, {ShadowVeryShort, 0}, {BodyShort, 0}) {
  return b.color(i - 2) == -1 & b.color(i - 1) == -1 & b.color(i) == -1 & b.body(i - 2) > A(0) &
                 b.lower(i - 2) > A(1) & b.body(i - 1) < b.body(i - 2) & O[i - 1] > C[i - 2] & O[i - 1] <= H[i - 2] &
                 L[i - 1] < C[i - 2] & L[i - 1] >= L[i - 2] & b.lower(i - 1) > A(2) & b.body(i) < A(4) &
                 b.lower(i) < A(3) & b.upper(i) < A(3) & L[i] > L[i - 1] & H[i] < H[i - 1]
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3WhiteSoldiers, 2, {ShadowVeryShort, 2}, {ShadowVeryShort, 1}, {ShadowVeryShort, 0}, {Near, 2}, {Near, 1},
         {Far, 2}, {Far, 1}, {BodyShort, 0}) {
  return b.color(i - 2) == 1 & b.upper(i - 2) < A(0) & b.color(i - 1) == 1 & b.upper(i - 1) < A(1) &
                 b.color(i) == 1 & b.upper(i) < A(2) & C[i] > C[i - 1] & C[i - 1] > C[i - 2] & O[i - 1] > O[i - 2] &
                 O[i - 1] <= C[i - 2] + A(3) & O[i] > O[i - 1] & O[i] <= C[i - 1] + A(4) &
                 b.body(i - 1) > b.body(i - 2) - A(5) & b.body(i) > b.body(i - 1) - A(6) & b.body(i) > A(7)
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlAbandonedBaby, 2, 0.3, {BodyLong, 2}, {BodyDoji, 1}, {BodyShort, 0}) {
  if (b.body(i - 2) > A(0) & b.body(i - 1) <= A(1) & b.body(i) > A(2) &
      ((b.color(i - 2) == 1 & b.color(i) == -1 & C[i] < C[i - 2] - b.body(i - 2) * pen & b.gap_up(i - 1, i - 2) &
        b.gap_down(i, i - 1)) |
       (b.color(i - 2) == -1 & b.color(i) == 1 & C[i] > C[i - 2] + b.body(i - 2) * pen & b.gap_down(i - 1, i - 2) &
        b.gap_up(i, i - 1))))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlAdvanceBlock, 2, {ShadowShort, 2}, {ShadowShort, 1}, {ShadowShort, 0}, {ShadowLong, 1}, {ShadowLong, 0},
         {Near, 2}, {Near, 1}, {Far, 2}, {Far, 1}, {BodyLong, 2}) {
  return b.color(i - 2) == 1 & b.color(i - 1) == 1 & b.color(i) == 1 & C[i] > C[i - 1] & C[i - 1] > C[i - 2] &
                 O[i - 1] > O[i - 2] & O[i - 1] <= C[i - 2] + A(5) & O[i] > O[i - 1] & O[i] <= C[i - 1] + A(6) &
                 b.body(i - 2) > A(9) & b.upper(i - 2) < A(0) &
                 ((b.body(i - 1) < b.body(i - 2) - A(7) & b.body(i) < b.body(i - 1) + A(6)) |
                  (b.body(i) < b.body(i - 1) - A(8)) |
                  (b.body(i) < b.body(i - 1) & b.body(i - 1) < b.body(i - 2) & (b.upper(i) > A(2) | b.upper(i - 1) > A(1))) |
                  (b.body(i) < b.body(i - 1) & b.upper(i) > A(4)))
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlBeltHold, 0, {BodyLong, 0}, {ShadowVeryShort, 0}) {
  if (b.body(i) > A(0) & ((b.color(i) == 1 & b.lower(i) < A(1)) | (b.color(i) == -1 & b.upper(i) < A(1))))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlBreakaway, 4, {BodyLong, 4}) {
  if (b.body(i - 4) > A(0) & b.color(i - 4) == b.color(i - 3) & b.color(i - 3) == b.color(i - 1) &
      b.color(i - 1) == -b.color(i) &
      ((b.color(i - 4) == -1 & b.body_gap_down(i - 3, i - 4) & H[i - 2] < H[i - 3] & L[i - 2] < L[i - 3] &
        H[i - 1] < H[i - 2] & L[i - 1] < L[i - 2] & C[i] > O[i - 3] & C[i] < C[i - 4]) |
       (b.color(i - 4) == 1 & b.body_gap_up(i - 3, i - 4) & H[i - 2] > H[i - 3] & L[i - 2] > L[i - 3] &
        H[i - 1] > H[i - 2] & L[i - 1] > L[i - 2] & C[i] < O[i - 3] & C[i] > C[i - 4])))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlClosingMarubozu, 0, {BodyLong, 0}, {ShadowVeryShort, 0}) {
  if (b.body(i) > A(0) & ((b.color(i) == 1 & b.upper(i) < A(1)) | (b.color(i) == -1 & b.lower(i) < A(1))))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlConcealBabysWall, 3, {ShadowVeryShort, 3}, {ShadowVeryShort, 2}, {ShadowVeryShort, 1}) {
  return b.color(i - 3) == -1 & b.color(i - 2) == -1 & b.color(i - 1) == -1 & b.color(i) == -1 &
                 b.lower(i - 3) < A(0) & b.upper(i - 3) < A(0) & b.lower(i - 2) < A(1) & b.upper(i - 2) < A(1) &
                 b.body_gap_down(i - 1, i - 2) & b.upper(i - 1) > A(2) & H[i - 1] > C[i - 2] & H[i] > H[i - 1] &
                 L[i] < L[i - 1]
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlCounterAttack, 1, {Equal, 1}, {BodyLong, 1}, {BodyLong, 0}) {
  if (b.color(i - 1) == -b.color(i) & b.body(i - 1) > A(1) & b.body(i) > A(2) & C[i] <= C[i - 1] + A(0) &
      C[i] >= C[i - 1] - A(0))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlDarkCloudCover, 1, 0.5, {BodyLong, 1}) {
  return b.color(i - 1) == 1 & b.body(i - 1) > A(0) & b.color(i) == -1 & O[i] > H[i - 1] & C[i] > O[i - 1] &
                 C[i] < C[i - 1] - b.body(i - 1) * pen
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlDoji, 0, {BodyDoji, 0}) { return b.body(i) <= A(0) ? 100 : 0; }
HEAN_CDL_END

HEAN_CDL(cdlDojiStar, 1, {BodyLong, 1}, {BodyDoji, 0}) {
  if (b.body(i - 1) > A(0) & b.body(i) <= A(1) &
      ((b.color(i - 1) == 1 & b.body_gap_up(i, i - 1)) | (b.color(i - 1) == -1 & b.body_gap_down(i, i - 1))))
    return -b.color(i - 1) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlDragonflyDoji, 0, {BodyDoji, 0}, {ShadowVeryShort, 0}) {
  return b.body(i) <= A(0) & b.upper(i) < A(1) & b.lower(i) > A(1) ? 100 : 0;
}
HEAN_CDL_END

// TA-Lib's lookback is 2 though the pattern reads one candle back.
HEAN_CDL(cdlEngulfing, 2, NONE) {
  if ((b.color(i) == 1 & b.color(i - 1) == -1 &
       ((C[i] >= O[i - 1] & O[i] < C[i - 1]) | (C[i] > O[i - 1] & O[i] <= C[i - 1]))) |
      (b.color(i) == -1 & b.color(i - 1) == 1 &
       ((O[i] >= C[i - 1] & C[i] < O[i - 1]) | (O[i] > C[i - 1] & C[i] <= O[i - 1]))))
    return O[i] != C[i - 1] & C[i] != O[i - 1] ? b.color(i) * 100 : b.color(i) * 80;
  return 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlEveningDojiStar, 2, 0.3, {BodyLong, 2}, {BodyDoji, 1}, {BodyShort, 0}) {
  return b.body(i - 2) > A(0) & b.color(i - 2) == 1 & b.body(i - 1) <= A(1) & b.body_gap_up(i - 1, i - 2) &
                 b.body(i) > A(2) & b.color(i) == -1 & C[i] < C[i - 2] - b.body(i - 2) * pen
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlEveningStar, 2, 0.3, {BodyLong, 2}, {BodyShort, 1}, {BodyShort, 0}) {
  return b.body(i - 2) > A(0) & b.color(i - 2) == 1 & b.body(i - 1) <= A(1) & b.body_gap_up(i - 1, i - 2) &
                 b.body(i) > A(2) & b.color(i) == -1 & C[i] < C[i - 2] - b.body(i - 2) * pen
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlGapSideSideWhite, 2, {Near, 1}, {Equal, 1}) {
  if (((b.body_gap_up(i - 1, i - 2) & b.body_gap_up(i, i - 2)) | (b.body_gap_down(i - 1, i - 2) & b.body_gap_down(i, i - 2))) &
      b.color(i - 1) == 1 & b.color(i) == 1 & b.body(i) >= b.body(i - 1) - A(0) & b.body(i) <= b.body(i - 1) + A(0) &
      O[i] >= O[i - 1] - A(1) & O[i] <= O[i - 1] + A(1))
    return b.body_gap_up(i - 1, i - 2) ? 100 : -100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlGravestoneDoji, 0, {BodyDoji, 0}, {ShadowVeryShort, 0}) {
  return b.body(i) <= A(0) & b.lower(i) < A(1) & b.upper(i) > A(1) ? 100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlHammer, 1, {BodyShort, 0}, {ShadowLong, 0}, {ShadowVeryShort, 0}, {Near, 1}) {
  return b.body(i) < A(0) & b.lower(i) > A(1) & b.upper(i) < A(2) & b.bottom(i) <= L[i - 1] + A(3) ? 100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlHangingMan, 1, {BodyShort, 0}, {ShadowLong, 0}, {ShadowVeryShort, 0}, {Near, 1}) {
  return b.body(i) < A(0) & b.lower(i) > A(1) & b.upper(i) < A(2) & b.bottom(i) >= H[i - 1] - A(3) ? -100 : 0;
}
HEAN_CDL_END

// Harami and harami cross: a small (or doji) body inside a long one: +-100 strictly inside,
// +-80 when a body edge touches.
HEAN_INLINE int harami_grade(const Bars& b, std::size_t i) {
  if (b.top(i) < b.top(i - 1) && b.bottom(i) > b.bottom(i - 1)) return -b.color(i - 1) * 100;
  if (b.top(i) <= b.top(i - 1) && b.bottom(i) >= b.bottom(i - 1)) return -b.color(i - 1) * 80;
  return 0;
}
HEAN_CDL(cdlHarami, 1, {BodyLong, 1}, {BodyShort, 0}) {
  return b.body(i - 1) > A(0) & b.body(i) <= A(1) ? harami_grade(b, i) : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlHaramiCross, 1, {BodyLong, 1}, {BodyDoji, 0}) {
  return b.body(i - 1) > A(0) & b.body(i) <= A(1) ? harami_grade(b, i) : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlHighWave, 0, {BodyShort, 0}, {ShadowVeryLong, 0}) {
  return b.body(i) < A(0) & b.upper(i) > A(1) & b.lower(i) > A(1) ? b.color(i) * 100 : 0;
}
HEAN_CDL_END

// Hikkake: an inside bar, then a bar breaking out of it (+100 down-break: bullish setup,
// -100 up-break), then within 3 bars a close beyond the inside bar's other side confirms
// (+-200). TA-Lib's memory of the last setup: its bar and result, primed over the 3 bars
// before the first output.
struct HikkakeState {
  std::size_t idx = 0;
  int result = 0;
  // The setup test at bar i (near: the modified form's extra condition on candle i - 2).
  template <class Extra>
  HEAN_INLINE int bar(const Bars& b, std::size_t i, Extra&& extra_ok) {
    if (H[i - 1] < H[i - 2] && L[i - 1] > L[i - 2] &&
        ((H[i] < H[i - 1] && L[i] < L[i - 1]) || (H[i] > H[i - 1] && L[i] > L[i - 1])) && extra_ok()) {
      result = 100 * (H[i] < H[i - 1] ? 1 : -1);
      idx = i;
      return result;
    }
    if (i <= idx + 3 && ((result > 0 && C[i] > H[idx - 1]) || (result < 0 && C[i] < L[idx - 1]))) {
      idx = 0;
      return result + 100 * (result > 0 ? 1 : -1);
    }
    return 0;
  }
};
struct cdlHikkake_p {
  static constexpr int kBack = 5, kMinPeriod = 0;
  static constexpr bool kPenetration = false;
  static constexpr double kPenDefault = 0;
  static constexpr Slot slots[] = {NONE};
  struct State : HikkakeState {
    HEAN_INLINE void start(const Bars& b, std::size_t s, Avg*, double) {
      for (std::size_t i = s - 3; i < s; ++i) bar(b, i, [] { return true; });
    }
  };
  static HEAN_INLINE int eval(HEAN_CDL_ARGS) {
    return st.bar(b, i, [] { return true; });
  }
};

// Modified hikkake: the inside bar follows another inside bar, and the middle candle closes
// near its low (bullish) or high (bearish). TA-Lib starts its Near total 3 bars before the
// first output and rolls it over the priming bars, so the same is done here (same bits).
struct cdlHikkakeMod_p {
  static constexpr int kBack = 5, kMinPeriod = 1;
  static constexpr bool kPenetration = false;
  static constexpr double kPenDefault = 0;
  static constexpr Slot slots[] = {{Near, 2}};
  static HEAN_INLINE int test(const Bars& b, std::size_t i, const Avg* a, HikkakeState& st) {
    if (!(H[i - 2] < H[i - 3] && L[i - 2] > L[i - 3])) {
      // Not a setup: only the confirmation branch can fire.
      return st.bar(b, i, [] { return false; });
    }
    return st.bar(b, i, [&] {
      return (H[i] < H[i - 1] && L[i] < L[i - 1] && C[i - 2] <= L[i - 2] + A(0)) ||
             (H[i] > H[i - 1] && L[i] > L[i - 1] && C[i - 2] >= H[i - 2] - A(0));
    });
  }
  struct State : HikkakeState {
    HEAN_INLINE void start(const Bars& b, std::size_t s, Avg* a, double) {
      a[0].init(b, s - 3);
      for (std::size_t i = s - 3; i < s; ++i) {
        test(b, i, a, *this);
        a[0].step(b, i);
      }
    }
  };
  static HEAN_INLINE int eval(HEAN_CDL_ARGS) { return test(b, i, a, st); }
};

HEAN_CDL(cdlHomingPigeon, 1, {BodyLong, 1}, {BodyShort, 0}) {
  return b.color(i - 1) == -1 & b.color(i) == -1 & b.body(i - 1) > A(0) & b.body(i) <= A(1) & O[i] < O[i - 1] &
                 C[i] > C[i - 1]
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlIdentical3Crows, 2, {ShadowVeryShort, 2}, {ShadowVeryShort, 1}, {ShadowVeryShort, 0}, {Equal, 2}, {Equal, 1}) {
  return b.color(i - 2) == -1 & b.lower(i - 2) < A(0) & b.color(i - 1) == -1 & b.lower(i - 1) < A(1) &
                 b.color(i) == -1 & b.lower(i) < A(2) & C[i - 2] > C[i - 1] & C[i - 1] > C[i] &
                 O[i - 1] <= C[i - 2] + A(3) & O[i - 1] >= C[i - 2] - A(3) & O[i] <= C[i - 1] + A(4) &
                 O[i] >= C[i - 1] - A(4)
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlInNeck, 1, {Equal, 1}, {BodyLong, 1}) {
  return b.color(i - 1) == -1 & b.body(i - 1) > A(1) & b.color(i) == 1 & O[i] < L[i - 1] & C[i] <= C[i - 1] + A(0) &
                 C[i] >= C[i - 1]
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlInvertedHammer, 1, {BodyShort, 0}, {ShadowLong, 0}, {ShadowVeryShort, 0}) {
  return b.body(i) < A(0) & b.upper(i) > A(1) & b.lower(i) < A(2) & b.body_gap_down(i, i - 1) ? 100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlKicking, 1, {ShadowVeryShort, 1}, {ShadowVeryShort, 0}, {BodyLong, 1}, {BodyLong, 0}) {
  if (b.color(i - 1) == -b.color(i) & b.body(i - 1) > A(2) & b.upper(i - 1) < A(0) & b.lower(i - 1) < A(0) &
      b.body(i) > A(3) & b.upper(i) < A(1) & b.lower(i) < A(1) &
      ((b.color(i - 1) == -1 & b.gap_up(i, i - 1)) | (b.color(i - 1) == 1 & b.gap_down(i, i - 1))))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

// As kicking, the direction from the longer of the two marubozu.
HEAN_CDL(cdlKickingByLength, 1, {ShadowVeryShort, 1}, {ShadowVeryShort, 0}, {BodyLong, 1}, {BodyLong, 0}) {
  if (b.color(i - 1) == -b.color(i) & b.body(i - 1) > A(2) & b.upper(i - 1) < A(0) & b.lower(i - 1) < A(0) &
      b.body(i) > A(3) & b.upper(i) < A(1) & b.lower(i) < A(1) &
      ((b.color(i - 1) == -1 & b.gap_up(i, i - 1)) | (b.color(i - 1) == 1 & b.gap_down(i, i - 1))))
    return b.color(b.body(i) > b.body(i - 1) ? i : i - 1) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlLadderBottom, 4, {ShadowVeryShort, 1}) {
  return b.color(i - 4) == -1 & b.color(i - 3) == -1 & b.color(i - 2) == -1 & O[i - 4] > O[i - 3] &
                 O[i - 3] > O[i - 2] & C[i - 4] > C[i - 3] & C[i - 3] > C[i - 2] & b.color(i - 1) == -1 &
                 b.upper(i - 1) > A(0) & b.color(i) == 1 & O[i] > O[i - 1] & C[i] > H[i - 1]
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlLongLeggedDoji, 0, {BodyDoji, 0}, {ShadowLong, 0}) {
  return b.body(i) <= A(0) & (b.lower(i) > A(1) | b.upper(i) > A(1)) ? 100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlLongLine, 0, {BodyLong, 0}, {ShadowShort, 0}) {
  return b.body(i) > A(0) & b.upper(i) < A(1) & b.lower(i) < A(1) ? b.color(i) * 100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlMarubozu, 0, {BodyLong, 0}, {ShadowVeryShort, 0}) {
  return b.body(i) > A(0) & b.upper(i) < A(1) & b.lower(i) < A(1) ? b.color(i) * 100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlMatchingLow, 1, {Equal, 1}) {
  return b.color(i - 1) == -1 & b.color(i) == -1 & C[i] <= C[i - 1] + A(0) & C[i] >= C[i - 1] - A(0) ? 100 : 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlMatHold, 4, 0.5, {BodyShort, 3}, {BodyShort, 2}, {BodyShort, 1}, {BodyLong, 4}) {
  return b.body(i - 4) > A(3) & b.body(i - 3) < A(0) & b.body(i - 2) < A(1) & b.body(i - 1) < A(2) &
                 b.color(i - 4) == 1 & b.color(i - 3) == -1 & b.color(i) == 1 & b.body_gap_up(i - 3, i - 4) &
                 b.bottom(i - 2) < C[i - 4] & b.bottom(i - 1) < C[i - 4] &
                 b.bottom(i - 2) > C[i - 4] - b.body(i - 4) * pen & b.bottom(i - 1) > C[i - 4] - b.body(i - 4) * pen &
                 b.top(i - 2) < O[i - 3] & b.top(i - 1) < b.top(i - 2) & O[i] > C[i - 1] &
                 C[i] > lmax_nb(H[i - 3], H[i - 2]) & C[i] > H[i - 1]
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlMorningDojiStar, 2, 0.3, {BodyLong, 2}, {BodyDoji, 1}, {BodyShort, 0}) {
  return b.body(i - 2) > A(0) & b.color(i - 2) == -1 & b.body(i - 1) <= A(1) & b.body_gap_down(i - 1, i - 2) &
                 b.body(i) > A(2) & b.color(i) == 1 & C[i] > C[i - 2] + b.body(i - 2) * pen
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlMorningStar, 2, 0.3, {BodyLong, 2}, {BodyShort, 1}, {BodyShort, 0}) {
  return b.body(i - 2) > A(0) & b.color(i - 2) == -1 & b.body(i - 1) <= A(1) & b.body_gap_down(i - 1, i - 2) &
                 b.body(i) > A(2) & b.color(i) == 1 & C[i] > C[i - 2] + b.body(i - 2) * pen
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlOnNeck, 1, {Equal, 1}, {BodyLong, 1}) {
  return b.color(i - 1) == -1 & b.body(i - 1) > A(1) & b.color(i) == 1 & O[i] < L[i - 1] & C[i] <= L[i - 1] + A(0) &
                 C[i] >= L[i - 1] - A(0)
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlPiercing, 1, {BodyLong, 1}, {BodyLong, 0}) {
  return b.color(i - 1) == -1 & b.body(i - 1) > A(0) & b.color(i) == 1 & b.body(i) > A(1) & O[i] < L[i - 1] &
                 C[i] < O[i - 1] & C[i] > C[i - 1] + b.body(i - 1) * 0.5
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlRickshawMan, 0, {BodyDoji, 0}, {ShadowLong, 0}, {Near, 0}) {
  return b.body(i) <= A(0) & b.lower(i) > A(1) & b.upper(i) > A(1) & b.bottom(i) <= L[i] + b.hl(i) / 2 + A(2) &
                 b.top(i) >= L[i] + b.hl(i) / 2 - A(2)
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlRiseFall3Methods, 4, {BodyShort, 3}, {BodyShort, 2}, {BodyShort, 1}, {BodyLong, 4}, {BodyLong, 0}) {
  const double c4 = double(b.color(i - 4));
  return b.body(i - 4) > A(3) & b.body(i - 3) < A(0) & b.body(i - 2) < A(1) & b.body(i - 1) < A(2) &
                 b.body(i) > A(4) & b.color(i - 4) == -b.color(i - 3) & b.color(i - 3) == b.color(i - 2) &
                 b.color(i - 2) == b.color(i - 1) & b.color(i - 1) == -b.color(i) & b.bottom(i - 3) < H[i - 4] &
                 b.top(i - 3) > L[i - 4] & b.bottom(i - 2) < H[i - 4] & b.top(i - 2) > L[i - 4] &
                 b.bottom(i - 1) < H[i - 4] & b.top(i - 1) > L[i - 4] & C[i - 2] * c4 < C[i - 3] * c4 &
                 C[i - 1] * c4 < C[i - 2] * c4 & O[i] * c4 > C[i - 1] * c4 & C[i] * c4 > C[i - 4] * c4
             ? 100 * b.color(i - 4)
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlSeparatingLines, 1, {ShadowVeryShort, 0}, {BodyLong, 0}, {Equal, 1}) {
  if (b.color(i - 1) == -b.color(i) & O[i] <= O[i - 1] + A(2) & O[i] >= O[i - 1] - A(2) & b.body(i) > A(1) &
      ((b.color(i) == 1 & b.lower(i) < A(0)) | (b.color(i) == -1 & b.upper(i) < A(0))))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlShootingStar, 1, {BodyShort, 0}, {ShadowLong, 0}, {ShadowVeryShort, 0}) {
  return b.body(i) < A(0) & b.upper(i) > A(1) & b.lower(i) < A(2) & b.body_gap_up(i, i - 1) ? -100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlShortLine, 0, {BodyShort, 0}, {ShadowShort, 0}) {
  return b.body(i) < A(0) & b.upper(i) < A(1) & b.lower(i) < A(1) ? b.color(i) * 100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlSpinningTop, 0, {BodyShort, 0}) {
  return b.body(i) < A(0) & b.upper(i) > b.body(i) & b.lower(i) > b.body(i) ? b.color(i) * 100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlStalledPattern, 2, {BodyLong, 2}, {BodyLong, 1}, {BodyShort, 0}, {ShadowVeryShort, 1}, {Near, 2}, {Near, 1}) {
  return b.color(i - 2) == 1 & b.color(i - 1) == 1 & b.color(i) == 1 & C[i] > C[i - 1] & C[i - 1] > C[i - 2] &
                 b.body(i - 2) > A(0) & b.body(i - 1) > A(1) & b.upper(i - 1) < A(3) & O[i - 1] > O[i - 2] &
                 O[i - 1] <= C[i - 2] + A(4) & b.body(i) < A(2) & O[i] >= C[i - 1] - b.body(i) - A(5)
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlStickSandwich, 2, {Equal, 2}) {
  return b.color(i - 2) == -1 & b.color(i - 1) == 1 & b.color(i) == -1 & L[i - 1] > C[i - 2] &
                 C[i] <= C[i - 2] + A(0) & C[i] >= C[i - 2] - A(0)
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlTakuri, 0, {BodyDoji, 0}, {ShadowVeryShort, 0}, {ShadowVeryLong, 0}) {
  return b.body(i) <= A(0) & b.upper(i) < A(1) & b.lower(i) > A(2) ? 100 : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlTasukiGap, 2, {Near, 1}) {
  if ((b.body_gap_up(i - 1, i - 2) & b.color(i - 1) == 1 & b.color(i) == -1 & O[i] < C[i - 1] & O[i] > O[i - 1] &
       C[i] < O[i - 1] & C[i] > b.top(i - 2) & std::fabs(b.body(i - 1) - b.body(i)) < A(0)) |
      (b.body_gap_down(i - 1, i - 2) & b.color(i - 1) == -1 & b.color(i) == 1 & O[i] < O[i - 1] & O[i] > C[i - 1] &
       C[i] > O[i - 1] & C[i] < b.bottom(i - 2) & std::fabs(b.body(i - 1) - b.body(i)) < A(0)))
    return b.color(i - 1) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlThrusting, 1, {Equal, 1}, {BodyLong, 1}) {
  return b.color(i - 1) == -1 & b.body(i - 1) > A(1) & b.color(i) == 1 & O[i] < L[i - 1] & C[i] > C[i - 1] + A(0) &
                 C[i] <= C[i - 1] + b.body(i - 1) * 0.5
             ? -100
             : 0;
}
HEAN_CDL_END

// Three doji (each against the average at the first), the middle one gapping away.
HEAN_CDL(cdlTristar, 2, {BodyDoji, 2}) {
  if (!(b.body(i - 2) <= A(0) & b.body(i - 1) <= A(0) & b.body(i) <= A(0))) return 0;
  int v = 0;
  if (b.body_gap_up(i - 1, i - 2) & b.top(i) < b.top(i - 1)) v = -100;
  if (b.body_gap_down(i - 1, i - 2) & b.bottom(i) > b.bottom(i - 1)) v = 100;
  return v;
}
HEAN_CDL_END

HEAN_CDL(cdlUnique3River, 2, {BodyLong, 2}, {BodyShort, 0}) {
  return b.body(i - 2) > A(0) & b.color(i - 2) == -1 & b.color(i - 1) == -1 & C[i - 1] > C[i - 2] &
                 O[i - 1] <= O[i - 2] & L[i - 1] < L[i - 2] & b.body(i) < A(1) & b.color(i) == 1 & O[i] > L[i - 1]
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlUpsideGap2Crows, 2, {BodyLong, 2}, {BodyShort, 1}) {
  return b.color(i - 2) == 1 & b.body(i - 2) > A(0) & b.color(i - 1) == -1 & b.body(i - 1) <= A(1) &
                 b.body_gap_up(i - 1, i - 2) & b.color(i) == -1 & O[i] > O[i - 1] & C[i] < C[i - 1] & C[i] > C[i - 2]
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlXSideGap3Methods, 2, NONE) {
  if (b.color(i - 2) == b.color(i - 1) & b.color(i - 1) == -b.color(i) & O[i] < b.top(i - 1) & O[i] > b.bottom(i - 1) &
      C[i] < b.top(i - 2) & C[i] > b.bottom(i - 2) &
      ((b.color(i - 2) == 1 & b.body_gap_up(i - 1, i - 2)) | (b.color(i - 2) == -1 & b.body_gap_down(i - 1, i - 2))))
    return b.color(i - 2) * 100;
  return 0;
}
static constexpr bool kOpaque = true;  // (Runner::kOpaque)
HEAN_CDL_END

// ---- end of the patterns
#undef A
#undef O
#undef H
#undef L
#undef C
#undef NONE
#undef HEAN_CDL_END
#undef HEAN_CDL_PEN
#undef HEAN_CDL
#undef HEAN_CDL_ARGS

}  // namespace hean::candles

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif
