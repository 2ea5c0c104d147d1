// run_patterns(): any of the 61 candlestick patterns (hean/candles.inc order) over one
// series in one pass over its bars, with per-call candle settings and penetrations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "hean/candles.hpp"

namespace hean::candles {

// How many patterns the list has (61), at most kMaxPatterns.
constexpr int kMaxPatterns = 64;
int pattern_count();

// The pattern's table name (cdl2Crows ...), whether it takes a penetration and its default.
const char* pattern_name(int k);
bool pattern_has_penetration(int k);
double pattern_default_penetration(int k);
std::size_t pattern_lookback(int k, const Settings& cs);

// Reads 33 numbers (11 settings x [rangeType, avgPeriod, factor], TA-Lib's setting order)
// into `cs`; returns "" or a message naming the bad value and what is allowed.
std::string read_settings(const double* v, Settings* cs);

// Patterns with want[k] != 0 over bars [0, n) of open, high, low, close (ohlc[0..3]); a bar
// where any input is not finite is a gap and every NaN-free run is computed on its own.
// pen[k]: the penetration of pattern k (ignored where it has none).
// Int16 form: out[k][i] is the value, 0 in gaps and warm-ups. Float64 form: NaN there.
void run_patterns(const double* const* ohlc, std::size_t n, const Settings& cs, const double* pen,
                  const std::uint8_t* want, std::int16_t* const* out);
void run_patterns(const double* const* ohlc, std::size_t n, const Settings& cs, const double* pen,
                  const std::uint8_t* want, double* const* out);

}  // namespace hean::candles
