// Ultimate oscillator (TA-Lib ULTOSC, Williams): with buying pressure
// bp = close - min(low, prevClose) and the true range tr, the ratios sum(bp)/sum(tr) over
// the three periods (sorted ascending, as TA-Lib does) are weighted 4:2:1;
// 100 * (4*r1 + 2*r2 + r3) / 7, a ratio whose TR sum is ~0 counting as 0.
#include <algorithm>

#include "hean/bars8.hpp"
#include "hean/chunk_sums.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

void ultosc_periods(const double* o, std::size_t p[3]) {
  p[0] = opt_size(o[0]);
  p[1] = opt_size(o[1]);
  p[2] = opt_size(o[2]);
  std::sort(p, p + 3);
}

std::size_t ultosc_lookback(const double* o, int) {
  std::size_t p[3];
  ultosc_periods(o, p);
  return p[2];
}

// The oscillator from the three buying-pressure sums a and true-range sums b (shortest
// first), the one weighting of the chunked path (eight bars at once), the lane loop and
// the stream step. TA-Lib 0.8 adds 0 for an exactly-0 TR sum; the last term has weight 1
// (no multiply).
template <class L>
HEAN_INLINE L ultosc_of(L a0, L a1, L a2, L b0, L b1, L b2) {
  L acc = splat<L>(0.0);
  acc = acc + div_nz<L>(a0, b0, 0.0) * 4.0;
  acc = acc + div_nz<L>(a1, b1, 0.0) * 2.0;
  acc = acc + div_nz<L>(a2, b2, 0.0);
  return (acc / 7.0) * 100.0;
}

template <class L>
void ultosc_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  std::size_t p[3];
  ultosc_periods(o, p);
  const std::size_t lb = p[2];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  if constexpr (std::is_same_v<L, double>) {
    // One series, a chunk at a time: the terms eight bars at once, the six window sums
    // (ChunkSums: WindowSum's operations), then the ratios eight bars at once. The same
    // operations per bar as below, so the same bits.
    const std::size_t w[6] = {p[0], p[1], p[2], p[0], p[1], p[2]}, src[6] = {0, 0, 0, 1, 1, 1};
    ChunkSums<2, 6> cs;
    cs.init(w, src, lb);
    double* bp = cs.term(0) - lb;  // bars 0 .. lb - 1 of the first chunk (bar 0 has no term)
    double* tr = cs.term(1) - lb;
    for (std::size_t i = 1; i < lb; ++i) {
      bp[i] = in[2][i] - lmin(in[1][i], in[2][i - 1]);
      tr[i] = true_range<double>(in, i);
    }
    for (std::size_t m; (m = cs.begin(n)) > 0;) {
      const std::size_t i0 = cs.i0;
      const double* h = in[0].span(i0, m);
      const double* l = in[1].span(i0, m);
      const double* c = in[2].span(i0, m);
      const double* pc = in[2].span(i0 - 1, m);
      double* bq = cs.term(0);
      double* tq = cs.term(1);
      std::size_t k = 0;
      for (; k + 8 <= m; k += 8) {
        const V8 cc = bars8(c + k), ll = bars8(l + k), pp = bars8(pc + k);
        put_bars8(bq + k, cc - lmin(ll, pp));
        put_bars8(tq + k, true_range_of<V8>(bars8(h + k), ll, pp));
      }
      for (; k < m; ++k) {
        bq[k] = c[k] - lmin(l[k], pc[k]);
        tq[k] = true_range_of<double>(h[k], l[k], pc[k]);
      }
      // The oscillator eight bars at once as the sums come, a group behind the add chains
      // (run's done): its divisions overlap the chains, and no sum is loaded while its
      // store is in flight. Ordinary stores: put_done's non-temporal ones (as mfi's) and
      // its line-aligned ranges measured slower here (1M bars AVX-512, CPU A/B 0.94x).
      // AVX2 and AVX-512 only: with SSE2's 16 registers the interleaved code ran 0.84x,
      // so there (and in WebAssembly) the ratios wait for the chunk's chains (done(m)).
      // At every level each group also prefetches its bars' inputs kPrefetchAhead bars
      // on, so the driver's gap scan (which reads the block past each span) finds them in
      // cache: the chains leave the memory idle (1M bars CPU A/B vs no prefetch, 9 rounds:
      // AVX-512 1.22x, AVX2 1.29x).
      constexpr std::size_t kGroup = 16;
      constexpr bool kLagged = HEAN_ISA >= 2;
      double* q = y.p + i0;
      const double *a0 = cs.sum(0), *a1 = cs.sum(1), *a2 = cs.sum(2);
      const double *b0 = cs.sum(3), *b1 = cs.sum(4), *b2 = cs.sum(5);
      std::size_t r = 0;   // the chunk's bars before r are out
      std::size_t pf = 0;  // the chunk's bars before pf have had their inputs prefetched
      cs.template run<kGroup>(nullptr, [&](std::size_t done) {
        for (; pf + 8 <= done; pf += 8)
          for (int t = 0; t < 3; ++t) prefetch_ahead(in[t].p, i0 + pf, n);
        const std::size_t lim = done == m ? m : kLagged && done > kGroup ? done - kGroup : 0;
        for (; r + 8 <= lim; r += 8)
          put_bars8(q + r, ultosc_of<V8>(bars8(a0 + r), bars8(a1 + r), bars8(a2 + r), bars8(b0 + r), bars8(b1 + r), bars8(b2 + r)));
        if (done == m)
          for (; r < m; ++r) q[r] = ultosc_of<double>(a0[r], a1[r], a2[r], b0[r], b1[r], b2[r]);
      });
    }
    return;
  }
  Ring<L> bp, tr;
  bp.init(lb + 1);
  tr.init(lb + 1);
  auto fa = [&](std::size_t i) { return bp[i]; };
  auto fb = [&](std::size_t i) { return tr[i]; };
  WindowSum<L> a[3], b[3];
  for (std::size_t i = 1; i < n; ++i) {
    bp[i] = in[2][i] - lmin(in[1][i], in[2][i - 1]);
    tr[i] = true_range<L>(in, i);
    if (i < lb) continue;
    for (int k = 0; k < 3; ++k) {
      if (i == lb) {
        a[k].init(p[k], fa, i + 1);
        b[k].init(p[k], fb, i + 1);
      } else {
        a[k].step(fa, i);
        b[k].step(fb, i);
      }
    }
    y.set(i, ultosc_of<L>(a[0].sum, a[1].sum, a[2].sum, b[0].sum, b[1].sum, b[2].sum));
  }
}
HEAN_LANE_KERNELS(ultosc)

}  // namespace

