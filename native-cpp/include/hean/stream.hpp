// Streaming form of an indicator: its state as `n_state` doubles (the snapshot's state, in
// order), a window of doubles, and step(), which adds one bar. The WebAssembly build keeps
// them in linear memory behind one generic TypeScript class (src/stream/wasm.ts), with
// save/undo (replace), reset, snapshot and restore done once for all (bindings/wasm/abi.cpp).
// A step uses the same helpers as its batch kernel (Ema::step2, RsiState's terms, …) in the
// same grouping, so streamed values equal batch values bit for bit, gaps included: a
// non-finite input is a gap, outputs NaN and restarts the run.
#pragma once

#include <cstddef>

#include "hean/indicator.hpp"

namespace hean {

constexpr int kMaxUndo = 48;  // window writes a step may make (Ichimoku: 14; MACDEXT's three MAs)

// What a step sees: its state, window and options, and the window's undo log (room for
// kMaxUndo writes, or StreamSize::n_undo).
struct StreamCtx {
  double* s;
  double* w;
  const double* o;
  const double* k;  // constants derived from the options once (StreamDef::constants)
  int undo_n;
  int* undo_at;
  double* undo_old;
  // Writes window slot i, remembering the old value so replace() can undo it.
  HEAN_INLINE void put(std::size_t i, double x) {
    undo_at[undo_n] = int(i);
    undo_old[undo_n] = w[i];
    ++undo_n;
    w[i] = x;
  }
};

constexpr int kMaxConst = 40;  // MACDEXT: three MA sub-streams of 12 (hean/ma_stream.hpp)
constexpr int kMaxExtraOpt = 33;  // a candle pattern's settings (11 x rangeType, avgPeriod, factor)

// An instance's sizes for its options (StreamDef::sized): state doubles, the output's index,
// constants and window writes per step.
struct StreamSize {
  int n_state, out_at, n_const, n_undo;
};

struct StreamDef {
  int n_state;
  int out_at;  // state[out_at] is the (first) output, unless `outputs` is given
  std::size_t (*window)(const double* opt);  // window doubles for these options
  void (*constants)(const double* opt, double* k);  // up to kMaxConst, or null
  void (*clear)(StreamCtx& c);               // the initial state (the window is zeroed)
  // Adds one bar x[0 .. n_in); an omitted optional input is NaN, and x[n_in] is the mask of
  // the optional inputs given (bit k: input n_required + k), for steps that tell the two apart.
  void (*step)(StreamCtx& c, const double* x);
  // The outputs from the state, for indicators whose outputs are not state[out_at ..]
  // (multi-output values derived from the state); null: out[0] = state[out_at].
  void (*outputs)(const StreamCtx& c, double* out) = nullptr;
  // Options-sized state (composites such as MA, APO, MACDEXT, MAVP, whose parts depend on
  // the options): revises the sizes for these (validated) options, which start as the def's
  // (n_state, out_at, kMaxConst, kMaxUndo); null: those. The instance allocates, saves and
  // snapshots that many state doubles.
  void (*sized)(const double* opt, StreamSize& z) = nullptr;
  // A composite that, for some options, is just one of its parts (MA of a type: that
  // average's own stream): returns the stream an instance runs, having written the option
  // row that stream takes into row[0 .. kMaxOpt); null (or returning null): itself.
  const StreamDef* (*delegate)(const double* opt, double* row) = nullptr;
  // Option numbers after the table's options (up to kMaxExtraOpt): the stream's options are
  // the table's n_opt then these (a candle pattern's 33 settings), read by window,
  // constants and step through the same pointer.
  int n_extra = 0;
};

// The gap rule of the batch drivers: NaN and ±inf.
HEAN_INLINE bool is_gap(double x) { return !(x - x == 0.0); }
// True when any of x[0 .. N) is a gap: a non-finite value makes the sum NaN (one test).
template <int N>
HEAN_INLINE bool any_gap(const double* x) {
  double d = x[0] - x[0];
  for (int k = 1; k < N; ++k) d = d + (x[k] - x[k]);
  return !(d == 0.0);
}

}  // namespace hean

// Defines NAME's stream (found by abi.cpp by name); only in the baseline build of a source.
#if HEAN_ISA == 0
#define HEAN_STREAM(NAME) extern const ::hean::StreamDef NAME##_stream
#else
#define HEAN_STREAM(NAME) [[maybe_unused]] static const ::hean::StreamDef NAME##_stream_unused
#endif
