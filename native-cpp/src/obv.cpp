// On-balance volume (TA-Lib OBV): starts at volume[0], then adds the bar's volume on an
// up close, subtracts it on a down close, and carries over on an unchanged close.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t obv_lookback(const double*, int) { return 0; }

// The bar's signed volume: +vol on an up close, -vol on a down close, else 0 (kernel and stream).
template <class L>
HEAN_INLINE L obv_term(L x, L px, L vol) {
  return lsel(lgt(x, px), vol, lsel(llt(x, px), -vol, splat<L>(0.0)));
}

template <class L>
void obv_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  const In<L>& c = in[0];
  const In<L>& v = in[1];
  const Out<L>& y = out[0];
  if (n == 0) return;
  L obv = v[0];
  y.set(0, obv);
  for (std::size_t i = 1; i < n; ++i) {
    const L x = c[i], px = c[i - 1], vol = v[i];
    obv = obv + obv_term<L>(x, px, vol);
    y.set(i, obv);
  }
}
HEAN_LANE_KERNELS(obv)

}  // namespace

HEAN_DEF(obv){
    "obv", "On-balance volume", 2, {"close", "volume"}, 0, {}, 1, {"obv"}, obv_lookback, obv_s, obv_v};

// Streaming: state n, prev (previous close), obv, out.
HEAN_STREAM(obv){4, 3, no_window, nullptr, clear_state<4>, [](StreamCtx& c, const double* x) {
                   double* s = c.s;
                   const double cl = x[0], vol = x[1];
                   if (is_gap(cl) || is_gap(vol)) {
                     s[0] = 0;
                     s[3] = kNaN;
                     return;
                   }
                   const double pc = s[1];
                   s[1] = cl;
                   s[3] = s[2] = s[0]++ == 0 ? vol : s[2] + obv_term<double>(cl, pc, vol);
                 }};

}  // namespace hean
