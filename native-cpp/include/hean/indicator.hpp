// The indicator contract: every indicator is described once by an IndicatorDef, and
// everything else (validation, the Node binding, the TS API, docs) is driven by it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "hean/lanes.hpp"

namespace hean {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Bumped whenever a kernel's contract or the option layout of the table changes, so a
// stale prebuilt binary is caught by the loader instead of computing wrong numbers.
constexpr int kAbiVersion = 1;

constexpr int kMaxIn = 6;
constexpr int kMaxOpt = 6;
constexpr int kMaxOut = 6;

// Largest window/period accepted anywhere: far beyond any real use, small enough that
// `3 * period` style lookback arithmetic can't overflow.
constexpr double kMaxPeriod = 1e9;

struct OptDef {
  const char* name;
  double def;
  double min;
  double max;
  bool integer;
  // "a|b|c": the option is an enum, passed as the index of its label.
  const char* choices = nullptr;
  const char* doc = "";
};

// The gap scan of a speculative run, done just ahead of the kernel's reads so each block
// is checked while it is in cache (driver.cpp). Reads below `next` need no scan; a plain
// run has next = SIZE_MAX.
// With AVX-512 tiles (below) an 8-lane input checks the values as it loads them instead,
// sets `gap`, and sets next = SIZE_MAX once every row has been checked.
struct ScanAhead {
  std::size_t next;
  void (*advance)(ScanAhead* self, std::size_t i);
  bool gap = false;
};
inline ScanAhead no_scan_ahead{SIZE_MAX, nullptr};

// A single series (stride unused), or 8 series of a series-major matrix, `stride` apart.
template <class L>
struct In {
  const double* p;
  std::size_t stride;
  ScanAhead* scan = &no_scan_ahead;
  HEAN_INLINE L operator[](std::size_t i) const {
    if (i >= scan->next) [[unlikely]]
      scan->advance(scan, i);
    return lane_load<L>(p, i, stride);
  }
  void finish() const {}
};

template <class L>
struct Out {
  double* p;
  std::size_t stride;
  // Non-temporal stores (8-lane blocks only): for outputs far larger than the caches, they
  // skip the read-for-ownership of each line, a third of a streaming kernel's traffic.
  bool stream = false;
  HEAN_INLINE void set(std::size_t i, L v) const {
    if constexpr (!std::is_same_v<L, double>) {
      if (stream) return lane_store_nt(p + i, stride, v);
    }
    lane_store<L>(p, i, stride, v);
  }
  void flush() const {}
};

#if defined(HEAN_NATIVE_V8)
// With AVX-512 the 8 series of a block move through 8x8 tiles: eight 64-byte loads (one per
// series) transposed in registers serve the next eight bars of a kernel's in-order reads,
// instead of eight scalar loads and inserts per bar; outputs collect the same way and leave
// as eight 64-byte stores. Reads behind the tile (x[i - period]) and writes out of order
// take the element-wise path. The same IEEE operations run either way: bits don't change.
HEAN_INLINE void transpose8(V8* r) {
  const M8 lo1{0, 8, 2, 10, 4, 12, 6, 14}, hi1{1, 9, 3, 11, 5, 13, 7, 15};
  const M8 lo2{0, 1, 8, 9, 4, 5, 12, 13}, hi2{2, 3, 10, 11, 6, 7, 14, 15};
  const M8 lo4{0, 1, 2, 3, 8, 9, 10, 11}, hi4{4, 5, 6, 7, 12, 13, 14, 15};
  V8 a[8], b[8];
  for (int k = 0; k < 8; k += 2) {
    a[k] = __builtin_shuffle(r[k], r[k + 1], lo1);
    a[k + 1] = __builtin_shuffle(r[k], r[k + 1], hi1);
  }
  for (int k = 0; k < 8; k += 4) {
    b[k] = __builtin_shuffle(a[k], a[k + 2], lo2);
    b[k + 2] = __builtin_shuffle(a[k], a[k + 2], hi2);
    b[k + 1] = __builtin_shuffle(a[k + 1], a[k + 3], lo2);
    b[k + 3] = __builtin_shuffle(a[k + 1], a[k + 3], hi2);
  }
  for (int k = 0; k < 4; ++k) {
    r[k] = __builtin_shuffle(b[k], b[k + 4], lo4);
    r[k + 4] = __builtin_shuffle(b[k], b[k + 4], hi4);
  }
}

// The gap check rides on the tile loads: the 64 values are in registers anyway. Rows the
// tiles skip are checked element-wise (holes, and the tail in finish()).
template <>
struct In<V8> {
  const double* p;
  std::size_t stride;
  ScanAhead* scan = &no_scan_ahead;  // gap reporting; no_scan_ahead: input exempt
  std::size_t n = 0;                 // rows: a tile never reads past them
  mutable std::size_t t0 = SIZE_MAX / 2;  // first row of the tile (none yet)
  mutable std::size_t checked = 0;        // rows [0, checked) are checked
  mutable V8 tile[8];
  HEAN_INLINE V8 operator[](std::size_t i) const {
    const std::size_t r = i - t0;
    if (r < 8) [[likely]]
      return tile[r];
    return miss(i);
  }
  [[gnu::noinline]] V8 miss(std::size_t i) const {
    if ((i > t0 || t0 == SIZE_MAX / 2) && i + 8 <= n) {
      for (int l = 0; l < 8; ++l) std::memcpy(&tile[l], p + std::size_t(l) * stride + i, sizeof(V8));
      if (scan != &no_scan_ahead) {
        if (i > checked) check_rows(checked, i);
        V8 z = tile[0] * 0.0;
        for (int l = 1; l < 8; ++l) z = z + tile[l] * 0.0;  // NaN where any value is not finite
        if (z[0] + z[1] + z[2] + z[3] + z[4] + z[5] + z[6] + z[7] != 0.0) scan->gap = true;
        if (i + 8 > checked) checked = i + 8;
      }
      transpose8(tile);
      t0 = i;
      return tile[0];
    }
    return v8_load(p + i, stride);
  }
  void check_rows(std::size_t from, std::size_t to) const {
    V8 z = splat<V8>(0.0);
    for (std::size_t r = from; r < to; ++r) z = z + v8_load(p + r, stride) * 0.0;
    if (z[0] + z[1] + z[2] + z[3] + z[4] + z[5] + z[6] + z[7] != 0.0) scan->gap = true;
  }
  // After the kernel: checks the rows it never loaded as a tile.
  void finish() const {
    if (scan == &no_scan_ahead) return;
    if (checked < n) check_rows(checked, n);
    scan->next = SIZE_MAX;
  }
};

template <>
struct Out<V8> {
  double* p;
  std::size_t stride;
  bool stream = false;
  std::size_t n = 0;
  mutable std::size_t t0 = SIZE_MAX / 2;
  mutable unsigned filled = 0;  // rows of the tile written
  mutable V8 tile[8];
  HEAN_INLINE void set(std::size_t i, V8 v) const {
    const std::size_t r = i - t0;
    if (r < 8) [[likely]] {
      tile[r] = v;
      filled |= 1u << r;
      return;
    }
    miss(i, v);
  }
  [[gnu::noinline]] void miss(std::size_t i, V8 v) const {
    flush();
    // Tiles start where the series' rows are 64-byte aligned, so full tiles can stream.
    const std::size_t phase = ((64 - (reinterpret_cast<std::uintptr_t>(p) & 63)) & 63) / 8;
    const std::size_t t = i < phase ? i : i - ((i - phase) & 7);
    if (t + 8 <= n && i >= t) {
      t0 = t;
      tile[i - t] = v;
      filled = 1u << (i - t);
      return;
    }
    if (stream) lane_store_nt(p + i, stride, v);
    else v8_store(p + i, stride, v);
  }
  void flush() const {
    if (filled == 0xffu) {
      transpose8(tile);
      for (int l = 0; l < 8; ++l) {
        double* q = p + std::size_t(l) * stride + t0;
        if (stream && (reinterpret_cast<std::uintptr_t>(q) & 63) == 0) __builtin_ia32_movntpd512(q, tile[l]);
        else std::memcpy(q, &tile[l], sizeof(V8));
      }
    } else {
      for (unsigned r = 0; r < 8; ++r)
        if (filled >> r & 1u) {
          if (stream) lane_store_nt(p + t0 + r, stride, tile[r]);
          else v8_store(p + t0 + r, stride, tile[r]);
        }
    }
    filled = 0;
    t0 = SIZE_MAX / 2;
  }
};
#endif

// A kernel's outputs are used only where its input is NaN-free (the driver splits runs at
// gaps); it writes every out[k][i] (NaN in its warm-up), never allocates more than
// O(period) scratch, and is causal unless `looks_ahead`: out[i] depends on inputs <= i
// only, so a run over a longer range reproduces a shorter run's outputs, bit for bit,
// whatever follows (the driver's speculative run relies on this). Loops are bounded and
// memory access stays in range whatever the input values, so any input (NaN, inf) is safe.
using Kernel = void (*)(const In<double>* in, std::size_t n, const double* opt, const Out<double>* out);
// The 8-lane entry point takes plain (pointer, stride) pairs so its type is the same at
// every instruction-set level (the V8 type is not; see lanes.hpp).
struct LaneIn {
  const double* p;
  std::size_t stride;
  ScanAhead* scan = &no_scan_ahead;
};
struct LaneOut {
  double* p;
  std::size_t stride;
  bool stream = false;
};
using KernelV = void (*)(const LaneIn* in, std::size_t n, const double* opt, const LaneOut* out);
// Lookback of output `k`: out[k][i] is NaN for i < lookback(opt, k) of each NaN-free run.
using Lookback = std::size_t (*)(const double* opt, int k);

struct IndicatorDef {
  const char* name;
  const char* summary;
  int n_in;
  const char* inputs[kMaxIn];
  int n_opt;
  OptDef opts[kMaxOpt];
  int n_out;
  const char* outputs[kMaxOut];
  Lookback lookback;
  Kernel kernel;
  KernelV kernel_v = nullptr;  // set when the kernel also runs 8 series per SIMD lane block
  // Inputs at index >= n_required may be omitted (null); the kernel handles that.
  int n_required = -1;
  // Inputs that are not prices (e.g. session ids) are exempt from the gap rule.
  std::uint32_t gap_exempt_mask = 0;
  // An output looks ahead (out[i] depends on inputs after i), so a kernel run over a longer
  // range does not reproduce a shorter run's prefix (ichimoku's chikou).
  bool looks_ahead = false;
};

// One indicator's entry points built at a higher instruction-set level.
struct IsaKernels {
  Kernel s;
  KernelV v;
};

// The best 8-lane kernel of `def` for this CPU (null when it has none). $HEAN_SIMD=base,
// avx2 or avx512 caps the level, e.g. to compare levels in tests.
KernelV lane_kernel(const IndicatorDef& def);
// The best single-series kernel of `def` for this CPU (same bits at every level: no
// FMA contraction, IEEE operations only), capped by $HEAN_SIMD like lane_kernel.
Kernel scalar_kernel(const IndicatorDef& def);
// The instruction-set level lane_kernel picks: "base", "avx2" or "avx512".
const char* simd_level();

// The table of every indicator, in registration order.
const IndicatorDef* const* registry(std::size_t* count);
const IndicatorDef* find_indicator(const std::string& name);

// Checks options against the table; returns an empty string or a message naming the
// option and its allowed values.
std::string validate_options(const IndicatorDef& def, const double* opt);

// ---- drivers -------------------------------------------------------------------------
// Threads the drivers use when not told (many-series blocks, sweep combinations):
// $HEAN_THREADS, else the core count.
// 1 turns helper threads off, e.g. in a process that already runs a worker per core.
constexpr int kMaxThreads = 256;
int concurrency();
void set_concurrency(int threads);

// All inputs/outputs have length n. Implements the gap rule: a bar where any input is not
// finite is a gap; outputs are NaN there and every NaN-free run is computed independently.
void run_single(const IndicatorDef& def, const double* const* in, std::size_t n, const double* opt,
                double* const* out);

// Series-major matrices: in[k][j * rows + t] is bar t of series j (each series contiguous).
void run_many(const IndicatorDef& def, const double* const* in, std::size_t rows, std::size_t series,
              const double* opt, double* const* out, int threads);

// combos x n_opt option rows; out[k][c * n + i] is bar i of combination c.
void run_sweep(const IndicatorDef& def, const double* const* in, std::size_t n, const double* opts,
               std::size_t combos, double* const* out, int threads);

}  // namespace hean
