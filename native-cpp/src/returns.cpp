// Returns over `period` bars: simple close / close[i-period] - 1, or log
// ln(close / close[i-period]). The log kind uses llog (kernel.hpp: IEEE-exact operations
// only, so the streaming Returns gets the same bits): ln of the ratio, one call a bar.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t returns_lookback(const double* o, int) { return opt_size(o[0]); }

// The bar's value from the close and the one `period` bars back (kernel and stream).
template <class L>
HEAN_INLINE L simple_return(L x, L prev) {
  return x / prev - 1.0;
}
template <class L>
HEAN_INLINE L log_return(L x, L prev) {
  return llog(x / prev);
}

template <class L>
void returns_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const bool log_kind = o[1] == 1;
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p);
  if constexpr (std::is_same_v<L, double>) {
    // One series: eight bars at once from spans (the per-read gap check of x[i] kept the
    // loop scalar, ~2x the reads' time); the same operations per bar, so the same bits.
    const auto spans = [&](std::size_t i0, std::size_t m, const double** xs) {
      xs[0] = x.span(p + i0, m);
      xs[1] = x.span(i0, m);
    };
    const Out<double> yp{y.p + p, y.stride};
    if (log_kind) return pointwise_spans<2>(n - p, yp, spans, [](auto a, auto b) { return log_return<decltype(a)>(a, b); });
    return pointwise_spans<2>(n - p, yp, spans, [](auto a, auto b) { return simple_return<decltype(a)>(a, b); });
  }
  if (log_kind) {
    for (std::size_t i = p; i < n; ++i) y.set(i, log_return<L>(x[i], x[i - p]));
  } else {
    for (std::size_t i = p; i < n; ++i) y.set(i, simple_return<L>(x[i], x[i - p]));
  }
}
HEAN_LANE_KERNELS(returns)

}  // namespace

HEAN_DEF(returns){
    "returns", "Simple or log returns over `period` bars", 1, {"close"}, 2,
    {HEAN_PERIOD("period", 1, "bars back"),
     OptDef{"kind", 0, 0, 1, true, "simple|log", "'simple': close/prev - 1; 'log': ln(close/prev)"}},
    1, {"returns"}, returns_lookback, returns_s, returns_v};

// Streaming: state n, pos, out (lagged_stream_step, as mom and roc).
HEAN_STREAM(returns){3, 2, period_window, nullptr, clear_state<3>, [](StreamCtx& c, const double* x) {
                       if (c.o[1] == 1) lagged_stream_step<log_return<double>>(c, x);
                       else lagged_stream_step<simple_return<double>>(c, x);
                     }};

}  // namespace hean
