// The WebAssembly build's C ABI: the same table and drivers as the Node addon
// (bindings/cpp/addon.cpp), reached through plain exported functions and linear-memory
// pointers, so src/wasm/ needs no generated JS glue. Argument checks live in the TS caller;
// here only what the table knows (option ranges, lookbacks, metadata) is answered.
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>

#include "hean/indicator.hpp"
#include "hean/lmath.hpp"

#define HEAN_EXPORT(name) extern "C" __attribute__((export_name(#name), visibility("default")))

namespace {

const hean::IndicatorDef* def_at(int id) {
  std::size_t count = 0;
  const hean::IndicatorDef* const* defs = hean::registry(&count);
  return id >= 0 && std::size_t(id) < count ? defs[id] : nullptr;
}

std::string g_error;  // the last validation message (hean_validate returns its address)

}  // namespace

HEAN_EXPORT(hean_abi_version) int hean_abi_version() { return hean::kAbiVersion; }

HEAN_EXPORT(hean_alloc) void* hean_alloc(std::size_t bytes) { return std::malloc(bytes ? bytes : 1); }
HEAN_EXPORT(hean_free) void hean_free(void* p) { std::free(p); }

// ---- memory growth ---------------------------------------------------------------------
// Growing linear memory detaches every JS view of it, so while resident arrays are alive
// (wasmArena, src/wasm/resident.ts) the engine must not grow: hean_pin(1) makes the heap's
// sbrk refuse, malloc then returns null (hean_alloc's callers throw a RangeError), and a
// failed operator new traps instead of returning null (this libc++ is built without
// exceptions: it returned null, and a kernel would have written through it); the JS side
// turns the trap into a RangeError and resets __stack_pointer (exported for that).
namespace {
bool g_pinned = false;
constexpr std::uintptr_t kPage = 65536;
const bool g_new_traps = (std::set_new_handler([] { __builtin_trap(); }), true);
}  // namespace

HEAN_EXPORT(hean_pin) void hean_pin(int on) { g_pinned = on != 0; }

// The heap's only way to grow (wasi-libc's dlmalloc calls it; this definition replaces
// libc's): whole pages, never shrinking, and nothing while pinned.
extern "C" void* sbrk(std::intptr_t bytes) {
  if (bytes == 0) return reinterpret_cast<void*>(__builtin_wasm_memory_size(0) * kPage);
  // (-1 is failure; malloc sets errno itself. errno is thread-local, which this LTO build cannot touch.)
  if (g_pinned || bytes < 0 || std::uintptr_t(bytes) % kPage != 0) return reinterpret_cast<void*>(-1);
  const std::size_t was = __builtin_wasm_memory_grow(0, std::uintptr_t(bytes) / kPage);
  if (was == std::size_t(-1)) return reinterpret_cast<void*>(-1);
  return reinterpret_cast<void*>(was * kPage);
}

// y[i] = lmath function fn (hean/lmath.hpp: 0 exp .. 11 tanh) of x[i], for
// test/lmath.test.ts (native == WASM bits).
HEAN_EXPORT(hean_lmath) void hean_lmath(int fn, const double* x, double* y, std::size_t n) { hean::lmath_apply(fn, x, y, n); }

HEAN_EXPORT(hean_count) int hean_count() {
  std::size_t count = 0;
  hean::registry(&count);
  return int(count);
}

// Metadata, one field at a time (exact doubles and C strings, no serialisation format).
enum Field {
  kName, kSummary, kNIn, kInput, kRequired, kNOpt, kOptName, kOptDef, kOptMin, kOptMax,
  kOptInteger, kOptDoc, kOptChoices, kNOut, kOutput, kMany, kPointwise,
};

HEAN_EXPORT(hean_meta_num) double hean_meta_num(int id, int field, int k) {
  const hean::IndicatorDef* d = def_at(id);
  if (!d) return -1;
  switch (field) {
    case kNIn: return d->n_in;
    case kRequired: return d->n_required < 0 ? d->n_in : d->n_required;
    case kNOpt: return d->n_opt;
    case kOptDef: return d->opts[k].def;
    case kOptMin: return d->opts[k].min;
    case kOptMax: return d->opts[k].max;
    case kOptInteger: return d->opts[k].integer ? 1 : 0;
    case kNOut: return d->n_out;
    case kMany: return d->kernel_v ? 1 : 0;
    case kPointwise: return d->pointwise ? 1 : 0;
    default: return -1;
  }
}

