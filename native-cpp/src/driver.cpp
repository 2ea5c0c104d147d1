// The drivers around the kernels: the gap (NaN) rule, many-series blocks and parameter
// sweeps, with threads for large jobs. Kernel outputs that count are always computed from
// NaN-free runs; a single series is first computed in one speculative run that scans for
// gaps as it reads, and redone run by run from the first gap.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#ifndef HEAN_NO_THREADS
#include <thread>
#endif
#include <vector>

#include "hean/indicator.hpp"

namespace hean {

// True when x[0..n) holds only finite values: x*0 is +-0 for finite x and NaN otherwise.
// Natively the bits of the products are ORed (exponent bits set only after a non-finite
// x): a 1-cycle chain that keeps up with the loads, where the sums' 3-cycle adds did not
// (the gap scan reads blocks mostly in cache: 4 x 256 doubles 0.54 -> 0.35 ns a bar at
// AVX2). WebAssembly keeps the sums: there clang made lane gathers of the eight ORs
// (2.8 against 0.7 ns a bar, one OR chain 0.9). Eight independent chains let the compiler
// vectorize; on glibc x86-64 the function is also built for AVX2 and AVX-512 and picked
// at load time.
#if defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__) && !defined(__clang__) && !defined(HEAN_NO_CLONES)
__attribute__((target_clones("default", "avx2", "avx512f")))
#endif
bool all_finite(const double* x, std::size_t n) {
#if defined(__wasm__)
  double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const auto fold = [](double& a, double v) { a += v * 0.0; };
  const auto finite = [&] {
    double t = 0;
    for (double a : acc) t += a;
    return t == 0.0;
  };
#else
  std::uint64_t acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const auto fold = [](std::uint64_t& a, double v) {
    const double z = v * 0.0;
    std::uint64_t b;
    std::memcpy(&b, &z, sizeof b);
    a |= b;
  };
  const auto finite = [&] {
    std::uint64_t t = 0;
    for (std::uint64_t a : acc) t |= a;
    return (t & 0x7ff0000000000000u) == 0;
  };
#endif
  std::size_t j = 0;
  for (; j + 8 <= n; j += 8)
    for (int l = 0; l < 8; ++l) fold(acc[l], x[j + std::size_t(l)]);
  for (; j < n; ++j) fold(acc[0], x[j]);
  return finite();
}

namespace {

struct Inputs {
  const double* const* in;
  int n_in;
  std::uint32_t exempt;
};

HEAN_INLINE bool checked(const Inputs& s, int k) {
  return s.in[k] != nullptr && !((s.exempt >> k) & 1u);
}

bool gap_at(const Inputs& s, std::size_t i) {
  for (int k = 0; k < s.n_in; ++k)
    if (checked(s, k) && !std::isfinite(s.in[k][i])) return true;
  return false;
}

// First gap index in [from, n), or n, testing blocks at memory speed and only searching a
// block element by element when it holds a gap.
std::size_t next_gap(const Inputs& s, std::size_t from, std::size_t n) {
  constexpr std::size_t B = 2048;
  for (std::size_t i = from; i < n;) {
    const std::size_t e = std::min(n, i + B);
    bool bad = false;
    for (int k = 0; k < s.n_in && !bad; ++k)
      if (checked(s, k)) bad = !all_finite(s.in[k] + i, e - i);
    if (bad) {
      for (std::size_t j = i; j < e; ++j)
        if (gap_at(s, j)) return j;
    }
    i = e;
  }
  return n;
}

void fill_nan(double* const* out, int n_out, std::size_t from, std::size_t to, std::size_t stride = 1) {
  for (int k = 0; k < n_out; ++k)
    for (std::size_t i = from; i < to; ++i) out[k][i * stride] = kNaN;
}

// The automatic thread count (see concurrency()); 0 until first read.
std::atomic<int> g_threads{0};

int pick_threads(int threads, std::size_t work_items, std::size_t total_elems) {
  if (threads <= 0) {
    // Threads only pay off past a few milliseconds of work.
    if (total_elems < (std::size_t(1) << 20)) return 1;
    threads = concurrency();
  }
  return int(std::max<std::size_t>(1, std::min<std::size_t>(std::size_t(threads), work_items)));
}

template <class F>
void parallel_for(std::size_t items, int threads, F&& body) {
#ifdef HEAN_NO_THREADS
  threads = 1;  // the WebAssembly build is single-threaded
#endif
  if (threads <= 1 || items <= 1) {
    for (std::size_t i = 0; i < items; ++i) body(i);
    return;
  }
#ifndef HEAN_NO_THREADS
  std::vector<std::thread> pool;
  pool.reserve(std::size_t(threads - 1));
  auto worker = [&](int t) {
    for (std::size_t i = std::size_t(t); i < items; i += std::size_t(threads)) body(i);
  };
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& th : pool) th.join();
#endif
}

// A speculative run: the kernel runs over the rest of the series at once, and the gap
// scan rides on its reads, one block ahead, while the data is in cache, instead of a
// separate pass over memory first. Kernels are causal (a run over a longer range gives a
// shorter run's outputs on its prefix, whatever follows) and safe on any input, so the
// outputs before the first gap are final; the driver redoes the rest run by run.
struct KernelScan : ScanAhead {
  const Inputs* s;
  std::size_t base, n, gap;  // run start (absolute), run length, first gap (relative) or n

