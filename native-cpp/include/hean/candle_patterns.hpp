// TA-Lib's 61 candlestick patterns (CDL*), each once: the settings it averages (`slots`:
// setting and how many candles back), the candles before the latest it looks at (kBack;
// lookback = the longest averaging period + kBack) and the test, in TA-Lib's terms and
// order of comparisons (read from ta_CDL*.c; `a[j].at(b, i)` is TA_CANDLEAVERAGE of slot j).
// Results: +100 bullish, -100 bearish (+-200 / +-80 where TA-Lib has them), 0 none.
// The list is hean/candles.inc; the definitions (the table) are in native-cpp/src/candles.cpp.
#pragma once

#include "hean/candles.hpp"

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
  return b.color(i - 2) == 1 && b.body(i - 2) > A(0) && b.color(i - 1) == -1 && b.body_gap_up(i - 1, i - 2) &&
                 b.color(i) == -1 && O[i] < O[i - 1] && O[i] > C[i - 1] && C[i] > O[i - 2] && C[i] < C[i - 2]
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3BlackCrows, 3, {ShadowVeryShort, 2}, {ShadowVeryShort, 1}, {ShadowVeryShort, 0}) {
  return b.color(i - 3) == 1 && b.color(i - 2) == -1 && b.lower(i - 2) < A(0) && b.color(i - 1) == -1 &&
                 b.lower(i - 1) < A(1) && b.color(i) == -1 && b.lower(i) < A(2) && O[i - 1] < O[i - 2] &&
                 O[i - 1] > C[i - 2] && O[i] < O[i - 1] && O[i] > C[i - 1] && H[i - 3] > C[i - 2] &&
                 C[i - 2] > C[i - 1] && C[i - 1] > C[i]
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3Inside, 2, {BodyLong, 2}, {BodyShort, 1}) {
  if (b.body(i - 2) > A(0) && b.body(i - 1) <= A(1) && b.top(i - 1) < b.top(i - 2) && b.bottom(i - 1) > b.bottom(i - 2) &&
      ((b.color(i - 2) == 1 && b.color(i) == -1 && C[i] < O[i - 2]) ||
       (b.color(i - 2) == -1 && b.color(i) == 1 && C[i] > O[i - 2])))
    return -b.color(i - 2) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3LineStrike, 3, {Near, 3}, {Near, 2}) {
  if (b.color(i - 3) == b.color(i - 2) && b.color(i - 2) == b.color(i - 1) && b.color(i) == -b.color(i - 1) &&
      O[i - 2] >= b.bottom(i - 3) - A(0) && O[i - 2] <= b.top(i - 3) + A(0) && O[i - 1] >= b.bottom(i - 2) - A(1) &&
      O[i - 1] <= b.top(i - 2) + A(1) &&
      ((b.color(i - 1) == 1 && C[i - 1] > C[i - 2] && C[i - 2] > C[i - 3] && O[i] > C[i - 1] && C[i] < O[i - 3]) ||
       (b.color(i - 1) == -1 && C[i - 1] < C[i - 2] && C[i - 2] < C[i - 3] && O[i] < C[i - 1] && C[i] > O[i - 3])))
    return b.color(i - 1) * 100;
  return 0;
}
HEAN_CDL_END

