// Average true range (TA-Lib ATR): Wilder smoothing of the true range, seeded with the
// mean TR of bars 1..period, so the first value is at index `period`. natr is ATR as a
// percentage of the close (TA-Lib NATR).
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t atr_lookback(const double* o, int) { return opt_size(o[0]); }

template <class L, bool Normalized>
HEAN_INLINE void atr_run(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  auto emit = [&](std::size_t i, L v) {
    if constexpr (Normalized) {
      const L c = in[2][i];
      y.set(i, lsel(lne(c, splat<L>(0.0)), (v / lsel(lne(c, splat<L>(0.0)), c, splat<L>(1.0))) * 100.0,
                    splat<L>(0.0)));
    } else {
      y.set(i, v);
    }
  };
  L v = sma_seed<L>([&](std::size_t i) { return true_range<L>(in, i); }, 1, p);
  emit(p, v);
  if constexpr (std::is_same_v<L, double>) {
    // One series, a chunk at a time in passes: the true ranges eight bars at once, then
    // the Wilder pairs (the same pairs from bar p + 1) alone on the chain, prefetching the
    // next chunk's inputs and this chunk's output lines so their memory traffic runs in
    // the chain's shadow, then natr's normalisation eight bars at once (reading the
    // chain's stores a chunk later, none in flight; 512-bit stores read back as scalars
    // or scalar stores read as one vector right behind the chain stalled it). The same
    // operations per bar as below, so the same bits.
    constexpr std::size_t kChunk = 512;  // even: pairs never straddle chunks
    const Ema<double> w = Ema<double>::wilder(p);
    const V8 zero = splat<V8>(0.0), one = splat<V8>(1.0);
    alignas(64) double tr[kChunk];
    for (std::size_t i0 = p + 1; i0 < n; i0 += kChunk) {
      const std::size_t m = n - i0 < kChunk ? n - i0 : kChunk;
      const double* h = in[0].span(i0, m);
      const double* l = in[1].span(i0, m);
      const double* pc = in[2].span(i0 - 1, m + 1);  // pc[k + 1]: the close of bar i0 + k
      double* q = y.p + i0;
      std::size_t k = 0;
      for (; k + 8 <= m; k += 8) put_bars8(tr + k, true_range_of<V8>(bars8(h + k), bars8(l + k), bars8(pc + k)));
      for (; k < m; ++k) tr[k] = true_range_of<double>(h[k], l[k], pc[k]);
      for (k = 0; k + 8 <= m; k += 8) {
        for (int r = 0; r < 3; ++r) prefetch_ahead(in[r].p, i0 + k, n);
        prefetch_out(q + k);
        for (std::size_t j = k; j < k + 8; j += 2) {
          q[j] = w.step2(v, tr[j], tr[j + 1]);
          q[j + 1] = v;
        }
      }
      for (; k + 1 < m; k += 2) {
        q[k] = w.step2(v, tr[k], tr[k + 1]);
        q[k + 1] = v;
      }
      if (k < m) q[k] = w.step(v, tr[k]);
      if constexpr (Normalized) {
        for (k = 0; k + 8 <= m; k += 8) {
          const V8 cc = bars8(pc + k + 1);
          put_bars8(q + k, lsel(lne(cc, zero), (bars8(q + k) / lsel(lne(cc, zero), cc, one)) * 100.0, zero));
        }
        for (; k < m; ++k) emit(i0 + k, q[k]);
      }
    }
    return;
  }
  // Bars after the seed go in pairs (Ema::step2): half the dependency chain.
  const Ema<L> w = Ema<L>::wilder(p);
  std::size_t i = p + 1;
  for (; i + 1 < n; i += 2) {
    L t0, t1;
    true_range2<L>(in, i, t0, t1);
    emit(i, w.step2(v, t0, t1));
    emit(i + 1, v);
  }
  if (i < n) emit(i, w.step(v, true_range<L>(in, i)));
}

template <class L>
void atr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  atr_run<L, false>(in, n, o, out);
}
template <class L>
void natr_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  atr_run<L, true>(in, n, o, out);
}
HEAN_LANE_KERNELS(atr)
HEAN_LANE_KERNELS(natr)

}  // namespace

HEAN_DEF(atr){
    "atr", "Average true range (Wilder)", 3, {"high", "low", "close"}, 1,
    {HEAN_PERIOD("period", 14, "smoothing period")}, 1, {"atr"}, atr_lookback, atr_s, atr_v};

HEAN_DEF(natr){
    "natr", "Normalized ATR: 100 * ATR / close", 3, {"high", "low", "close"}, 1,
    {HEAN_PERIOD("period", 14, "smoothing period")}, 1, {"natr"}, atr_lookback, natr_s, natr_v};

// Streaming: state n, pc (previous close), v (Wilder average, the pair's anchor; the sum of
// the ranges during the seed), cur (this bar's ATR), tr0 (first range of the current pair),
// out. The kernel's true range and pairing (Ema::step, then Ema::step2 from the anchor).
namespace {
template <bool Normalized>
void atr_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  double tr;
  if (!range_stream_bar(c, x, 5, tr)) {
    if (s[0] == 0) s[2] = 0;  // a gap also drops the average
    return;
  }
  const double i = s[0] - 1;
  const double cl = x[2];
  const double p = c.o[0];
  const Ema<double> e{c.k[0], c.k[1], c.k[2], c.k[3]};
  if (i <= p) {
    s[2] += tr;
    if (i < p) {
      s[5] = kNaN;
      return;
    }
    s[3] = s[2] = s[2] / p;
  } else if (std::size_t(i - p) & 1) {
    s[4] = tr;
    s[3] = e.step(s[2], tr);
  } else {
    e.step2(s[2], s[4], tr);
    s[3] = s[2];
  }
  s[5] = Normalized ? (cl != 0 ? (s[3] / cl) * 100.0 : 0.0) : s[3];
}
void wilder_constants(const double* o, double* k) { ema_constants(Ema<double>::wilder(opt_size(o[0])), k); }
}  // namespace

HEAN_STREAM(atr){6, 5, no_window, wilder_constants, range_clear, atr_stream_step<false>};
HEAN_STREAM(natr){6, 5, no_window, wilder_constants, range_clear, atr_stream_step<true>};

}  // namespace hean
