// Price transforms (TA-Lib AVGPRICE, MEDPRICE, TYPPRICE, WCLPRICE): one bar's prices
// averaged, in TA-Lib's order of operations. No warm-up.
#include "hean/bars8.hpp"
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t price_lookback(const double*, int) { return 0; }

// The bars' values (kernels and streams), inputs in each indicator's input order.
template <class L>
HEAN_INLINE L avgprice_of(L o, L h, L l, L c) {
  return (h + l + c + o) / 4.0;
}
template <class L>
HEAN_INLINE L medprice_of(L h, L l) {
  return (h + l) / 2.0;
}
template <class L>
HEAN_INLINE L typprice_of(L h, L l, L c) {
  return (h + l + c) / 3.0;
}
template <class L>
HEAN_INLINE L wclprice_of(L h, L l, L c) {
  return (h + l + c * 2.0) / 4.0;
}
double avgprice_bar(const double* x) { return avgprice_of<double>(x[0], x[1], x[2], x[3]); }
double medprice_bar(const double* x) { return medprice_of<double>(x[0], x[1]); }
double typprice_bar(const double* x) { return typprice_of<double>(x[0], x[1], x[2]); }
double wclprice_bar(const double* x) { return wclprice_of<double>(x[0], x[1], x[2]); }

template <class L>
void avgprice_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  if constexpr (std::is_same_v<L, double>)
    return pointwise_series<4>(in, n, out[0], [](auto o, auto h, auto l, auto c) { return avgprice_of<decltype(o)>(o, h, l, c); });
  pointwise_kernel<L>(n, out[0], [&](std::size_t i) { return avgprice_of<L>(in[0][i], in[1][i], in[2][i], in[3][i]); });
}
template <class L>
void medprice_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  if constexpr (std::is_same_v<L, double>)
    return pointwise_series<2>(in, n, out[0], [](auto h, auto l) { return medprice_of<decltype(h)>(h, l); });
  pointwise_kernel<L>(n, out[0], [&](std::size_t i) { return medprice_of<L>(in[0][i], in[1][i]); });
}
template <class L>
void typprice_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  if constexpr (std::is_same_v<L, double>)
    return pointwise_series<3>(in, n, out[0], [](auto h, auto l, auto c) { return typprice_of<decltype(h)>(h, l, c); });
  pointwise_kernel<L>(n, out[0], [&](std::size_t i) { return typprice_of<L>(in[0][i], in[1][i], in[2][i]); });
}
template <class L>
void wclprice_kernel(const In<L>* in, std::size_t n, const double*, const Out<L>* out) {
  if constexpr (std::is_same_v<L, double>)
    return pointwise_series<3>(in, n, out[0], [](auto h, auto l, auto c) { return wclprice_of<decltype(h)>(h, l, c); });
  pointwise_kernel<L>(n, out[0], [&](std::size_t i) { return wclprice_of<L>(in[0][i], in[1][i], in[2][i]); });
}
HEAN_LANE_KERNELS(avgprice)
HEAN_LANE_KERNELS(medprice)
HEAN_LANE_KERNELS(typprice)
HEAN_LANE_KERNELS(wclprice)

}  // namespace

HEAN_DEF(avgprice) = pointwise_def({
    "avgprice", "Average price: (open + high + low + close) / 4", 4, {"open", "high", "low", "close"}, 0, {},
    1, {"avgprice"}, price_lookback, avgprice_s, avgprice_v});
HEAN_DEF(medprice) = pointwise_def({
    "medprice", "Median price: (high + low) / 2", 2, {"high", "low"}, 0, {},
    1, {"medprice"}, price_lookback, medprice_s, medprice_v});
HEAN_DEF(typprice) = pointwise_def({
    "typprice", "Typical price: (high + low + close) / 3", 3, {"high", "low", "close"}, 0, {},
    1, {"typprice"}, price_lookback, typprice_s, typprice_v});
HEAN_DEF(wclprice) = pointwise_def({
    "wclprice", "Weighted close price: (high + low + 2 * close) / 4", 3, {"high", "low", "close"}, 0, {},
    1, {"wclprice"}, price_lookback, wclprice_s, wclprice_v});

HEAN_STREAM(avgprice){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<4, avgprice_bar>};
HEAN_STREAM(medprice){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<2, medprice_bar>};
HEAN_STREAM(typprice){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<3, typprice_bar>};
HEAN_STREAM(wclprice){1, 0, no_window, nullptr, clear_state<1>, pointwise_stream_step<3, wclprice_bar>};

}  // namespace hean