// TA-Lib's lookback is 3 though the pattern reads two candles back.
HEAN_CDL(cdl3Outside, 3, NONE) {
  if ((b.color(i - 1) == 1 && b.color(i - 2) == -1 && C[i - 1] > O[i - 2] && O[i - 1] < C[i - 2] && C[i] > C[i - 1]) ||
      (b.color(i - 1) == -1 && b.color(i - 2) == 1 && O[i - 1] > C[i - 2] && C[i - 1] < O[i - 2] && C[i] < C[i - 1]))
    return b.color(i - 1) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3StarsInSouth, 2, {BodyLong, 2}, {ShadowLong, 2}, {ShadowVeryShort, 1}, {ShadowVeryShort, 0}, {BodyShort, 0}) {
  return b.color(i - 2) == -1 && b.color(i - 1) == -1 && b.color(i) == -1 && b.body(i - 2) > A(0) &&
                 b.lower(i - 2) > A(1) && b.body(i - 1) < b.body(i - 2) && O[i - 1] > C[i - 2] && O[i - 1] <= H[i - 2] &&
                 L[i - 1] < C[i - 2] && L[i - 1] >= L[i - 2] && b.lower(i - 1) > A(2) && b.body(i) < A(4) &&
                 b.lower(i) < A(3) && b.upper(i) < A(3) && L[i] > L[i - 1] && H[i] < H[i - 1]
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdl3WhiteSoldiers, 2, {ShadowVeryShort, 2}, {ShadowVeryShort, 1}, {ShadowVeryShort, 0}, {Near, 2}, {Near, 1},
         {Far, 2}, {Far, 1}, {BodyShort, 0}) {
  return b.color(i - 2) == 1 && b.upper(i - 2) < A(0) && b.color(i - 1) == 1 && b.upper(i - 1) < A(1) &&
                 b.color(i) == 1 && b.upper(i) < A(2) && C[i] > C[i - 1] && C[i - 1] > C[i - 2] && O[i - 1] > O[i - 2] &&
                 O[i - 1] <= C[i - 2] + A(3) && O[i] > O[i - 1] && O[i] <= C[i - 1] + A(4) &&
                 b.body(i - 1) > b.body(i - 2) - A(5) && b.body(i) > b.body(i - 1) - A(6) && b.body(i) > A(7)
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlAbandonedBaby, 2, 0.3, {BodyLong, 2}, {BodyDoji, 1}, {BodyShort, 0}) {
  if (b.body(i - 2) > A(0) && b.body(i - 1) <= A(1) && b.body(i) > A(2) &&
      ((b.color(i - 2) == 1 && b.color(i) == -1 && C[i] < C[i - 2] - b.body(i - 2) * pen && b.gap_up(i - 1, i - 2) &&
        b.gap_down(i, i - 1)) ||
       (b.color(i - 2) == -1 && b.color(i) == 1 && C[i] > C[i - 2] + b.body(i - 2) * pen && b.gap_down(i - 1, i - 2) &&
        b.gap_up(i, i - 1))))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlAdvanceBlock, 2, {ShadowShort, 2}, {ShadowShort, 1}, {ShadowShort, 0}, {ShadowLong, 1}, {ShadowLong, 0},
         {Near, 2}, {Near, 1}, {Far, 2}, {Far, 1}, {BodyLong, 2}) {
  return b.color(i - 2) == 1 && b.color(i - 1) == 1 && b.color(i) == 1 && C[i] > C[i - 1] && C[i - 1] > C[i - 2] &&
                 O[i - 1] > O[i - 2] && O[i - 1] <= C[i - 2] + A(5) && O[i] > O[i - 1] && O[i] <= C[i - 1] + A(6) &&
                 b.body(i - 2) > A(9) && b.upper(i - 2) < A(0) &&
                 ((b.body(i - 1) < b.body(i - 2) - A(7) && b.body(i) < b.body(i - 1) + A(6)) ||
                  (b.body(i) < b.body(i - 1) - A(8)) ||
                  (b.body(i) < b.body(i - 1) && b.body(i - 1) < b.body(i - 2) && (b.upper(i) > A(2) || b.upper(i - 1) > A(1))) ||
                  (b.body(i) < b.body(i - 1) && b.upper(i) > A(4)))
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlBeltHold, 0, {BodyLong, 0}, {ShadowVeryShort, 0}) {
  if (b.body(i) > A(0) && ((b.color(i) == 1 && b.lower(i) < A(1)) || (b.color(i) == -1 && b.upper(i) < A(1))))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlBreakaway, 4, {BodyLong, 4}) {
  if (b.body(i - 4) > A(0) && b.color(i - 4) == b.color(i - 3) && b.color(i - 3) == b.color(i - 1) &&
      b.color(i - 1) == -b.color(i) &&
      ((b.color(i - 4) == -1 && b.body_gap_down(i - 3, i - 4) && H[i - 2] < H[i - 3] && L[i - 2] < L[i - 3] &&
        H[i - 1] < H[i - 2] && L[i - 1] < L[i - 2] && C[i] > O[i - 3] && C[i] < C[i - 4]) ||
       (b.color(i - 4) == 1 && b.body_gap_up(i - 3, i - 4) && H[i - 2] > H[i - 3] && L[i - 2] > L[i - 3] &&
        H[i - 1] > H[i - 2] && L[i - 1] > L[i - 2] && C[i] < O[i - 3] && C[i] > C[i - 4])))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlClosingMarubozu, 0, {BodyLong, 0}, {ShadowVeryShort, 0}) {
  if (b.body(i) > A(0) && ((b.color(i) == 1 && b.upper(i) < A(1)) || (b.color(i) == -1 && b.lower(i) < A(1))))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlConcealBabysWall, 3, {ShadowVeryShort, 3}, {ShadowVeryShort, 2}, {ShadowVeryShort, 1}) {
  return b.color(i - 3) == -1 && b.color(i - 2) == -1 && b.color(i - 1) == -1 && b.color(i) == -1 &&
                 b.lower(i - 3) < A(0) && b.upper(i - 3) < A(0) && b.lower(i - 2) < A(1) && b.upper(i - 2) < A(1) &&
                 b.body_gap_down(i - 1, i - 2) && b.upper(i - 1) > A(2) && H[i - 1] > C[i - 2] && H[i] > H[i - 1] &&
                 L[i] < L[i - 1]
             ? 100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlCounterAttack, 1, {Equal, 1}, {BodyLong, 1}, {BodyLong, 0}) {
  if (b.color(i - 1) == -b.color(i) && b.body(i - 1) > A(1) && b.body(i) > A(2) && C[i] <= C[i - 1] + A(0) &&
      C[i] >= C[i - 1] - A(0))
    return b.color(i) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlDarkCloudCover, 1, 0.5, {BodyLong, 1}) {
  return b.color(i - 1) == 1 && b.body(i - 1) > A(0) && b.color(i) == -1 && O[i] > H[i - 1] && C[i] > O[i - 1] &&
                 C[i] < C[i - 1] - b.body(i - 1) * pen
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlDoji, 0, {BodyDoji, 0}) { return b.body(i) <= A(0) ? 100 : 0; }
HEAN_CDL_END