HEAN_DEF(ultosc){
    "ultosc", "Ultimate oscillator (Williams), 0..100", 3, {"high", "low", "close"}, 3,
    {HEAN_PERIOD("period1", 7, "shortest window (weight 4); the three periods are sorted, as in TA-Lib"),
     HEAN_PERIOD("period2", 14, "middle window (weight 2)"),
     HEAN_PERIOD("period3", 28, "longest window (weight 1)")},
    1, {"ultosc"}, ultosc_lookback, ultosc_s, ultosc_v};

// Streaming: state n, pc (previous close), then {since, bp sum, tr sum} for each of the
// three (sorted) periods, out; the window holds rings of the last p3 + 1 buying pressures
// and true ranges, by run index. The kernel's terms, WindowSums (init at bar p3, then
// sum + (new - old), re-summed every resum_every(p, 1024) steps) and weighting.
// Constants: the sorted periods, their re-sum intervals.
namespace {
void ultosc_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = x[1], cl = x[2];
  if (!(h - h + (l - l) + (cl - cl) == 0)) {
    s[0] = 0;
    s[11] = kNaN;
    return;
  }
  const std::size_t lb = std::size_t(c.k[2]), cap = lb + 1;
  const std::size_t i = std::size_t(s[0]++);
  const double pc = s[1];
  s[1] = cl;
  s[11] = kNaN;
  if (i == 0) return;
  const double bp = cl - lmin(l, pc), tr = true_range_of<double>(h, l, pc);
  const std::size_t at = i % cap;
  c.put(at, bp);
  c.put(cap + at, tr);
  if (i < lb) return;
  for (int k = 0; k < 3; ++k) {
    const std::size_t q = std::size_t(c.k[k]);
    double* st = s + 2 + 3 * k;
    if (i == lb || ++st[0] >= c.k[3 + k]) {
      st[0] = 0;
      double a = 0.0, b = 0.0;
      for (std::size_t j = i + 1 - q; j <= i; ++j) {
        a = a + c.w[j % cap];
        b = b + c.w[cap + j % cap];
      }
      st[1] = a;
      st[2] = b;
    } else {
      const std::size_t old = (i - q) % cap;
      st[1] = st[1] + (bp - c.w[old]);
      st[2] = st[2] + (tr - c.w[cap + old]);
    }
  }
  s[11] = ultosc_of<double>(s[3], s[6], s[9], s[4], s[7], s[10]);
}
}  // namespace

HEAN_STREAM(ultosc){12, 11,
                    [](const double* o) {
                      std::size_t p[3];
                      ultosc_periods(o, p);
                      return 2 * (p[2] + 1);
                    },
                    [](const double* o, double* k) {
                      std::size_t p[3];
                      ultosc_periods(o, p);
                      for (int j = 0; j < 3; ++j) {
                        k[j] = double(p[j]);
                        k[3 + j] = double(resum_every(p[j], 1024));
                      }
                    },
                    clear_state<12>, ultosc_stream_step};

}  // namespace hean
