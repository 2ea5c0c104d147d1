// Hull moving average (Alan Hull): WMA(2*WMA(x, floor(p/2)) - WMA(x, p), floor(sqrt(p))).
// The three WMAs are TA-Lib-style running weighted sums; the inner difference series is
// kept in a ring of floor(sqrt(p)) + 1 values. First value at (p-1) + (floor(sqrt(p))-1).
#include <vector>

#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t isqrt(std::size_t p) {
  std::size_t q = static_cast<std::size_t>(std::sqrt(double(p)));
  while (q * q > p) --q;
  while ((q + 1) * (q + 1) <= p) ++q;
  return q;
}

std::size_t hma_lookback(const double* o, int) {
  const std::size_t p = opt_size(o[0]);
  return (p - 1) + (isqrt(p) - 1);
}

// The inner difference 2*WMA(h) - WMA(p) from the two weighted sums: the one source for the
// lane loop, the chunked path (eight bars at once) and the stream step.
template <class L>
HEAN_INLINE L hma_diff(L wh, L wp, double div_h, double div_p) {
  return (wh / div_h) * 2.0 - wp / div_p;
}

// The inner WMAs over `na` closes (x, p of history before x[0]) and, alongside, the outer
// one over `nb` differences (r, q of history before r[0]) of the chunk before: three
// independent chains in one loop. Out of line with the windows in locals, so the sums stay
// in registers. The chains leave the memory idle: closes ahead (of the `avail` bars from
// x[0]) and the lines of `yo`, the output the outer sums of this call go to, are prefetched.
[[gnu::noinline]] void hma_chains(WindowWeightedSum<double>& wh, WindowWeightedSum<double>& wp,
                                  WindowWeightedSum<double>& wq, const double* x, std::size_t na, double* sh,
                                  double* sp, const double* r, std::size_t nb, double* sq, std::size_t avail,
                                  double* yo) {
  WindowWeightedSum<double> a = wh, b = wp, c = wq;
  const std::size_t p = b.p, q = c.p;
  // The histories start a window back; x (r) is null when na (nb) is 0, and is then not
  // offset at all (pointer arithmetic on null is undefined).
  const double* xh = na ? x - a.p : nullptr;
  const double* xp = na ? x - p : nullptr;
  const double* rq = nb ? r - q : nullptr;
  const std::size_t n = na < nb ? na : nb;
  std::size_t j = 0;
  while (j < n) {
    // e: the first bar whose step re-sums a window; the bars before it only slide, with
    // the sums in locals and no re-sum count or branch per bar (as ChunkSums): the loop's
    // bound was its instructions, not the chains (one-add chains changed nothing). 1M bars,
    // min CPU ns/bar over 9 processes, AVX2, load 7: 3.89 with step_at per bar, 3.52.
    std::size_t e = n;
    for (const WindowWeightedSum<double>* w : {&a, &b, &c}) {
      const std::size_t d = j + w->slides_left();
      e = d < e ? d : e;
    }
    using W = WindowWeightedSum<double>;
    double s0 = a.sum, w0 = a.wsum, s1 = b.sum, w1 = b.wsum, s2 = c.sum, w2 = c.wsum;
    for (std::size_t k = j; k < e; ++k) {
      if (!(k & 7)) {
        prefetch_ahead(x, k, avail);
        prefetch_out(yo + k);
      }
      W::slide(s0, w0, x[k], xh[k], a.dp);
      W::slide(s1, w1, x[k], xp[k], b.dp);
      W::slide(s2, w2, r[k], rq[k], c.dp);
      sh[k] = w0;
      sp[k] = w1;
      sq[k] = w2;
    }
    a.sum = s0, a.wsum = w0, b.sum = s1, b.wsum = w1, c.sum = s2, c.wsum = w2;
    a.slid(e - j), b.slid(e - j), c.slid(e - j);
    if (e == n) {
      j = n;
      break;
    }
    // Bar e: the steps (the windows due re-sum, the others slide).
    sh[e] = a.step_at(xh, e + a.p);
    sp[e] = b.step_at(xp, e + p);
    sq[e] = c.step_at(rq, e + q);
    j = e + 1;
  }
  for (; j < na; ++j) {
    sh[j] = a.step_at(xh, j + a.p);
    sp[j] = b.step_at(xp, j + p);
  }
  for (; j < nb; ++j) sq[j] = c.step_at(rq, j + q);
  wh = a;
  wp = b;
  wq = c;
}