  // Small blocks: the scan and the kernel then overlap their memory traffic (4 KiB and up
  // also collides with the 4 KiB aliasing of series allocated a page multiple apart).
  static constexpr std::size_t kBlock = 256;
  static void advance_to(ScanAhead* self, std::size_t i) {
    auto* k = static_cast<KernelScan*>(self);
    const std::size_t to = std::min(k->n, std::max(k->next, i) + kBlock);
    const std::size_t g = next_gap(*k->s, k->base + k->next, k->base + to) - k->base;
    if (g < to) {
      k->gap = g;
      k->next = SIZE_MAX;  // only the first gap matters
    } else {
      k->next = to;
    }
  }
};

// Runs the kernel over [from, n), returns the first gap in it, or n.
std::size_t speculate(const IndicatorDef& def, const Inputs& s, const double* const* in, std::size_t from,
                      std::size_t n, const double* opt, double* const* out) {
  KernelScan scan;
  scan.next = 0;
  scan.advance = &KernelScan::advance_to;
  scan.s = &s;
  scan.base = from;
  scan.n = n - from;
  scan.gap = n - from;
  call_kernel(def, in, from, n - from, opt, out, &scan);
  // Bars the kernel never read (e.g. ATR's last close) are checked too.
  if (scan.next < scan.n) scan.gap = next_gap(s, from + scan.next, n) - from;
  return from + scan.gap;
}

}  // namespace

int concurrency() {
  int t = g_threads.load(std::memory_order_relaxed);
  if (t > 0) return t;
  // $HEAN_THREADS, else the core count (a syscall, so read once).
  t = 0;
  if (const char* e = std::getenv("HEAN_THREADS")) {
    const long v = std::strtol(e, nullptr, 10);
    if (v >= 1) t = int(std::min<long>(v, kMaxThreads));
  }
#ifdef HEAN_NO_THREADS
  if (t == 0) t = 1;
#endif
  if (t == 0) {
#ifdef HEAN_NO_THREADS
    const unsigned hw = 1;
#else
    const unsigned hw = std::thread::hardware_concurrency();
#endif
    t = hw == 0 ? 1 : int(std::min<unsigned>(hw, unsigned(kMaxThreads)));
  }
  int expected = 0;
  g_threads.compare_exchange_strong(expected, t, std::memory_order_relaxed);
  return g_threads.load(std::memory_order_relaxed);
}

void set_concurrency(int threads) {
  g_threads.store(std::max(1, std::min(threads, kMaxThreads)), std::memory_order_relaxed);
}

void run_single(const IndicatorDef& def, const double* const* in, std::size_t n, const double* opt,
                double* const* out) {
  Inputs s{in, def.n_in, def.gap_exempt_mask};
  const std::size_t lb = min_lookback(def, opt);
  // One speculative run at most (a series with many gaps must not cost a kernel pass per
  // gap): after a gap is found the rest goes run by run, each scanned first.
#ifdef HEAN_NO_SCAN_AHEAD
  bool speculative = false;  // (In<double> reads without the scan: scan first, run by run)
#else
  bool speculative = !def.looks_ahead;
#endif
  std::size_t i = 0;
  while (i < n) {
    while (i < n && gap_at(s, i)) {
      fill_nan(out, def.n_out, i, i + 1);
      ++i;
    }
    if (i >= n) break;
    if (speculative) {
      speculative = false;
      const std::size_t e = speculate(def, s, in, i, n, opt, out);
      // [i, e) was computed as part of the longer run; a run too short for any value is
      // NaN either way, filled again for clarity.
      if (e - i <= lb) fill_nan(out, def.n_out, i, e);
      i = e;
      continue;
    }
    std::size_t e = next_gap(s, i, n);
    if (e - i <= lb) fill_nan(out, def.n_out, i, e);
    else call_kernel(def, in, i, e - i, opt, out);
    i = e;
  }
}

