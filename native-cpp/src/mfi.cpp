// Money flow index (TA-Lib 0.8 MFI): 100 * positive / (positive + negative) money flow over
// `period` bars. A bar's money flow is tp * volume (tp = (high + low + close) / 3), 0 when tp
// is unchanged within TA-Lib's scaled tolerance (|tp - tp[-1]| <= 1e-14 * (|tp| + |tp[-1]|));
// it counts as negative when tp fell, else positive. Once `period` bars in a row carry no
// money flow, both sums are exactly 0 (TA-Lib's empty-window rule). The output is 0 when
// the total is <= 0, else 100 * clamp(positive, 0, total) / total. (TA-Lib 0.6 instead split
// by the exact sign of the change and output 0 whenever the total was below 1.)
#include <vector>

#include "hean/bars8.hpp"
#include "hean/chunk_sums.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t mfi_lookback(const double* o, int) { return opt_size(o[0]); }

// One bar's positive and negative money flow from its typical price t, the previous one
// and its volume (kernel and stream); returns the money flow (0: none).
template <class L>
HEAN_INLINE L mfi_flow(L t, L prev, L v, L& pos, L& neg) {
  const L zero = splat<L>(0.0);
  const L d = t - prev;
  const L mf = t * v;
  // TA_IS_ZERO_SCALED(d, |t| + |prev|) is a dead zone: no money flow (NaN d keeps mf, as there).
  const L flow = lsel(above_scaled(d, lfabs(t) + lfabs(prev)), mf, lsel(lne(d, d), mf, zero));
  const auto down = llt(d, zero);
  pos = lsel(down, zero, flow);
  neg = lsel(down, flow, zero);
  return flow;
}
// Bars in a row without money flow, capped at p (at p both sums are known to be 0).
template <class L>
HEAN_INLINE L mfi_null_run(L run, L flow, double p) {
  const L r = lsel(lne(flow, splat<L>(0.0)), splat<L>(0.0), run + 1.0);
  return lmin(r, splat<L>(p));
}
// The index from the sums: 0 for a total <= 0, else 100 * clamp(pos, 0, total) / total.
template <class L>
HEAN_INLINE L mfi_of(L sp, L sn) {
  const L zero = splat<L>(0.0);
  const L tot = sp + sn;
  const L pc = lsel(llt(sp, zero), zero, lsel(lgt(sp, tot), tot, sp));
  const auto ok = lgt(tot, zero);
  return lsel(ok, (pc / lsel(ok, tot, splat<L>(1.0))) * 100.0, lsel(lne(tot, tot), tot, zero));
}

template <class L>
void mfi_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const double dp = double(p);
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  const L zero = splat<L>(0.0);
  auto tp = [&](std::size_t i) { return (in[0][i] + in[1][i] + in[2][i]) / 3.0; };
  if constexpr (std::is_same_v<L, double>) {
    // One series, a chunk at a time: the flows eight bars at once, the two window sums
    // (ChunkSums: WindowSum's operations), then the index eight bars at once. The run of
    // bars without money flow is only counted bar by bar in a chunk that has such a bar
    // (otherwise it is 0 throughout). The same operations per bar as below, so the same bits.
    const std::size_t w[2] = {p, p}, src[2] = {0, 1};
    ChunkSums<2, 2> cs;
    cs.init(w, src, p);
    double* pos = cs.term(0) - p;  // bars 0 .. p - 1 of the first chunk (bar 0 has no flow)
    double* neg = cs.term(1) - p;
    double run = 0.0;
    double prev = tp(0);
    for (std::size_t i = 1; i < p; ++i) {
      const double t = tp(i);
      run = mfi_null_run<double>(run, mfi_flow<double>(t, prev, in[3][i], pos[i], neg[i]), dp);
      prev = t;
    }
    const StreamOut so(y.p, n);  // large outputs by non-temporal stores
    std::vector<unsigned char> empty(cs.chunk);
    std::vector<double> tpb(cs.chunk + 1);  // the chunk's typical prices, the bar before first
    for (std::size_t m; (m = cs.begin(n)) > 0;) {
      const std::size_t i0 = cs.i0;
      const double* h = in[0].span(i0 - 1, m + 1);
      const double* l = in[1].span(i0 - 1, m + 1);
      const double* c = in[2].span(i0 - 1, m + 1);
      const double* v = in[3].span(i0, m);
      double* pq = cs.term(0);
      double* nq = cs.term(1);
      // Each typical price once (a division a bar saved: a bar's is the next one's previous).
      double* tq = tpb.data();
      std::size_t k = 0;
      for (; k + 8 <= m + 1; k += 8) put_bars8(tq + k, (bars8(h + k) + bars8(l + k) + bars8(c + k)) / 3.0);
      for (; k <= m; ++k) tq[k] = (h[k] + l[k] + c[k]) / 3.0;
      V8 still8 = splat<V8>(0.0);  // counts bars without money flow
      for (k = 0; k + 8 <= m; k += 8) {
        const V8 t = bars8(tq + k + 1), pt = bars8(tq + k);
        V8 pf, nf;
        const V8 flow = mfi_flow<V8>(t, pt, bars8(v + k), pf, nf);
        put_bars8(pq + k, pf);
        put_bars8(nq + k, nf);
        still8 = still8 + lsel(lne(flow, splat<V8>(0.0)), splat<V8>(0.0), splat<V8>(1.0));
      }
      double lanes[8];
      put_bars8(lanes, still8);
      bool still = false;
      for (double z : lanes) still = still || z != 0.0;
      for (; k < m; ++k) {
        const double flow = mfi_flow<double>(tq[k + 1], tq[k], v[k], pq[k], nq[k]);
        still = still || !(flow != 0.0);
      }
      if (still) {
        for (k = 0; k < m; ++k) {
          run = mfi_null_run<double>(run, lsel(pq[k] != 0.0 || nq[k] != 0.0, 1.0, 0.0), dp);
          empty[k] = run > dp - 0.5;
        }
      }
      // Each group of 16 bars prefetches those bars' four inputs kPrefetchAhead bars on, so
      // the driver's gap scan (which reads the block past each span) finds them in cache,
      // as ultosc's: the add chains leave the memory idle.
      std::size_t pf = 0;  // the chunk's bars before pf have had their inputs prefetched
      auto ahead = [&](std::size_t done) {
        for (; pf + 8 <= done; pf += 8)
          for (int t = 0; t < 4; ++t) prefetch_ahead(in[t].p, i0 + pf, n);
      };
      if (still) {
        cs.template run<16>(empty.data(), ahead);
      } else {
        run = 0.0;  // every bar has money flow
        cs.template run<16>(nullptr, ahead);
      }
      const double *sp = cs.sum(0) - i0, *sn = cs.sum(1) - i0;  // bar i's at sp[i], sn[i]
      put_bars_range(so, y.p, i0, i0 + m, [&](std::size_t i) { return mfi_of<V8>(bars8(sp + i), bars8(sn + i)); },
                     [&](std::size_t i) { return mfi_of<double>(sp[i], sn[i]); });
    }
    return;
  }
  Ring<L> pos, neg;
  pos.init(p + 1);
  neg.init(p + 1);
  auto fp = [&](std::size_t i) { return pos[i]; };
  auto fn = [&](std::size_t i) { return neg[i]; };
  WindowSum<L> sp, sn;
  L prev = tp(0);
  L run = zero;
  for (std::size_t i = 1; i < n; ++i) {
    const L t = tp(i);
    const L flow = mfi_flow<L>(t, prev, in[3][i], pos[i], neg[i]);
    run = mfi_null_run<L>(run, flow, dp);
    prev = t;
    if (i < p) continue;
    if (i == p) {
      sp.init(p, fp, i + 1);
      sn.init(p, fn, i + 1);
    } else {
      sp.step(fp, i);
      sn.step(fn, i);
    }
    const auto empty = lgt(run, splat<L>(dp - 0.5));
    sp.sum = lsel(empty, zero, sp.sum);
    sn.sum = lsel(empty, zero, sn.sum);
    y.set(i, mfi_of<L>(sp.sum, sn.sum));
  }
}
HEAN_LANE_KERNELS(mfi)

}  // namespace