HEAN_EXPORT(hean_meta_str) const char* hean_meta_str(int id, int field, int k) {
  const hean::IndicatorDef* d = def_at(id);
  if (!d) return nullptr;
  switch (field) {
    case kName: return d->name;
    case kSummary: return d->summary;
    case kInput: return d->inputs[k];
    case kOptName: return d->opts[k].name;
    case kOptDoc: return d->opts[k].doc;
    case kOptChoices: return d->opts[k].choices;
    case kOutput: return d->outputs[k];
    default: return nullptr;
  }
}

// Checks `rows` option rows; null when all are valid, else the message of the first bad one
// (without the "hean." prefix, as validate_options gives it).
HEAN_EXPORT(hean_validate) const char* hean_validate(int id, const double* opts, std::size_t rows) {
  const hean::IndicatorDef* d = def_at(id);
  if (!d) return "unknown indicator id";
  for (std::size_t r = 0; r < rows; ++r) {
    g_error = hean::validate_options(*d, opts + r * std::size_t(d->n_opt));
    if (!g_error.empty()) return g_error.c_str();
  }
  return nullptr;
}

HEAN_EXPORT(hean_lookback) double hean_lookback(int id, const double* opts, int k) {
  const hean::IndicatorDef* d = def_at(id);
  return d ? double(d->lookback(opts, k)) : -1;
}

// mode 0: one series of n bars; 1: `extra` series of n bars each, series-major; 2: `extra`
// option rows over one series, out rows of n. in/out are arrays of n_in / n_out pointers
// (an omitted optional input is null). Options must have passed hean_validate.
HEAN_EXPORT(hean_run)
void hean_run(int mode, int id, const double* const* in, std::size_t n, std::size_t extra, const double* opts,
              double* const* out) {
  const hean::IndicatorDef* d = def_at(id);
  if (!d) return;
  switch (mode) {
    case 0: hean::run_single(*d, in, n, opts, out); break;
    case 1: hean::run_many(*d, in, n, extra, opts, out, 1); break;
    case 2: hean::run_sweep(*d, in, n, opts, extra, out, 1); break;
    default: break;
  }
}

// ---- the one-series call -------------------------------------------------------------
// hean_validate and hean_run's mode 0 in one export (one JS-to-WASM call per indicator
// call, src/wasm/engine.ts), with the options first checked without building a message.
namespace {

HEAN_INLINE bool options_ok(const hean::IndicatorDef& d, const double* opt) {
  for (int k = 0; k < d.n_opt; ++k) {
    const hean::OptDef& o = d.opts[k];
    const double v = opt[k];
    // v - v is 0 for finite v only (NaN, +-inf give NaN); validate_options decides the rest.
    if (!(v - v == 0 && v >= o.min && v <= o.max) || (o.integer && __builtin_floor(v) != v)) return false;
  }
  // Cross-option rules (e.g. MAVP's minPeriod <= maxPeriod), as validate_options applies them.
  return !d.check_options || !d.check_options(opt);
}

}  // namespace

// Series up to this many bars (32 KiB an input) take run_single_clean.
static constexpr std::size_t kCleanUpTo = 4096;

namespace {

// The options a row's call last accepted (bit patterns) and their min_lookback: the same
// options again (a loop calling with one setting: the usual case) skip the check and the
// lookback. Compared bit for bit, so NaN, and a zero of the other sign, are checked anew.
struct Accepted {
  std::uint64_t bits[hean::kMaxOpt];
  std::size_t lookback;
  bool valid;
};

// The one-series call of table row d: null on success, else the first bad option's
// message (as hean_validate gives it), with nothing written.
HEAN_INLINE const char* call_row(const hean::IndicatorDef& d, const double* const* in, std::size_t n,
                                 const double* opts, double* const* out, Accepted& last) {
  std::uint64_t bits[hean::kMaxOpt];
  bool same = last.valid;
  for (int k = 0; k < d.n_opt; ++k) {
    __builtin_memcpy(&bits[k], &opts[k], 8);
    same = same && bits[k] == last.bits[k];
  }
  if (!same) {
    last.valid = false;
    if (!options_ok(d, opts)) {
      g_error = hean::validate_options(d, opts);
      if (!g_error.empty()) return g_error.c_str();
    }
    last.lookback = hean::min_lookback(d, opts);
    for (int k = 0; k < d.n_opt; ++k) last.bits[k] = bits[k];
    last.valid = true;
  }
  // A series this short was just copied in and is in cache: one finiteness pass over it
  // costs less than the gap scan riding on the kernel's reads (run_single_clean).
  if (n <= kCleanUpTo)
    hean::run_single_clean(d, in, n, opts, out, last.lookback);
  else
    hean::run_single(d, in, n, opts, out);
  return nullptr;
}

}  // namespace