HEAN_CDL(cdlDojiStar, 1, {BodyLong, 1}, {BodyDoji, 0}) {
  if (b.body(i - 1) > A(0) && b.body(i) <= A(1) &&
      ((b.color(i - 1) == 1 && b.body_gap_up(i, i - 1)) || (b.color(i - 1) == -1 && b.body_gap_down(i, i - 1))))
    return -b.color(i - 1) * 100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlDragonflyDoji, 0, {BodyDoji, 0}, {ShadowVeryShort, 0}) {
  return b.body(i) <= A(0) && b.upper(i) < A(1) && b.lower(i) > A(1) ? 100 : 0;
}
HEAN_CDL_END

// TA-Lib's lookback is 2 though the pattern reads one candle back.
HEAN_CDL(cdlEngulfing, 2, NONE) {
  if ((b.color(i) == 1 && b.color(i - 1) == -1 &&
       ((C[i] >= O[i - 1] && O[i] < C[i - 1]) || (C[i] > O[i - 1] && O[i] <= C[i - 1]))) ||
      (b.color(i) == -1 && b.color(i - 1) == 1 &&
       ((O[i] >= C[i - 1] && C[i] < O[i - 1]) || (O[i] > C[i - 1] && C[i] <= O[i - 1]))))
    return O[i] != C[i - 1] && C[i] != O[i - 1] ? b.color(i) * 100 : b.color(i) * 80;
  return 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlEveningDojiStar, 2, 0.3, {BodyLong, 2}, {BodyDoji, 1}, {BodyShort, 0}) {
  return b.body(i - 2) > A(0) && b.color(i - 2) == 1 && b.body(i - 1) <= A(1) && b.body_gap_up(i - 1, i - 2) &&
                 b.body(i) > A(2) && b.color(i) == -1 && C[i] < C[i - 2] - b.body(i - 2) * pen
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL_PEN(cdlEveningStar, 2, 0.3, {BodyLong, 2}, {BodyShort, 1}, {BodyShort, 0}) {
  return b.body(i - 2) > A(0) && b.color(i - 2) == 1 && b.body(i - 1) <= A(1) && b.body_gap_up(i - 1, i - 2) &&
                 b.body(i) > A(2) && b.color(i) == -1 && C[i] < C[i - 2] - b.body(i - 2) * pen
             ? -100
             : 0;
}
HEAN_CDL_END

HEAN_CDL(cdlGapSideSideWhite, 2, {Near, 1}, {Equal, 1}) {
  if (((b.body_gap_up(i - 1, i - 2) && b.body_gap_up(i, i - 2)) || (b.body_gap_down(i - 1, i - 2) && b.body_gap_down(i, i - 2))) &&
      b.color(i - 1) == 1 && b.color(i) == 1 && b.body(i) >= b.body(i - 1) - A(0) && b.body(i) <= b.body(i - 1) + A(0) &&
      O[i] >= O[i - 1] - A(1) && O[i] <= O[i - 1] + A(1))
    return b.body_gap_up(i - 1, i - 2) ? 100 : -100;
  return 0;
}
HEAN_CDL_END

HEAN_CDL(cdlGravestoneDoji, 0, {BodyDoji, 0}, {ShadowVeryShort, 0}) {
  return b.body(i) <= A(0) && b.lower(i) < A(1) && b.upper(i) > A(1) ? 100 : 0;
}
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
