// Volume-weighted moving average: sum(close * volume) / sum(volume) over `period` bars;
// NaN where every volume in the window is 0. Whether the window has volume at all is
// decided by an exact count of nonzero volumes, so rounding left in the running volume
// sum can't turn an all-zero window into a value.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t vwma_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

template <class L>
void vwma_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  auto run = [&]<class M>(const In<M>& c, const In<M>& v, const Out<M>& ys, std::size_t count) {
    const M zero = splat<M>(0.0), one = splat<M>(1.0), nan = splat<M>(kNaN);
    auto fcv = [&](std::size_t i) { return c[i] * v[i]; };
    auto fv = [&](std::size_t i) { return v[i]; };
    auto fnz = [&](std::size_t i) { return lsel(lne(v[i], zero), one, zero); };
    WindowSum<M> scv, sv, snz;
    scv.init(p, fcv, p);
    sv.init(p, fv, p);
    snz.init(p, fnz, p);
    for (std::size_t i = p - 1;;) {
      ys.set(i - (p - 1), lsel(lgt(snz.sum, zero), scv.sum / lsel(lgt(snz.sum, zero), sv.sum, one), nan));
      if (++i >= count + (p - 1)) break;
      scv.step(fcv, i);
      sv.step(fv, i);
      snz.step(fnz, i);
    }
  };
  if constexpr (std::is_same_v<L, double>) {
    // One series, a chunk of bars at a time in three passes, with WindowSum's operations and
    // re-sum schedule (so the bits of run() below and of the streaming step): the window
    // differences eight bars at once straight from the inputs (the leaving bar's product
    // recomputed, no term rows), then the three add chains side by side, then the ratios
    // eight bars at once. The chain pass is latency bound; it prefetches inputs ahead and
    // this chunk's output lines, so their memory traffic overlaps it instead of
    // stalling the vector passes. The nonzero count is exact, so it never needs a re-sum.
    constexpr std::size_t kChunk = 512;
    const std::size_t every = resum_every(p, 1024);
    double acv = 0.0, av = 0.0, anz = 0.0;
    {
      const double* c = in[0].span(0, p);
      const double* v = in[1].span(0, p);
      for (std::size_t k = 0; k < p; ++k) {
        acv = acv + c[k] * v[k];
        av = av + v[k];
        anz = anz + lsel(lne(v[k], 0.0), 1.0, 0.0);
      }
      y.p[p - 1] = anz > 0.0 ? acv / av : kNaN;
    }
    alignas(64) double rows[3][kChunk];
    double *scv = rows[0], *sv = rows[1], *snz = rows[2];
    const V8 zero8 = splat<V8>(0.0), one8 = splat<V8>(1.0), nan8 = splat<V8>(kNaN);
    const auto nz8 = [&](V8 x) { return lsel(lne(x, zero8), one8, zero8); };
    // Bar t's step of the three chains: the differences in the rows become the sums.
    const auto slide = [&](std::size_t t) {
      acv = acv + scv[t];
      av = av + sv[t];
      anz = anz + snz[t];
      scv[t] = acv;
      sv[t] = av;
      snz[t] = anz;
    };
    std::size_t since = 0;
    for (std::size_t i0 = p; i0 < n; i0 += kChunk) {
      const std::size_t m = n - i0 < kChunk ? n - i0 : kChunk;
      // c[k], v[k]: bar i0 + k, for -p <= k < m.
      const double* c = in[0].span(i0 - p, m + p) + p;
      const double* v = in[1].span(i0 - p, m + p) + p;
      std::size_t k = 0;
      for (; k + 8 <= m; k += 8) {
        const V8 vn = bars8(v + k), vo = bars8(v + k - p);
        put_bars8(scv + k, bars8(c + k) * vn - bars8(c + k - p) * vo);
        put_bars8(sv + k, vn - vo);
        put_bars8(snz + k, nz8(vn) - nz8(vo));
      }
      for (; k < m; ++k) {
        scv[k] = c[k] * v[k] - c[k - p] * v[k - p];
        sv[k] = v[k] - v[k - p];
        snz[k] = lsel(lne(v[k], 0.0), 1.0, 0.0) - lsel(lne(v[k - p], 0.0), 1.0, 0.0);
      }
      double* q = y.p + i0;
      for (k = 0; k < m;) {
        // e: the bar whose step re-sums (since reaching every), or m.
        const std::size_t d = k + (every - since) - 1, e = d < m ? d : m;
        std::size_t j = k;
        for (; j + 8 <= e; j += 8) {
          prefetch_ahead(in[0].p, i0 + j, n);
          prefetch_ahead(in[1].p, i0 + j, n);
          prefetch_out(q + j);
          for (std::size_t t = j; t < j + 8; ++t) slide(t);
        }
        for (; j < e; ++j) slide(j);
        since += e - k;
        if (e == m) break;
        // Bar e: WindowSum::resum of the window ending there.
        acv = av = 0.0;
        const double *cw = c + e + 1 - p, *vw = v + e + 1 - p;  // may start before the chunk
        for (std::size_t t = 0; t < p; ++t) {
          acv = acv + cw[t] * vw[t];
          av = av + vw[t];
        }
        anz = anz + snz[e];
        scv[e] = acv;
        sv[e] = av;
        snz[e] = anz;
        since = 0;
        k = e + 1;
      }
      for (k = 0; k + 8 <= m; k += 8) {
        const auto has = lgt(bars8(snz + k), zero8);
        put_bars8(q + k, lsel(has, bars8(scv + k) / lsel(has, bars8(sv + k), one8), nan8));
      }
      for (; k < m; ++k) {
        const bool has = snz[k] > 0.0;
        q[k] = has ? scv[k] / (has ? sv[k] : 1.0) : kNaN;
      }
    }
    return;
  }
  run(in[0], in[1], Out<L>{y.p + (p - 1), y.stride}, n - (p - 1));
}
HEAN_LANE_KERNELS(vwma)

}  // namespace

HEAN_DEF(vwma){
    "vwma", "Volume-weighted moving average", 2, {"close", "volume"}, 1,
    {HEAN_PERIOD("period", 20, "window length")}, 1, {"vwma"}, vwma_lookback, vwma_s, vwma_v};

// Streaming: state n, then {pos, since, sum} of the kernel's three WindowSums (close ·
// volume, volume, nonzero volumes; window_sum_slide), out; the window holds their rings.
namespace {
void vwma_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double cl = x[0], v = x[1];
  if (!(cl - cl + (v - v) == 0)) {
    s[0] = s[1] = s[4] = s[7] = 0;
    s[10] = kNaN;
    return;
  }
  const std::size_t p = opt_size(c.o[0]);
  const double n = ++s[0], every = c.k[0];
  window_sum_slide(c, 0, p, every, s + 1, n, cl * v);
  window_sum_slide(c, p, p, every, s + 4, n, v);
  if (!window_sum_slide(c, 2 * p, p, every, s + 7, n, v != 0.0 ? 1.0 : 0.0)) {
    s[10] = kNaN;
    return;
  }
  s[10] = s[9] > 0.0 ? s[3] / s[6] : kNaN;
}
}  // namespace

HEAN_STREAM(vwma){11, 10, [](const double* o) { return 3 * opt_size(o[0]); },
                  [](const double* o, double* k) { k[0] = double(resum_every(opt_size(o[0]), 1024)); },
                  clear_state<11>, vwma_stream_step};

}  // namespace hean
