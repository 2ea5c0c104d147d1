// Intraday momentum index (TA-Lib IMI): 100 * up / (up + down) over the last `period`
// bars, where a bar closing above its open adds close - open to `up` and any other bar
// adds open - close to `down`. Both sums are taken afresh over the window each bar, in
// TA-Lib's order (O(period) a bar, no drift: a sliding sum's residue would swamp a small
// window after a big bar); a window of bars that all close at their open (up + down exactly
// 0) gives 50, as TA-Lib 0.8.1 does.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"
#include "hean/scratch.hpp"

namespace hean {
namespace {

std::size_t imi_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

// A bar's up and down terms: close - open for a bar closing above its open, else open - close.
template <class L>
HEAN_INLINE void imi_terms(L a, L c, L& u, L& d) {
  const L zero = splat<L>(0.0);
  const auto rise = lgt(c, a);
  u = lsel(rise, c - a, zero);
  d = lsel(rise, zero, a - c);
}
// The index from the window's sums (TA-Lib: 50 when both are 0).
template <class L>
HEAN_INLINE L imi_of(L up, L down) {
  const L tot = up + down;
  return lsel(lne(tot, splat<L>(0.0)), (up / tot) * 100.0, splat<L>(50.0));
}

template <class L>
void imi_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>&op = in[0], &cl = in[1];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const L zero = splat<L>(0.0);
  if constexpr (std::is_same_v<L, double>) {
    // One series, a chunk at a time: the terms eight bars at once, then eight output bars
    // at once, each lane summing its own window oldest first (the scalar order, same bits).
    constexpr std::size_t kChunk = 1024;
    const std::size_t h = p - 1;  // older bars of a window
    // the terms of a window's h older bars and a chunk's (never more than the series)
    const std::size_t len = n < h + kChunk ? n : h + kChunk;
    const Scratch<double, 1024> buf(2 * len);
    double *const ub = buf.data(), *const db = buf.data() + len;
    auto terms = [&](std::size_t from, std::size_t count, std::size_t at) {
      const double* a = op.span(from, count);
      const double* c = cl.span(from, count);
      std::size_t k = 0;
      for (; k + 8 <= count; k += 8) {
        V8 u, d;
        imi_terms<V8>(bars8(a + k), bars8(c + k), u, d);
        put_bars8(ub + at + k, u);
        put_bars8(db + at + k, d);
      }
      for (; k < count; ++k) imi_terms<double>(a[k], c[k], ub[at + k], db[at + k]);
    };
    std::size_t m = 0;
    for (std::size_t t0 = h; t0 < n; t0 += m) {
      // ub[j] holds bar t0 - h + j.
      if (m == 0) {
        m = n - t0 < kChunk ? n - t0 : kChunk;
        terms(0, h + m, 0);
      } else {
        for (std::size_t j = 0; j < h; ++j) {
          ub[j] = ub[j + m];
          db[j] = db[j + m];
        }
        m = n - t0 < kChunk ? n - t0 : kChunk;
        terms(t0, m, h);
      }
      double* q = y.p + t0;
      std::size_t j = 0;
      for (; j + 8 <= m; j += 8) {
        V8 up = splat<V8>(0.0), down = up;
        for (std::size_t k = 0; k <= h; ++k) {
          up = up + bars8(ub + j + k);
          down = down + bars8(db + j + k);
        }
        put_bars8(q + j, imi_of<V8>(up, down));
      }
      for (; j < m; ++j) {
        double up = 0.0, down = 0.0;
        for (std::size_t k = 0; k <= h; ++k) {
          up = up + ub[j + k];
          down = down + db[j + k];
        }
        q[j] = imi_of<double>(up, down);
      }
    }
    return;
  }
  for (std::size_t t = p - 1; t < n; ++t) {
    L up = zero, down = zero;
    for (std::size_t i = t + 1 - p; i <= t; ++i) {
      L u, d;
      imi_terms<L>(op[i], cl[i], u, d);
      up = up + u;
      down = down + d;
    }
    y.set(t, imi_of<L>(up, down));
  }
}
HEAN_LANE_KERNELS(imi)

}  // namespace

HEAN_DEF(imi){
    "imi", "Intraday momentum index: 100 * up / (up + down) of close - open, 0..100", 2, {"open", "close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "window length"}},
    1, {"imi"}, imi_lookback, imi_s, imi_v};

// Streaming: state n, pos (ring slot of the next bar), out; the window holds the last
// `period` opens, then their closes. Both sums afresh each bar, oldest first, as the kernel.
namespace {
void imi_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  if (ring_stream_gap(c, any_gap<2>(x))) return;
  const std::size_t p = opt_size(c.o[0]);
  const std::size_t pos = std::size_t(s[1]);
  c.put(pos, x[0]);
  c.put(p + pos, x[1]);
  const std::size_t next = pos + 1 == p ? 0 : pos + 1;
  s[1] = double(next);
  if (++s[0] < double(p)) {
    s[2] = kNaN;
    return;
  }
  double up = 0.0, down = 0.0;
  for (std::size_t k = 0, j = next; k < p; ++k, j = j + 1 == p ? 0 : j + 1) {
    double u, d;
    imi_terms<double>(c.w[j], c.w[p + j], u, d);
    up = up + u;
    down = down + d;
  }
  s[2] = imi_of<double>(up, down);
}
}  // namespace

HEAN_STREAM(imi){3, 2, [](const double* o) { return 2 * opt_size(o[0]); }, nullptr, clear_state<3>, imi_stream_step};

}  // namespace hean
