// Volume-weighted moving average: sum(close * volume) / sum(volume) over `period` bars;
// NaN where every volume in the window is 0. Whether the window has volume at all is
// decided by an exact count of nonzero volumes, so rounding left in the running volume
// sum can't turn an all-zero window into a value.
#include "hean/bars8.hpp"
#include "hean/chunk_sums.hpp"
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
    // One series, a chunk at a time (ChunkSums: WindowSum's operations and re-sum schedule,
    // so the bits of run() below): the terms eight bars at once from contiguous memory, the
    // three add chains side by side, then the ratios eight bars at once. (Eight re-sum
    // segments as V8 lanes read each lane 8 * every bytes apart: at every = 1024 all eight
    // lanes of every stream fall in one L1 set, and a Zen 3's 8-way L1 thrashed: 14 ns/bar.)
    const std::size_t w[3] = {p, p, p}, src[3] = {0, 1, 2};
    ChunkSums<3, 3> cs;
    cs.init(w, src, p - 1);
    // The history: bars 0 .. p - 2 (term rows are indexed from the first chunk's bar p - 1).
    for (std::size_t r = 0; r < 3; ++r) {
      double* t = cs.term(r) - (p - 1);
      for (std::size_t i = 0; i + 1 < p; ++i) {
        const double v = in[1][i];
        t[i] = r == 0 ? in[0][i] * v : r == 1 ? v : lsel(lne(v, 0.0), 1.0, 0.0);
      }
    }
    const V8 zero8 = splat<V8>(0.0), one8 = splat<V8>(1.0), nan8 = splat<V8>(kNaN);
    for (std::size_t m; (m = cs.begin(n)) > 0;) {
      const std::size_t i0 = cs.i0;
      const double* c = in[0].span(i0, m);
      const double* v = in[1].span(i0, m);
      double *tcv = cs.term(0), *tv = cs.term(1), *tnz = cs.term(2);
      std::size_t k = 0;
      for (; k + 8 <= m; k += 8) {
        const V8 vv = bars8(v + k);
        put_bars8(tcv + k, bars8(c + k) * vv);
        put_bars8(tv + k, vv);
        put_bars8(tnz + k, lsel(lne(vv, zero8), one8, zero8));
      }
      for (; k < m; ++k) {
        tcv[k] = c[k] * v[k];
        tv[k] = v[k];
        tnz[k] = lsel(lne(v[k], 0.0), 1.0, 0.0);
      }
      cs.run();
      double* q = y.p + i0;
      const double *scv = cs.sum(0), *sv = cs.sum(1), *snz = cs.sum(2);
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
