// The indicator contract: every indicator is described once by an IndicatorDef, and
// everything else (validation, the Node binding, the TS API, docs) is driven by it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "hean/lanes.hpp"

namespace hean {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Bumped whenever a kernel's contract or the option layout of the table changes, so a
// stale prebuilt binary is caught by the loader instead of computing wrong numbers.
constexpr int kAbiVersion = 1;

constexpr int kMaxIn = 6;
constexpr int kMaxOpt = 8;
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

// A single series (stride unused), or 8 series of a series-major matrix, `stride` apart.
template <class L>
struct In {
  const double* p;
  std::size_t stride;
  HEAN_INLINE L operator[](std::size_t i) const { return lane_load<L>(p, i, stride); }
};

// The gap scan of a speculative single-series run, done just ahead of the kernel's reads
// so each block is checked while it is in cache (driver.cpp). Reads below `next` need no
// scan; a plain run has next = SIZE_MAX.
struct ScanAhead {
  std::size_t next;
  void (*advance)(ScanAhead* self, std::size_t i);
};
inline ScanAhead no_scan_ahead{SIZE_MAX, nullptr};

template <>
struct In<double> {
  const double* p;
  std::size_t stride;
  ScanAhead* scan = &no_scan_ahead;
#ifdef HEAN_NO_SCAN_AHEAD
  // Builds without the speculative run (the WebAssembly engine): plain reads. There the
  // per-read check (a load of scan->next and a branch the loop cannot hoist) cost more than
  // the separate gap pass it saves: sma on 64 bars ~120-160 ns with it, ~40 without.
  HEAN_INLINE double operator[](std::size_t i) const { return p[i]; }
  HEAN_INLINE const double* span(std::size_t i, std::size_t) const { return p + i; }
#else
  HEAN_INLINE double operator[](std::size_t i) const {
    if (i >= scan->next) [[unlikely]]
      scan->advance(scan, i);
    return p[i];
  }
  // x[i .. i + count) as a pointer, for kernels that load several bars as one vector.
  HEAN_INLINE const double* span(std::size_t i, std::size_t count) const {
    if (i + count - 1 >= scan->next) [[unlikely]]
      scan->advance(scan, i + count - 1);
    return p + i;
  }
#endif
};

template <class L>
struct Out {
  double* p;
  std::size_t stride;
  HEAN_INLINE void set(std::size_t i, L v) const { lane_store<L>(p, i, stride, v); }
};

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
};
struct LaneOut {
  double* p;
  std::size_t stride;
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
  // A check across options (e.g. min <= max): null, or a message naming the options.
  const char* (*check_options)(const double* opt) = nullptr;
  // Outputs (bit k: output k) that are bar indices (TA-Lib MAXINDEX & co.): the kernel
  // writes them counted from its run's first bar, and the driver adds the run's offset, so
  // they are indices into the whole series, gaps or not.
  std::uint32_t index_out_mask = 0;
  // Every output bar is a function of the same bar's inputs alone (no options, no warm-up,
  // no state): the WASM engine runs a long series of such a function in blocks
  // (src/wasm/engine.ts). Set with pointwise_def, checked by test/wasm/blocks.test.ts.
  bool pointwise = false;
};

// `d` marked pointwise (IndicatorDef::pointwise): HEAN_DEF(add) = pointwise_def({...});
constexpr IndicatorDef pointwise_def(IndicatorDef d) {
  d.pointwise = true;
  return d;
}

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

// True when x[0..n) holds only finite values.
bool all_finite(const double* x, std::size_t n);

// The smallest lookback over def's outputs for options opt.
HEAN_INLINE std::size_t min_lookback(const IndicatorDef& def, const double* opt) {
  std::size_t m = def.lookback(opt, 0);
  for (int k = 1; k < def.n_out; ++k) {
    const std::size_t l = def.lookback(opt, k);
    m = l < m ? l : m;
  }
  return m;
}

// def's scalar kernel over bars [off, off + n) of one series. Inline, so a caller that
// names its indicator (the WASM engine's per-indicator calls) gets that kernel's call
// with the table row folded away.
HEAN_INLINE void call_kernel(const IndicatorDef& def, const double* const* in, std::size_t off, std::size_t n,
                             const double* opt, double* const* out, ScanAhead* scan = &no_scan_ahead) {
  In<double> ins[kMaxIn];
  Out<double> outs[kMaxOut];
  for (int k = 0; k < def.n_in; ++k) ins[k] = {in[k] ? in[k] + off : nullptr, 1, scan};
  for (int k = 0; k < def.n_out; ++k) outs[k] = {out[k] + off, 1};
  scalar_kernel(def)(ins, n, opt, outs);
  // Index outputs: from the run's first bar to the series' (NaN stays NaN).
  if (def.index_out_mask && off)
    for (int k = 0; k < def.n_out; ++k)
      if ((def.index_out_mask >> k) & 1u)
        for (std::size_t i = 0; i < n; ++i) out[k][off + i] += double(off);
}

// run_single for a series already in cache (the WASM engine's one-series call, which has
// just copied it): when no input holds a gap and the series is longer than the warm-up,
// the kernel runs once over all of it with no gap scan riding on its reads, which is the
// same kernel over the same range as run_single's speculative run (same bits); any other
// series goes to run_single.
// `lookback` is min_lookback(def, opt), which a caller running the same options again may keep.
HEAN_INLINE void run_single_clean(const IndicatorDef& def, const double* const* in, std::size_t n, const double* opt,
                                  double* const* out, std::size_t lookback) {
  bool clean = true;
  for (int k = 0; k < def.n_in && clean; ++k)
    if (in[k] != nullptr && !((def.gap_exempt_mask >> k) & 1u)) clean = all_finite(in[k], n);
  if (clean && n > lookback) {
    call_kernel(def, in, 0, n, opt, out);
    return;
  }
  run_single(def, in, n, opt, out);
}
HEAN_INLINE void run_single_clean(const IndicatorDef& def, const double* const* in, std::size_t n, const double* opt,
                                  double* const* out) {
  run_single_clean(def, in, n, opt, out, min_lookback(def, opt));
}

// Series-major matrices: in[k][j * rows + t] is bar t of series j (each series contiguous).
void run_many(const IndicatorDef& def, const double* const* in, std::size_t rows, std::size_t series,
              const double* opt, double* const* out, int threads);

// combos x n_opt option rows; out[k][c * n + i] is bar i of combination c.
void run_sweep(const IndicatorDef& def, const double* const* in, std::size_t n, const double* opts,
               std::size_t combos, double* const* out, int threads);

}  // namespace hean
