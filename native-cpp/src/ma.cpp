// Moving average of a chosen type (TA-Lib MA): sma ema wma dema tema trima kama mama t3,
// each computed by its own kernel (hean/ma.hpp). KAMA with fast/slow 2/30, MAMA with
// limits 0.5/0.05 (the period is then unused), T3 with vFactor 0.7; period 1 copies the
// input, as TA-Lib does for every type.
#include "hean/ma.hpp"
#include "hean/ma_stream.hpp"

namespace hean {
namespace {

std::size_t ma_lb(const double* o, int) { return ma_lookback(int(o[1]), opt_size(o[0])); }

template <class L>
void ma_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  ma_run<L>(int(o[1]), opt_size(o[0]), in[0], n, out[0]);
}
HEAN_LANE_KERNELS(ma)

}  // namespace

HEAN_DEF(ma){
    "ma", "Moving average of a chosen type (TA-Lib MA)", 1, {"close"}, 2,
    {HEAN_PERIOD("period", 30, "window / smoothing period (unused by mama)"),
     HEAN_MA_TYPE_OPT("maType", 0, "moving average type (TA-Lib MAType order)")},
    1, {"ma"}, ma_lb, ma_s, ma_v};

// Streaming: an instance of period > 1 is that average's own stream (delegate: sma.cpp's,
// ema.cpp's, …, with TA_MA's option row), so it costs what that class costs; period 1 (the
// input copied) runs this step: MaSub's, then out = s[S] (S = 0).
namespace {
MaSub ma_sub(const double* o) { return MaSub{int(o[1]), opt_size(o[0]), 0, 0, 0}; }
}  // namespace

HEAN_STREAM(ma){kMaSubState + 1, kMaSubState, [](const double* o) { return ma_sub(o).window(); },
                [](const double* o, double* k) { ma_sub(o).constants(k); },
                [](StreamCtx& c) {
                  const MaSub m = ma_sub(c.o);
                  m.clear(c);
                  c.s[m.state()] = kNaN;
                },
                [](StreamCtx& c, const double* x) {
                  const MaSub m = ma_sub(c.o);
                  c.s[m.state()] = m.step(c, x[0]);
                },
                nullptr,
                [](const double* o, StreamSize& z) {
                  z.out_at = int(ma_sub(o).state());
                  z.n_state = z.out_at + 1;
                },
                [](const double* o, double* row) -> const StreamDef* {
                  const MaSub m = ma_sub(o);
                  if (m.p <= 1) return nullptr;  // itself (ma_stream has that name in the baseline build only)
                  ma_def_of(m.type, m.p, row);
                  return &ma_stream_of(m.type);
                }};

}  // namespace hean