template <class L>
void hma_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]), h = p / 2, q = isqrt(p);
  const std::size_t lb = (p - 1) + (q - 1);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  const double div_h = double(h * (h + 1) / 2), div_p = double(p * (p + 1) / 2), div_q = double(q * (q + 1) / 2);
  auto fx = [&](std::size_t i) { return x[i]; };
  WindowWeightedSum<L> wh, wp, wq;
  wh.init(h, fx, p);
  wp.init(p, fx, p);
  Ring<L> r;
  r.init(q + 1);
  auto diff = [&]() { return hma_diff<L>(wh.wsum, wp.wsum, div_h, div_p); };
  r[p - 1] = diff();
  for (std::size_t i = p; i <= lb; ++i) {
    wh.step(fx, i);
    wp.step(fx, i);
    r[i] = diff();
  }
  auto fr = [&](std::size_t i) { return r[i]; };
  wq.init(q, fr, lb + 1);
  y.set(lb, wq.wsum / div_q);
  if constexpr (std::is_same_v<L, double>) {
    // One series, a chunk at a time: the inner weighted sums' chains for chunk c run in one
    // loop with the outer one's for chunk c - 1 (whose differences came eight bars at a
    // time after its own inner pass); the divisions go eight bars at once. The
    // WindowWeightedSum steps and re-sum schedules of the loop below, so the same bits.
    constexpr std::size_t kChunk = 512;
    std::vector<double> sh(kChunk), sp(kChunk), sq(kChunk);
    std::vector<double> rb[2] = {std::vector<double>(q + kChunk), std::vector<double>(q + kChunk)};
    for (std::size_t j = 0; j < q; ++j) rb[1][kChunk + j] = r[lb + 1 - q + j];  // as if chunk "-1" ended at lb
    std::size_t prev_a = 0, prev_m = 0;  // the chunk whose outer pass is pending
    int cur = 0;
    for (std::size_t a = lb + 1;; ) {
      const std::size_t m = a < n ? (n - a < kChunk ? n - a : kChunk) : 0;
      const double* xs = m ? x.span(a - p, m + p) + p : nullptr;  // xs[j]: close of bar a + j
      std::vector<double>& rc = rb[cur];        // this chunk's differences after q of history
      std::vector<double>& rp = rb[cur ^ 1];    // the pending chunk's
      hma_chains(wh, wp, wq, xs, m, sh.data(), sp.data(), rp.data() + q, prev_m, sq.data(), n - a, y.p + prev_a);
      if (prev_m) {
        double* out = y.p + prev_a;
        std::size_t j = 0;
        for (; j + 8 <= prev_m; j += 8) put_bars8(out + j, bars8(sq.data() + j) / div_q);
        for (; j < prev_m; ++j) out[j] = sq[j] / div_q;
      }
      if (!m) break;
      // History: the q differences before bar a (the end of the previous chunk's buffer).
      const std::size_t pe = prev_m ? prev_m : kChunk;
      for (std::size_t j = 0; j < q; ++j) rc[j] = rp[pe + j];
      double* rq = rc.data() + q;
      std::size_t j = 0;
      for (; j + 8 <= m; j += 8)
        put_bars8(rq + j, hma_diff<V8>(bars8(sh.data() + j), bars8(sp.data() + j), div_h, div_p));
      for (; j < m; ++j) rq[j] = hma_diff<double>(sh[j], sp[j], div_h, div_p);
      prev_a = a;
      prev_m = m;
      cur ^= 1;
      a += m;
    }
    return;
  }
  for (std::size_t i = lb + 1; i < n; ++i) {
    wh.step(fx, i);
    wp.step(fx, i);
    r[i] = diff();
    wq.step(fr, i);
    y.set(i, wq.wsum / div_q);
  }
}
HEAN_LANE_KERNELS(hma)

}  // namespace

HEAN_DEF(hma){
    "hma", "Hull moving average", 1, {"close"}, 1,
    {OptDef{"period", 20, 2, kMaxPeriod, true, nullptr, "window length (>= 2); inner WMAs of period/2 and period"}},
    1, {"hma"}, hma_lookback, hma_s, hma_v};

