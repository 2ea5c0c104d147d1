// Relative strength index (TA-Lib RSI): Wilder-smoothed average gain and loss of the
// price changes, seeded with their plain means over the first `period` changes.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t rsi_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L>
void rsi_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  RsiState<L> r;
  r.seed(x, p);
  y.set(p, r.value());
  if constexpr (std::is_same_v<L, double>) {
    // One series, a chunk at a time: the chunk's gains and losses eight bars at once, the
    // two Wilder chains alone (the same pairs from bar p + 1), then the divisions eight
    // bars at once, off the chains. The same operations per bar as below, so the same bits.
    constexpr std::size_t kChunk = 256;  // even: pairs never straddle chunks
    double g[kChunk], l[kChunk];
    for (std::size_t i0 = p + 1; i0 < n; i0 += kChunk) {
      const std::size_t m = n - i0 < kChunk ? n - i0 : kChunk;
      const double* c = x.span(i0, m);
      const double* pc = x.span(i0 - 1, m);
      std::size_t k = 0;
      for (; k + 8 <= m; k += 8) {
        const V8 d = bars8(c + k) - bars8(pc + k);
        put_bars8(g + k, gain_of(d));
        put_bars8(l + k, loss_of(d));
      }
      for (; k < m; ++k) {
        const double d = c[k] - pc[k];
        g[k] = gain_of(d);
        l[k] = loss_of(d);
      }
      // g, l: each bar's term in, the averages after it out.
      for (k = 0; k + 1 < m; k += 2) {
        g[k] = r.w.step2(r.gain, g[k], g[k + 1]);
        g[k + 1] = r.gain;
        l[k] = r.w.step2(r.loss, l[k], l[k + 1]);
        l[k + 1] = r.loss;
      }
      if (k < m) {
        g[k] = r.gain = r.w.step(r.gain, g[k]);
        l[k] = r.loss = r.w.step(r.loss, l[k]);
      }
      double* q = y.p + i0;
      for (k = 0; k + 8 <= m; k += 8) {
        const V8 a = bars8(g + k), b = bars8(l + k);
        put_bars8(q + k, div_nz(a * 100.0, a + b, 0.0));
      }
      for (; k < m; ++k) q[k] = div_nz(g[k] * 100.0, g[k] + l[k], 0.0);
    }
    return;
  }
  // Bars after the seed go in pairs (RsiState::step2), as the stream step below.
  std::size_t i = p + 1;
  for (; i + 1 < n; i += 2) {
    L v0, v1;
    r.step2(x, i, v0, v1);
    y.set(i, v0);
    y.set(i + 1, v1);
  }
  if (i < n) {
    r.step(x, i);
    y.set(i, r.value());
  }
}
HEAN_LANE_KERNELS(rsi)

}  // namespace

HEAN_DEF(rsi){
    "rsi", "Relative strength index (Wilder), 0..100", 1, {"close"}, 1,
    {HEAN_PERIOD("period", 14, "number of price changes averaged")},
    1, {"rsi"}, rsi_lookback, rsi_s, rsi_v};

// Streaming: state n, prev, gain, loss, g0, l0 (terms of the first bar of the current
// pair), out. Bars after the seed go in pairs as in the kernel: the first of a pair is
// Ema::step from the anchor, the second Ema::step2 (RsiState::step2's terms).
namespace {
void rsi_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const Ema<double> w{c.k[0], c.k[1], c.k[2], c.k[3]};
  const double v = x[0];
  if (is_gap(v)) {
    s[0] = s[2] = s[3] = 0;
    s[6] = kNaN;
    return;
  }
  const double n = ++s[0];
  const double p = c.o[0];
  const double d = v - s[1];
  s[1] = v;
  if (n == 1) {
    s[6] = kNaN;
    return;
  }
  if (n <= p + 1) {
    s[2] = s[2] + gain_of(d);
    s[3] = s[3] + loss_of(d);
    if (n <= p) {
      s[6] = kNaN;
      return;
    }
    s[2] = s[2] / p;
    s[3] = s[3] / p;
  } else if (std::size_t(n - p) & 1) {
    w.step2(s[2], s[4], gain_of(d));
    w.step2(s[3], s[5], loss_of(d));
  } else {
    s[4] = gain_of(d);
    s[5] = loss_of(d);
    const double g = w.step(s[2], s[4]);
    s[6] = div_nz(g * 100.0, g + w.step(s[3], s[5]), 0.0);
    return;
  }
  s[6] = div_nz(s[2] * 100.0, s[2] + s[3], 0.0);
}
}  // namespace

HEAN_STREAM(rsi){7, 6, no_window,
                 [](const double* o, double* k) { ema_constants(Ema<double>::wilder(opt_size(o[0])), k); },
                 clear_state<7>, rsi_stream_step};

}  // namespace hean
