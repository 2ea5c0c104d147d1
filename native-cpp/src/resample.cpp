// Tick -> bar and bar -> bar aggregation on an interval grid (one pass, no allocation).
#include "hean/resample.hpp"

#include <cmath>
#include <limits>

namespace hean {
namespace {

struct Item {
  double t, o, h, l, c, v, pv;
};

// One pass over items in time order; with out == nullptr it only counts bars.
template <class Get>
std::size_t aggregate(std::size_t n, Get&& get, const ResampleSpec& spec, const BarColumns* out) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::size_t bars = 0;
  std::size_t carried = 0;  // empty bars added by 'carry'
  bool open = false;
  double bucket = 0, o = 0, h = 0, l = 0, c = 0, v = 0, pv = 0, cnt = 0;
  // The open bar covers [lo, hi): ticks inside it skip the division (most ticks, in order).
  double lo = 0, hi = -std::numeric_limits<double>::infinity();
  double last_close = nan;

  auto emit = [&](double b, double bo, double bh, double bl, double bc, double bv, double bpv, double bn) {
    if (out && bars < out->capacity) {
      const std::size_t k = bars;
      if (out->time) out->time[k] = spec.offset + b * spec.interval;
      if (out->open) out->open[k] = bo;
      if (out->high) out->high[k] = bh;
      if (out->low) out->low[k] = bl;
      if (out->close) out->close[k] = bc;
      if (out->volume) out->volume[k] = bv;
      if (out->vwap) out->vwap[k] = bv > 0 ? bpv / bv : nan;
      if (out->count) out->count[k] = bn;
    }
    ++bars;
  };
  auto close_bar = [&]() {
    emit(bucket, o, h, l, c, v, pv, cnt);
    last_close = c;
  };

  auto merge = [&](const Item& it) {
    if (it.h > h) h = it.h;
    if (it.l < l) l = it.l;
    c = it.c;
    v += it.v;
    pv += it.pv;
    cnt += 1;
  };

  for (std::size_t i = 0; i < n; ++i) {
    Item it;
    if (!get(i, it)) continue;
    if (it.t < hi && it.t >= lo) {
      merge(it);
      continue;
    }
    const double b = std::floor((it.t - spec.offset) / spec.interval);
    if (open && b == bucket) {  // fractional times only: rounding put t beyond a bound
      merge(it);
      continue;
    }
    if (open) {
      close_bar();
      if (spec.empty == EmptyBars::Carry) {
        // Empty intervals between the two bars, counted arithmetically (a loop on a double
        // bucket never ends past 2^53, and a wide gap would take forever to count).
        const double gap = b - bucket - 1;
        if (gap > 0) {
          if (!(gap <= double(kMaxCarriedBars)) || carried + std::size_t(gap) > kMaxCarriedBars) return kTooManyBars;
          const std::size_t g = std::size_t(gap);
          carried += g;
          if (out) {
            for (std::size_t e = 1; e <= g; ++e) emit(bucket + double(e), last_close, last_close, last_close, last_close, 0, 0, 0);
          } else {
            bars += g;
          }
        }
      }
    }
    open = true;
    bucket = b;
    lo = spec.offset + b * spec.interval;
    hi = spec.offset + (b + 1) * spec.interval;
    o = it.o;
    h = it.h;
    l = it.l;
    c = it.c;
    v = it.v;
    pv = it.pv;
    cnt = 1;
  }
  if (open) close_bar();
  return bars;
}

bool finite(double x) { return std::isfinite(x); }

}  // namespace

std::size_t first_unordered(const double* ts, std::size_t n) {
  double last = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(ts[i])) continue;
    if (ts[i] < last) return i;
    last = ts[i];
  }
  return n;
}

std::size_t resample(const double* ts, const double* price, const double* volume, std::size_t n,
                     const ResampleSpec& spec, const BarColumns* out) {
  return aggregate(
      n,
      [&](std::size_t i, Item& it) {
        const double t = ts[i], p = price[i], v = volume ? volume[i] : 1.0;
        if (!finite(t) || !finite(p) || !finite(v) || v < 0) return false;
        it = {t, p, p, p, p, v, p * v};
        return true;
      },
      spec, out);
}

std::size_t resample_bars(const double* time, const double* open, const double* high, const double* low,
                  const double* close, const double* volume, std::size_t n, const ResampleSpec& spec,
                  const BarColumns* out) {
  return aggregate(
      n,
      [&](std::size_t i, Item& it) {
        const double t = time[i], o = open[i], h = high[i], l = low[i], c = close[i], v = volume ? volume[i] : 0.0;
        if (!finite(t) || !finite(o) || !finite(h) || !finite(l) || !finite(c) || !finite(v) || v < 0) return false;
        it = {t, o, h, l, c, v, ((h + l + c) / 3.0) * v};
        return true;
      },
      spec, out);
}

}  // namespace hean
