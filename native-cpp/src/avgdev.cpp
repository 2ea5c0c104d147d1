// Mean absolute deviation (TA-Lib AVGDEV): the mean over the window of |x - mean|, both
// sums taken afresh over the window each bar, newest first, as TA-Lib (O(period) a bar, no
// drift). One series runs 32 bars at once as SIMD lanes (8 in WASM), each lane in the
// scalar order (avgdev_block).
#include "hean/kernel.hpp"
#include "hean/bars8.hpp"

#include <cstring>

namespace hean {
namespace {

std::size_t avgdev_lookback(const double* o, int) { return opt_size(o[0]) - 1; }

#if defined(__wasm_simd128__)
// Two consecutive bars as the lanes of an f64x2 (lane l = q[l]), and back.
HEAN_INLINE VP bars2(const double* q) {
  VP v;
  std::memcpy(&v, q, sizeof v);
  return v;
}
HEAN_INLINE void put_bars2(double* q, VP v) { std::memcpy(q, &v, sizeof v); }
#endif

// 4W consecutive bars at once, W the lanes of B: bar q + Wj + l in lane l of accumulator j,
// each lane summing its own window (p bars back from its bar) newest first, the scalar
// order, so the same bits; the loads of window k are unaligned, four independent chains
// in flight. Load / Store: W consecutive doubles as a B, and back.
template <class B, B (*Load)(const double*), void (*Store)(double*, B)>
HEAN_INLINE void avgdev_block(const double* q, std::size_t p, double dp, double* r) {
  constexpr std::size_t w = sizeof(B) / sizeof(double);
  B s[4], d[4], m[4];
  for (int j = 0; j < 4; ++j) s[j] = B{};
  for (std::size_t k = 0; k < p; ++k)
    for (int j = 0; j < 4; ++j) s[j] = s[j] + Load(q + w * j - k);
  for (int j = 0; j < 4; ++j) {
    m[j] = s[j] / dp;
    d[j] = B{};
  }
  for (std::size_t k = 0; k < p; ++k)
    for (int j = 0; j < 4; ++j) d[j] = d[j] + lfabs(Load(q + w * j - k) - m[j]);
  for (int j = 0; j < 4; ++j) Store(r + w * j, d[j] / dp);
}

template <class L>
void avgdev_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  const double dp = double(p);
  std::size_t t = p - 1;
  if constexpr (std::is_same_v<L, double>) {
#if defined(__wasm_simd128__)
    // WebAssembly: 8 bars at once as four f64x2. 32 bars as four V8 (16 f64x2 accumulators
    // and 16 means) are more vectors than V8 (the engine) keeps in x64's 16 registers: its
    // spills made it 6.67 ns/bar against 4.32 for this form (the kernel alone, 14 bars).
    using Block = VP;
    constexpr auto block = avgdev_block<VP, bars2, put_bars2>;
#else
    using Block = V8;
    constexpr auto block = avgdev_block<V8, bars8, put_bars8>;
#endif
    constexpr std::size_t kBars = 4 * sizeof(Block) / sizeof(double);
    for (; t + kBars <= n; t += kBars) block(x.span(t - (p - 1), p - 1 + kBars) + (p - 1), p, dp, y.p + t);
  }
  for (; t < n; ++t) {
    L s = splat<L>(0.0);
    for (std::size_t k = 0; k < p; ++k) s = s + x[t - k];
    const L mean = s / dp;
    L d = splat<L>(0.0);
    for (std::size_t k = 0; k < p; ++k) d = d + lfabs(x[t - k] - mean);
    y.set(t, d / dp);
  }
}
HEAN_LANE_KERNELS(avgdev)

}  // namespace

HEAN_DEF(avgdev){
    "avgdev", "Mean absolute deviation from the window mean", 1, {"close"}, 1,
    {OptDef{"period", 14, 2, kMaxPeriod, true, nullptr, "window length"}},
    1, {"avgdev"}, avgdev_lookback, avgdev_s, avgdev_v};

// Streaming: state n, pos (ring slot of the next value), out; the window is the ring of
// the last `period` values. Both sums afresh each bar, newest first, as the kernel.
namespace {
void avgdev_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double v = x[0];
  if (ring_stream_gap(c, is_gap(v))) return;
  const std::size_t p = opt_size(c.o[0]);
  const std::size_t pos = std::size_t(s[1]);  // the newest value's slot
  ring_put(c, 0, p, s[1], v);
  if (++s[0] < double(p)) {
    s[2] = kNaN;
    return;
  }
  const double dp = double(p);
  double sum = 0.0;
  for (std::size_t k = 0, j = pos; k < p; ++k, j = j == 0 ? p - 1 : j - 1) sum = sum + c.w[j];
  const double mean = sum / dp;
  double d = 0.0;
  for (std::size_t k = 0, j = pos; k < p; ++k, j = j == 0 ? p - 1 : j - 1) d = d + lfabs(c.w[j] - mean);
  s[2] = d / dp;
}
}  // namespace

HEAN_STREAM(avgdev){3, 2, period_window, nullptr, clear_state<3>, avgdev_stream_step};

}  // namespace hean
