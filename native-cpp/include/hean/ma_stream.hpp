// A moving average of any MAType inside a composite stream (MA, APO, MACDEXT): the
// average's own stream step (sma.cpp, ema.cpp, …, t3.cpp: HEAN_STREAM), run on a slice of
// the composite's state, window and constants, with the option row TA_MA gives it
// (ma_def_of). The batch side runs the same averages' kernels through ma_run, so each
// average's arithmetic is still its one source file's, and streamed == batch bit for bit.
// Period 1 is TA_MA's copy of the input (no state), as ma_run.
#pragma once

#include "hean/hilbert.hpp"
#include "hean/ma.hpp"
#include "hean/stream.hpp"

namespace hean {

extern const StreamDef sma_stream, ema_stream, wma_stream, dema_stream, tema_stream, trima_stream, kama_stream,
    mama_stream, t3_stream;

// State doubles of the largest sub-stream (MAMA: n, the Hilbert core, its 5): a composite's
// def declares room for that; an instance holds only its averages' own (MaSub::state,
// StreamDef::sized).
constexpr int kMaSubState = 1 + HilbertCore<double>::kDoubles + 5;
// Constants of one sub-stream: its 3 options, then up to 9 of the average's constants.
constexpr int kMaSubConst = 12;
// Window writes one average's step may make (kMaxUndo holds three: MACDEXT).
constexpr int kMaSubUndo = kMaxUndo / 3;

HEAN_INLINE const StreamDef& ma_stream_of(int type) {
  switch (type) {
    case kMaEma: return ema_stream;
    case kMaWma: return wma_stream;
    case kMaDema: return dema_stream;
    case kMaTema: return tema_stream;
    case kMaTrima: return trima_stream;
    case kMaKama: return kama_stream;
    case kMaMama: return mama_stream;
    case kMaT3: return t3_stream;
    default: return sma_stream;
  }
}

// One average of `type` and period p; its state at s[so ..], window at w[wo ..], constants
// (and option row) at k[ko ..] of the composite's context.
struct MaSub {
  int type;
  std::size_t p, so, wo, ko;

  // State doubles of this average: its stream's (none for period 1).
  std::size_t state() const { return p <= 1 ? 0 : std::size_t(ma_stream_of(type).n_state); }
  std::size_t window() const {
    if (p <= 1) return 0;
    double o[kMaxOpt] = {};
    ma_def_of(type, p, o);
    return ma_stream_of(type).window(o);
  }
  // Writes the option row and the average's constants into k[ko ..].
  void constants(double* k) const {
    double* r = k + ko;
    for (int i = 0; i < kMaSubConst; ++i) r[i] = 0;
    if (p <= 1) return;
    ma_def_of(type, p, r);
    if (const StreamDef& d = ma_stream_of(type); d.constants) d.constants(r, r + 3);
  }
  // Runs f on the context narrowed to this average (window writes' undo slots re-based).
  template <class F>
  HEAN_INLINE void in(StreamCtx& c, F&& f) const {
    double *s = c.s, *w = c.w;
    const double *o = c.o, *k = c.k;
    const int u0 = c.undo_n;
    c.s = s + so;
    c.w = w + wo;
    c.o = k + ko;
    c.k = k + ko + 3;
    f();
    for (int u = u0; u < c.undo_n; ++u) c.undo_at[u] += int(wo);
    c.s = s, c.w = w, c.o = o, c.k = k;
  }
  void clear(StreamCtx& c) const {
    for (std::size_t i = 0, n = state(); i < n; ++i) c.s[so + i] = 0;
    if (p <= 1) return;
    in(c, [&] { ma_stream_of(type).clear(c); });
  }
  // Adds x; returns the average (NaN in its warm-up and on a gap; period 1: x itself).
  double step(StreamCtx& c, double x) const {
    if (p <= 1) return is_gap(x) ? kNaN : x;
    const StreamDef& d = ma_stream_of(type);
    double v = 0;
    in(c, [&] {
      d.step(c, &x);
      if (d.outputs) {
        double out[kMaxOut];
        d.outputs(c, out);
        v = out[0];
      } else {
        v = c.s[d.out_at];
      }
    });
    return v;
  }
};

}  // namespace hean