// Streaming: state n, hot (bars before the next exact re-sum of any of the three weighted
// sums), pos (close ring, slots 0 .. p-1: the oldest), sumH, wsumH, sumP, wsumP (the inner
// WindowWeightedSums), rpos (ring of the inner differences, slots p .. p+q-1), sumQ, wsumQ
// (the outer one), out; the kernel's WindowWeightedSum steps and re-sum schedules (the inner
// windows from index p-1, the outer from the lookback). Constants: h, q, the three divisors
// and re-sum periods, the lookback.
namespace {
// Plain and weighted sums (weights 1..count) of `count` ring values from slot `first` on,
// oldest first, as WindowWeightedSum::resum.
HEAN_INLINE void ring_wsums(const double* w, std::size_t cap, std::size_t first, std::size_t count, double& sum,
                            double& wsum) {
  double a = 0.0, b = 0.0, k = 1.0;
  for (std::size_t c = 0, j = first; c < count; ++c, k += 1.0, j = j + 1 == cap ? 0 : j + 1) {
    const double v = w[j];
    a = a + v;
    b = b + v * k;
  }
  sum = a;
  wsum = b;
}
void hma_constants(const double* o, double* k) {
  const std::size_t p = opt_size(o[0]), h = p / 2, q = isqrt(p);
  k[0] = double(h), k[1] = double(q);
  k[2] = double(h * (h + 1) / 2), k[3] = double(p * (p + 1) / 2), k[4] = double(q * (q + 1) / 2);
  k[5] = double(resum_every(h, 1024)), k[6] = double(resum_every(p, 1024)), k[7] = double(resum_every(q, 1024));
  k[8] = double(hma_lookback(o, 0));
}
void hma_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, hot, pos, sumH, wsumH, sumP, wsumP, rpos, sumQ, wsumQ, out
  const double* k = c.k;
  const double v = x[0];
  if (s[1] > 0 && !is_gap(v)) {
    // Warmed up and no re-sum due: the three WindowWeightedSum steps (what the general
    // path below does for such a bar, without its bookkeeping).
    s[1] -= 1;
    s[0] += 1;
    const std::size_t p = opt_size(c.o[0]), h = std::size_t(k[0]), q = std::size_t(k[1]);
    double* w = c.w;
    const std::size_t pos = std::size_t(s[2]);
    std::size_t hp = pos + p - h;
    if (hp >= p) hp -= p;
    const double old_p = w[pos], old_h = w[hp];
    c.put(pos, v);
    s[2] = pos + 1 == p ? 0 : double(pos + 1);
    WindowWeightedSum<double>::slide(s[3], s[4], v, old_h, k[0]);
    WindowWeightedSum<double>::slide(s[5], s[6], v, old_p, double(p));
    const double d = hma_diff<double>(s[4], s[6], k[2], k[3]);
    const std::size_t rpos = std::size_t(s[7]);
    const double old_r = w[p + rpos];
    c.put(p + rpos, d);
    s[7] = rpos + 1 == q ? 0 : double(rpos + 1);
    WindowWeightedSum<double>::slide(s[8], s[9], d, old_r, k[1]);
    s[10] = s[9] / k[4];
    return;
  }
  s[1] = 0;
  s[10] = kNaN;
  if (is_gap(v)) {
    s[0] = s[2] = s[7] = 0;
    return;
  }
  const std::size_t p = opt_size(c.o[0]), h = std::size_t(k[0]), q = std::size_t(k[1]);
  double* w = c.w;
  const double i = s[0]++;
  // Before the write, slot pos holds x[i-p] and slot pos+p-h holds x[i-h].
  const std::size_t pos = std::size_t(s[2]);
  std::size_t hp = pos + p - h;
  if (hp >= p) hp -= p;
  const double old_p = w[pos], old_h = w[hp];
  c.put(pos, v);
  const std::size_t next = pos + 1 == p ? 0 : pos + 1;
  s[2] = double(next);
  if (i < double(p - 1)) return;
  const double dp = double(p), dh = k[0], dq = k[1];
  // Both inner windows start at index p-1.
  const double since_h = std::fmod(i - double(p - 1), k[5]);
  if (since_h == 0) {
    std::size_t o = next + p - h;
    if (o >= p) o -= p;
    ring_wsums(w, p, o, h, s[3], s[4]);
  } else {
    WindowWeightedSum<double>::slide(s[3], s[4], v, old_h, dh);
  }
  const double since_p = std::fmod(i - double(p - 1), k[6]);
  if (since_p == 0) {
    ring_wsums(w, p, next, p, s[5], s[6]);
  } else {
    WindowWeightedSum<double>::slide(s[5], s[6], v, old_p, dp);
  }
  const double d = hma_diff<double>(s[4], s[6], k[2], k[3]);
  const std::size_t rpos = std::size_t(s[7]);
  const double old_r = w[p + rpos];
  c.put(p + rpos, d);
  const std::size_t rnext = rpos + 1 == q ? 0 : rpos + 1;
  s[7] = double(rnext);
  if (i < k[8]) return;
  // The outer window starts at the lookback.
  const double since_q = std::fmod(i - k[8], k[7]);
  if (since_q == 0) {
    ring_wsums(w + p, q, rnext, q, s[8], s[9]);
  } else {
    WindowWeightedSum<double>::slide(s[8], s[9], d, old_r, dq);
  }
  s[10] = s[9] / k[4];
  s[1] = lmin(lmin(k[5] - 1 - since_h, k[6] - 1 - since_p), k[7] - 1 - since_q);
}
}  // namespace

HEAN_STREAM(hma){11, 10, [](const double* o) { return opt_size(o[0]) + isqrt(opt_size(o[0])); }, hma_constants,
                 clear_state<11>, hma_stream_step};

}  // namespace hean