// Runs one series of n bars of indicator `id` (call_row).
HEAN_EXPORT(hean_call)
const char* hean_call(int id, const double* const* in, std::size_t n, const double* opts, double* const* out) {
  const hean::IndicatorDef* d = def_at(id);
  if (!d) return "unknown indicator id";
  Accepted none{};
  return call_row(*d, in, n, opts, out, none);
}

// hean_call of one indicator, one export each (hean_call_sma, ...), for the short-series
// path of src/wasm/engine.ts: with the row known at compile time, the option checks,
// lookbacks and kernel call are that indicator's, with no table lookup or decoding, and
// each keeps the options it last accepted (Accepted).
namespace hean {
#define HEAN_INDICATOR(N) extern const IndicatorDef N##_def;
#include "hean/indicators.inc"
#undef HEAN_INDICATOR
}  // namespace hean
#define HEAN_INDICATOR(N)                                                                                      \
  HEAN_EXPORT(hean_call_##N)                                                                                   \
  const char* hean_call_##N(const double* const* in, std::size_t n, const double* opts, double* const* out) { \
    static Accepted last{};                                                                                    \
    return call_row(hean::N##_def, in, n, opts, out, last);                                                    \
  }
#include "hean/indicators.inc"
#undef HEAN_INDICATOR

// ---- streams --------------------------------------------------------------------------
// One instance: the header, then state[n_state] (the def's, or StreamDef::sized's for the
// options), saved[n_state] (for replace), the window, the constants and the undo log
// (StreamSize), in one allocation. JS reads state/window through the accessors for snapshots.
#include <cstring>
#include <new>
#include <utility>
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

#include "hean/stream.hpp"

namespace hean {
#define HEAN_INDICATOR(N) extern const StreamDef N##_stream __attribute__((weak));
#include "hean/indicators.inc"
#undef HEAN_INDICATOR
}  // namespace hean

namespace {

// The streams, in table order (null where an indicator has none yet).
const hean::StreamDef* const kStreams[] = {
#define HEAN_INDICATOR(N) &hean::N##_stream,
#include "hean/indicators.inc"
#undef HEAN_INDICATOR
};

// The fields an update touches come first, copied from the def (one load each, no
// def->field indirection on the per-update path).
struct Instance {
  void (*step)(hean::StreamCtx& c, const double* x);
  void (*outputs)(const hean::StreamCtx& c, double* out);
  int n_state;
  int out_at;
  int updated;
  int delegated;  // runs a part's stream (StreamDef::delegate), not its indicator's
  double* saved;
  hean::StreamCtx c;
  const hean::StreamDef* def;
  std::size_t wlen;
  double opt[hean::kMaxOpt + hean::kMaxExtraOpt];  // the table's options, then the stream's n_extra
  double out[hean::kMaxOut];  // the outputs after the last step (or reset, restore)
};

const hean::StreamDef* stream_at(int id) {
  std::size_t count = 0;
  hean::registry(&count);
  return id >= 0 && std::size_t(id) < count ? kStreams[id] : nullptr;
}

// State copies (replace's saved state): a few doubles, two per 128-bit move; a memcpy
// call (memory.copy) costs more than the copy. The empty asm hides the index from clang's
// loop-idiom pass, which otherwise turns the loop back into memory.copy (V8 runs that as a
// call out of the module: ema's update took 12.5 ns, 9 of them in the step).
HEAN_INLINE void copy(double* __restrict to, const double* __restrict from, int n) {
  int i = 0;
#if defined(__wasm_simd128__)
#pragma clang loop vectorize(disable) unroll(disable)
  for (; i + 2 <= n; i += 2) {
    __asm__("" : "+r"(i));
    wasm_v128_store(to + i, wasm_v128_load(from + i));
  }
  if (i < n) to[i] = from[i];
#else
#if defined(__clang__)
#pragma clang loop vectorize(disable) unroll(disable)
#endif
  for (; i < n; ++i) to[i] = from[i];
#endif
}

// Saves the state for replace (update), or puts the saved state and the window's logged
// slots back (replace); cp(to, from) copies the state: n_state doubles (save, undo), or a
// count known at compile time (save_direct, undo_direct).
template <class Copy>
HEAN_INLINE void save_with(Instance* t, Copy&& cp) {
  cp(t->saved, t->c.s);
  t->c.undo_n = 0;
  t->updated = 1;
}
template <class Copy>
HEAN_INLINE void undo_with(Instance* t, Copy&& cp) {
  if (!t->updated) return save_with(t, cp);
  cp(t->c.s, t->saved);
  for (int k = t->c.undo_n - 1; k >= 0; --k) t->c.w[t->c.undo_at[k]] = t->c.undo_old[k];
  t->c.undo_n = 0;
}
HEAN_INLINE void save(Instance* t) {
  save_with(t, [n = t->n_state](double* to, const double* from) { copy(to, from, n); });
}
HEAN_INLINE void undo(Instance* t) {
  undo_with(t, [n = t->n_state](double* to, const double* from) { copy(to, from, n); });
}

// Sets out[] from the state; returns out[0].
HEAN_INLINE double emit(Instance* t) {
  if (t->outputs) t->outputs(t->c, t->out);
  else t->out[0] = t->c.s[t->out_at];
  return t->out[0];
}

// After a step: out[0], and out[1 ..] for a multi-output stream (JS reads those from
// memory); a one-output stream's value is only returned (JS reads out[] only after reset
// and restore, which emit).
HEAN_INLINE double result(Instance* t) {
  if (t->outputs) {
    t->outputs(t->c, t->out);
    return t->out[0];
  }
  return t->c.s[t->out_at];
}

void start(Instance* t) {
  t->def->clear(t->c);
  save(t);
  t->updated = 0;
  emit(t);
}

}  // namespace

// The stream an instance of `d` runs for opts: d, or the part it delegates to, whose option
// row (written into row) then replaces opts.
static const hean::StreamDef* resolve(const hean::StreamDef* d, const double*& opts, double* row) {
  if (!d || !d->delegate) return d;
  const hean::StreamDef* p = d->delegate(opts, row);
  if (!p || p == d) return d;
  opts = row;
  return p;
}

HEAN_EXPORT(hean_stream_has) int hean_stream_has(int id) { return stream_at(id) ? 1 : 0; }

// Window doubles an instance with these (validated) options needs. `opts` (here and in
// hean_stream_new): the table's options, then the stream's n_extra numbers.
HEAN_EXPORT(hean_stream_window_len) double hean_stream_window_len(int id, const double* opts) {
  double row[hean::kMaxOpt] = {};
  const hean::StreamDef* d = resolve(stream_at(id), opts, row);
  return d ? double(d->window(opts)) : -1;
}

HEAN_EXPORT(hean_stream_new) Instance* hean_stream_new(int id, const double* opts) {
  const double* given = opts;
  double row[hean::kMaxOpt] = {};
  const hean::StreamDef* d = resolve(stream_at(id), opts, row);
  const hean::IndicatorDef* ind = def_at(id);
  if (!d || !ind) return nullptr;
  const std::size_t wlen = d->window(opts);
  hean::StreamSize z{d->n_state, d->out_at, hean::kMaxConst, hean::kMaxUndo};
  if (d->sized) d->sized(opts, z);
  const int n_state = z.n_state, out_at = z.out_at;
  const std::size_t doubles = 2 * std::size_t(n_state) + wlen + std::size_t(z.n_const) + std::size_t(z.n_undo);
  void* mem = std::malloc(sizeof(Instance) + sizeof(double) * doubles + sizeof(int) * std::size_t(z.n_undo));
  if (!mem) return nullptr;
  auto* t = new (mem) Instance{};
  t->def = d;
  t->delegated = d != stream_at(id) ? 1 : 0;
  t->step = d->step;
  t->outputs = d->outputs;
  t->n_state = n_state;
  t->out_at = out_at;
  t->wlen = wlen;
  double* tail = reinterpret_cast<double*>(t + 1);
  t->c.s = tail;
  t->saved = tail + n_state;
  t->c.w = tail + 2 * n_state;
  std::memset(t->c.w, 0, sizeof(double) * wlen);
  double* k = t->c.w + wlen;
  std::memset(k, 0, sizeof(double) * std::size_t(z.n_const));
  t->c.undo_old = k + z.n_const;
  t->c.undo_at = reinterpret_cast<int*>(t->c.undo_old + z.n_undo);
  // A delegated part's option row is kMaxOpt long; the given row, the table's options then n_extra.
  std::memcpy(t->opt, opts, sizeof(double) * (opts != given ? std::size_t(hean::kMaxOpt) : std::size_t(ind->n_opt + d->n_extra)));
  t->c.o = t->opt;
  if (d->constants) d->constants(t->opt, k);
  t->c.k = k;
  start(t);
  return t;
}

HEAN_EXPORT(hean_stream_free) void hean_stream_free(Instance* t) { std::free(t); }

HEAN_EXPORT(hean_stream_update) double hean_stream_update(Instance* t, double a, double b, double c, double d, double e,
                                                            double f) {
  const double x[6] = {a, b, c, d, e, f};
  save(t);
  t->step(t->c, x);
  return result(t);
}

HEAN_EXPORT(hean_stream_replace) double hean_stream_replace(Instance* t, double a, double b, double c, double d, double e,
                                                            double f) {
  const double x[6] = {a, b, c, d, e, f};
  undo(t);
  t->step(t->c, x);
  return result(t);
}

// One-input forms: a JS call with exactly the export's arity is cheaper.
// (The bar goes through a static buffer: taking the argument's address would cost a
// shadow-stack frame on every call. The engine is single-threaded.)
double g_bar[5];

HEAN_EXPORT(hean_stream_update1) double hean_stream_update1(Instance* t, double a) {
  save(t);
  g_bar[0] = a;
  t->step(t->c, g_bar);
  return result(t);
}

HEAN_EXPORT(hean_stream_replace1) double hean_stream_replace1(Instance* t, double a) {
  undo(t);
  g_bar[0] = a;
  t->step(t->c, g_bar);
  return result(t);
}

// Two-, three- and four-input forms (high/low, x/y; high/low/close; high/low/close/volume),
// each with its export's exact arity.
HEAN_EXPORT(hean_stream_update2) double hean_stream_update2(Instance* t, double a, double b) {
  save(t);
  g_bar[0] = a, g_bar[1] = b;
  t->step(t->c, g_bar);
  return result(t);
}
HEAN_EXPORT(hean_stream_replace2) double hean_stream_replace2(Instance* t, double a, double b) {
  undo(t);
  g_bar[0] = a, g_bar[1] = b;
  t->step(t->c, g_bar);
  return result(t);
}
HEAN_EXPORT(hean_stream_update3) double hean_stream_update3(Instance* t, double a, double b, double c) {
  save(t);
  g_bar[0] = a, g_bar[1] = b, g_bar[2] = c;
  t->step(t->c, g_bar);
  return result(t);
}
HEAN_EXPORT(hean_stream_replace3) double hean_stream_replace3(Instance* t, double a, double b, double c) {
  undo(t);
  g_bar[0] = a, g_bar[1] = b, g_bar[2] = c;
  t->step(t->c, g_bar);
  return result(t);
}
HEAN_EXPORT(hean_stream_update4) double hean_stream_update4(Instance* t, double a, double b, double c, double d) {
  save(t);
  g_bar[0] = a, g_bar[1] = b, g_bar[2] = c, g_bar[3] = d;
  t->step(t->c, g_bar);
  return result(t);
}
HEAN_EXPORT(hean_stream_replace4) double hean_stream_replace4(Instance* t, double a, double b, double c, double d) {
  undo(t);
  g_bar[0] = a, g_bar[1] = b, g_bar[2] = c, g_bar[3] = d;
  t->step(t->c, g_bar);
  return result(t);
}

// Per-indicator exports (hean_su_<name> / hean_sr_<name>, the list generated by
// scripts/gen-streams.mjs with each indicator's input count): the step and outputs are that
// indicator's, named at compile time, so LTO inlines them (no call through the instance's
// pointers, no generic dispatch). Only for an instance that runs its own indicator's stream
// (hean_stream_delegated: 0).
namespace {
#if defined(__wasm_simd128__)
// N doubles as straight-line v128 moves (no loop: no trip count to test, nothing for the
// loop-idiom pass to turn into memory.copy).
template <int N, std::size_t... I>
HEAN_INLINE void copy_n(double* __restrict to, const double* __restrict from, std::index_sequence<I...>) {
  (wasm_v128_store(to + 2 * I, wasm_v128_load(from + 2 * I)), ...);
  if constexpr (N % 2 != 0) to[N - 1] = from[N - 1];
}
#define HEAN_COPY_CASE(N) \
  case N: return copy_n<N>(to, from, std::make_index_sequence<N / 2>{});
#endif

// copy() of n doubles where n is known at link time (an own export's D.n_state: LTO folds
// the switch to one case); a def that sizes its state per options (StreamDef::sized) keeps
// the loop.
HEAN_INLINE void copy_known(double* __restrict to, const double* __restrict from, int n) {
#if defined(__wasm_simd128__)
  switch (n) {
    HEAN_COPY_CASE(1) HEAN_COPY_CASE(2) HEAN_COPY_CASE(3) HEAN_COPY_CASE(4) HEAN_COPY_CASE(5) HEAN_COPY_CASE(6)
    HEAN_COPY_CASE(7) HEAN_COPY_CASE(8) HEAN_COPY_CASE(9) HEAN_COPY_CASE(10) HEAN_COPY_CASE(11) HEAN_COPY_CASE(12)
    default: break;
  }
#endif
  copy(to, from, n);
}
#undef HEAN_COPY_CASE

// save() and undo() of an indicator's own exports.
// (A sized stream's state count is the instance's.)
template <const hean::StreamDef& D>
HEAN_INLINE void save_direct(Instance* t) {
  if (D.sized) return save(t);
  save_with(t, [](double* to, const double* from) { copy_known(to, from, D.n_state); });
}
template <const hean::StreamDef& D>
HEAN_INLINE void undo_direct(Instance* t) {
  if (D.sized) return undo(t);
  undo_with(t, [](double* to, const double* from) { copy_known(to, from, D.n_state); });
}

template <const hean::StreamDef& D>
HEAN_INLINE double step_direct(Instance* t) {
  D.step(t->c, g_bar);
  if (D.outputs) {
    D.outputs(t->c, t->out);
    return t->out[0];
  }
  return t->c.s[t->out_at];
}
}  // namespace

#define HEAN_ARGS_1 double a
#define HEAN_ARGS_2 double a, double b
#define HEAN_ARGS_3 double a, double b, double c
#define HEAN_ARGS_4 double a, double b, double c, double d
#define HEAN_BAR_1 g_bar[0] = a
#define HEAN_BAR_2 g_bar[0] = a, g_bar[1] = b
#define HEAN_BAR_3 g_bar[0] = a, g_bar[1] = b, g_bar[2] = c
#define HEAN_BAR_4 g_bar[0] = a, g_bar[1] = b, g_bar[2] = c, g_bar[3] = d
#define HEAN_STREAM_EXPORT(N, K)                                                       \
  HEAN_EXPORT(hean_su_##N) double hean_su_##N(Instance* t, HEAN_ARGS_##K) {            \
    save_direct<hean::N##_stream>(t);                                                  \
    HEAN_BAR_##K;                                                                      \
    return step_direct<hean::N##_stream>(t);                                           \
  }                                                                                    \
  HEAN_EXPORT(hean_sr_##N) double hean_sr_##N(Instance* t, HEAN_ARGS_##K) {            \
    undo_direct<hean::N##_stream>(t);                                                  \
    HEAN_BAR_##K;                                                                      \
    return step_direct<hean::N##_stream>(t);                                           \
  }
#include "streams.gen.inc"
#undef HEAN_STREAM_EXPORT

HEAN_EXPORT(hean_stream_delegated) int hean_stream_delegated(Instance* t) { return t->delegated; }

HEAN_EXPORT(hean_stream_reset) void hean_stream_reset(Instance* t) {
  std::memset(t->c.w, 0, sizeof(double) * t->wlen);
  start(t);
}

// After JS wrote a snapshot's state and window: that is the state to revise from.
HEAN_EXPORT(hean_stream_restored) void hean_stream_restored(Instance* t) {
  save(t);
  t->updated = 0;
  emit(t);
}

HEAN_EXPORT(hean_stream_state) double* hean_stream_state(Instance* t) { return t->c.s; }
HEAN_EXPORT(hean_stream_n_state) int hean_stream_n_state(Instance* t) { return t->n_state; }
HEAN_EXPORT(hean_stream_window) double* hean_stream_window(Instance* t) { return t->c.w; }
HEAN_EXPORT(hean_stream_out) double* hean_stream_out(Instance* t) { return t->out; }

// ---- candlestick patterns ---------------------------------------------------------------
// patterns() of src/patterns.ts in the WASM engine (src/wasm/engine.ts), as the addon's
// Patterns/PatternsInfo/PatternLookbacks (bindings/cpp/addon.cpp): the same run_patterns().
#include <cstdint>

#include "hean/candles_run.hpp"

HEAN_EXPORT(hean_pattern_count) int hean_pattern_count() { return hean::candles::pattern_count(); }
HEAN_EXPORT(hean_pattern_name) const char* hean_pattern_name(int k) {
  return k >= 0 && k < hean::candles::pattern_count() ? hean::candles::pattern_name(k) : "";
}
// The default penetration of pattern k, NaN when it takes none.
HEAN_EXPORT(hean_pattern_penetration) double hean_pattern_penetration(int k) {
  if (!(k >= 0 && k < hean::candles::pattern_count()) || !hean::candles::pattern_has_penetration(k)) return __builtin_nan("");
  return hean::candles::pattern_default_penetration(k);
}

namespace {
// Settings from 33 numbers, or false with g_error naming the bad one.
bool settings_in(const double* v, hean::candles::Settings* cs) {
  g_error = hean::candles::read_settings(v, cs);
  if (g_error.empty()) return true;
  g_error = "hean.patterns: " + g_error;
  return false;
}
}  // namespace

// Each pattern's lookback with these settings into out[0 .. count); null, or the message.
HEAN_EXPORT(hean_pattern_lookbacks) const char* hean_pattern_lookbacks(const double* settings, double* out) {
  hean::candles::Settings cs;
  if (!settings_in(settings, &cs)) return g_error.c_str();
  for (int k = 0; k < hean::candles::pattern_count(); ++k) out[k] = double(hean::candles::pattern_lookback(k, cs));
  return nullptr;
}

// The patterns with want[k] over ohlc[0..3] (n bars), penetrations pen[0 .. count), 33
// settings numbers; out[k]: the row of pattern k (null where not wanted), int16 or, with
// f64, double. Null, or the message of a bad setting or penetration.
HEAN_EXPORT(hean_patterns) const char* hean_patterns(const double* const* ohlc, std::size_t n, const std::uint8_t* want,
                                                     const double* pen, const double* settings, void* const* out, int f64) {
  const int count = hean::candles::pattern_count();
  for (int k = 0; k < count; ++k)
    if (!(pen[k] >= 0 && pen[k] <= 3e37)) {
      g_error = std::string("hean.patterns: penetration of ") + hean::candles::pattern_name(k) + " must be a number in [0, 3e37]";
      return g_error.c_str();
    }
  hean::candles::Settings cs;
  if (!settings_in(settings, &cs)) return g_error.c_str();
  if (f64) {
    double* o[hean::candles::kMaxPatterns] = {};
    for (int k = 0; k < count; ++k) o[k] = static_cast<double*>(out[k]);
    hean::candles::run_patterns(ohlc, n, cs, pen, want, o);
  } else {
    std::int16_t* o[hean::candles::kMaxPatterns] = {};
    for (int k = 0; k < count; ++k) o[k] = static_cast<std::int16_t*>(out[k]);
    hean::candles::run_patterns(ohlc, n, cs, pen, want, o);
  }
  return nullptr;
}