void run_many(const IndicatorDef& def, const double* const* in, std::size_t rows, std::size_t series,
              const double* opt, double* const* out, int threads) {
  if (rows == 0 || series == 0) return;
  const KernelV kv = lane_kernel(def);
  const std::size_t blocks = kv ? series / 8 : 0;
  const std::size_t items = blocks + (series - blocks * 8);
  threads = pick_threads(threads, items, rows * series);
  const std::size_t lb = min_lookback(def, opt);

  auto run_column = [&](std::size_t j) {
    const double* cin[kMaxIn] = {};
    double* cout[kMaxOut] = {};
    for (int k = 0; k < def.n_in; ++k) cin[k] = in[k] ? in[k] + j * rows : nullptr;
    for (int k = 0; k < def.n_out; ++k) cout[k] = out[k] + j * rows;
    run_single(def, cin, rows, opt, cout);
  };

  parallel_for(items, threads, [&](std::size_t item) {
    if (item >= blocks) return run_column(blocks * 8 + (item - blocks));
    const std::size_t j0 = item * 8;
    bool clean = rows > lb;
    for (std::size_t j = j0; j < j0 + 8 && clean; ++j) {
      const double* cin[kMaxIn] = {};
      for (int k = 0; k < def.n_in; ++k) cin[k] = in[k] ? in[k] + j * rows : nullptr;
      clean = next_gap(Inputs{cin, def.n_in, def.gap_exempt_mask}, 0, rows) == rows;
    }
    if (!clean) {
      // A gap (or too short a series) in any lane: run the block's columns one by one.
      for (std::size_t j = j0; j < j0 + 8; ++j) run_column(j);
      return;
    }
    LaneIn ins[kMaxIn] = {};
    LaneOut outs[kMaxOut] = {};
    for (int k = 0; k < def.n_in; ++k) ins[k] = {in[k] ? in[k] + j0 * rows : nullptr, rows};
    for (int k = 0; k < def.n_out; ++k) outs[k] = {out[k] + j0 * rows, rows};
    kv(ins, rows, opt, outs);
  });
}

void run_sweep(const IndicatorDef& def, const double* const* in, std::size_t n, const double* opts,
               std::size_t combos, double* const* out, int threads) {
  threads = pick_threads(threads, combos, n * combos);
  parallel_for(combos, threads, [&](std::size_t c) {
    double* o[kMaxOut];
    for (int k = 0; k < def.n_out; ++k) o[k] = out[k] + c * n;
    run_single(def, in, n, opts + c * std::size_t(def.n_opt), o);
  });
}

std::string validate_options(const IndicatorDef& def, const double* opt) {
  for (int k = 0; k < def.n_opt; ++k) {
    const OptDef& o = def.opts[k];
    double v = opt[k];
    bool ok = std::isfinite(v) && v >= o.min && v <= o.max && (!o.integer || std::floor(v) == v);
    if (ok) continue;
    std::string msg = std::string(def.name) + ": option '" + o.name + "' ";
    if (o.choices) {
      msg += std::string("must be one of ") + o.choices;
    } else {
      auto num = [](double x) {
        if (x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string((long long)x);
        std::string s = std::to_string(x);
        while (s.size() > 1 && s.back() == '0') s.pop_back();
        return s;
      };
      msg += std::string("must be ") + (o.integer ? "an integer" : "a number") + " in [" + num(o.min) + ", " +
             num(o.max) + "], got " + (std::isnan(v) ? std::string("NaN") : num(v));
    }
    return msg;
  }
  if (def.check_options)
    if (const char* m = def.check_options(opt)) return std::string(def.name) + ": " + m;
  return {};
}

}  // namespace hean
