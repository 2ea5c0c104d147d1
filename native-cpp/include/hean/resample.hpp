// Tick -> OHLCV bars and bar -> coarser bar aggregation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

namespace hean {

enum class EmptyBars { Skip = 0, Carry = 1 };

// Column pointers of a bar table; any may be null when not wanted.
struct BarColumns {
  double* time = nullptr;  // bar start (ms), aligned to the interval grid
  double* open = nullptr;
  double* high = nullptr;
  double* low = nullptr;
  double* close = nullptr;
  double* volume = nullptr;
  double* vwap = nullptr;   // sum(price*volume)/sum(volume); NaN with no volume
  double* count = nullptr;  // ticks (or source bars) aggregated
  // Rows the columns hold: bars past it are counted but not written (the fill pass can't
  // overrun the columns even if the input changed since the counting pass).
  std::size_t capacity = std::numeric_limits<std::size_t>::max();
};

// Most empty bars 'carry' may add in one call (2^25, about 33.5 million). Without 'carry'
// there are never more bars than ticks; with it, two far-apart ticks would otherwise ask
// for an unbounded table (and, past 2^53 intervals, a loop that never ends).
constexpr std::size_t kMaxCarriedBars = std::size_t(1) << 25;

// Returned instead of a bar count when 'carry' would add more than kMaxCarriedBars.
constexpr std::size_t kTooManyBars = std::numeric_limits<std::size_t>::max();

struct ResampleSpec {
  double interval = 60000;  // ms, > 0
  double offset = 0;        // grid offset in ms: bars start at offset + k*interval
  EmptyBars empty = EmptyBars::Skip;
};

// Ticks must be in non-decreasing time order; returns the index of the first tick that is
// not (or n when all are). Ticks with a non-finite time, price or volume, or a negative
// volume, are skipped.
std::size_t first_unordered(const double* ts, std::size_t n);

// Aggregates ticks into bars and returns the bar count (kTooManyBars past kMaxCarriedBars); with
// out == nullptr it only counts (so callers can size the outputs). `volume` may be null
// (each tick weighs 1).
std::size_t resample(const double* ts, const double* price, const double* volume, std::size_t n,
                     const ResampleSpec& spec, const BarColumns* out);

// Bars (time = bar start) -> coarser bars: open of the first, max high, min low, close of
// the last, summed volume, vwap from typical price x volume, count = source bars. Bars with
// a non-finite field or negative volume are skipped. `volume` may be null. out == nullptr
// only counts.
std::size_t resample_bars(const double* time, const double* open, const double* high, const double* low,
                  const double* close, const double* volume, std::size_t n, const ResampleSpec& spec,
                  const BarColumns* out);

}  // namespace hean