HEAN_DEF(mfi){
    "mfi", "Money flow index (volume-weighted RSI), 0..100", 4, {"high", "low", "close", "volume"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "number of money flows summed"}},
    1, {"mfi"}, mfi_lookback, mfi_s, mfi_v};

// Streaming: state n, prev (typical price), pos (ring slot of the oldest flows), sp, sn
// (the window sums), since (bars since their exact re-sum), run (bars in a row without
// money flow), out; the window is the positive flows' ring then the negative ones'. The
// kernel's terms, WindowSum schedule (a re-sum at the first value and every
// resum_every(period, 1024) bars) and empty-window rule. (hean before TA-Lib 0.8's rules
// had no `run`: such snapshots are refused, see src/stream/wasm.ts Mfi.)
namespace {
void mfi_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, prev, pos, sp, sn, since, run, out
  s[7] = kNaN;
  if (any_gap<4>(x)) {
    s[0] = s[2] = s[6] = 0;
    return;
  }
  const double t = (x[0] + x[1] + x[2]) / 3.0;
  const double i = s[0]++;
  const double prev = s[1];
  s[1] = t;
  if (i == 0) return;
  const std::size_t p = opt_size(c.o[0]);
  double pf, nf;
  const double flow = mfi_flow<double>(t, prev, x[3], pf, nf);
  s[6] = mfi_null_run<double>(s[6], flow, double(p));
  const std::size_t at = std::size_t(s[2]);
  const double old_p = c.w[at], old_n = c.w[p + at];
  c.put(at, pf);
  c.put(p + at, nf);
  const std::size_t next = at + 1 == p ? 0 : at + 1;
  s[2] = double(next);
  if (i < double(p)) return;
  if (i == double(p) || ++s[5] >= c.k[0]) {
    s[5] = 0;
    double a = 0.0, b = 0.0;
    for (std::size_t k = 0, j = next; k < p; ++k, j = j + 1 == p ? 0 : j + 1) a = a + c.w[j];
    for (std::size_t k = 0, j = next; k < p; ++k, j = j + 1 == p ? 0 : j + 1) b = b + c.w[p + j];
    s[3] = a;
    s[4] = b;
  } else {
    s[3] = s[3] + (pf - old_p);
    s[4] = s[4] + (nf - old_n);
  }
  if (s[6] > double(p) - 0.5) s[3] = s[4] = 0.0;
  s[7] = mfi_of<double>(s[3], s[4]);
}
}  // namespace

HEAN_STREAM(mfi){8, 7, [](const double* o) { return 2 * opt_size(o[0]); },
                 [](const double* o, double* k) { k[0] = double(resum_every(opt_size(o[0]), 1024)); },
                 clear_state<8>, mfi_stream_step};

}  // namespace hean
