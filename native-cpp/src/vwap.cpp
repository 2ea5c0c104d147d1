// Volume-weighted average price of the typical price (high + low + close) / 3:
// cumulative since the start of the run or of the session (period 0), or over the last
// `period` bars of the session. A session starts wherever the optional `session` input
// changes value (any numbers; they are exempt from the gap rule). Where the window holds
// no volume at all, the typical price of the bar stands in, so there are no NaNs after
// the warm-up.
#include "hean/kernel.hpp"

namespace hean {
namespace {

std::size_t vwap_lookback(const double* o, int) {
  const std::size_t p = opt_size(o[0]);
  return p > 0 ? p - 1 : 0;
}

template <class L>
void vwap_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  const std::size_t p = opt_size(o[0]);
  const Out<L>& y = out[0];
  const In<L>& vol = in[3];
  const bool has_s = in[4].p != nullptr;
  const L zero = splat<L>(0.0), one = splat<L>(1.0);
  auto tp = [&](std::size_t i) { return (in[0][i] + in[1][i] + in[2][i]) / 3.0; };
  auto changed = [&](std::size_t i) { return lne(in[4][i], in[4][i - 1]); };
  // The bar count with volume is exact, so "no volume in the window" is too.
  auto emit = [&](std::size_t i, L pv, L v, L cnt) {
    const auto ok = lgt(cnt, zero);
    y.set(i, lsel(ok, pv / lsel(ok, v, one), tp(i)));
  };
  if (p == 0) {
    L pv = zero, v = zero, cnt = zero;
    for (std::size_t i = 0; i < n; ++i) {
      if (has_s && i > 0) {
        const auto ch = changed(i);
        pv = lsel(ch, zero, pv);
        v = lsel(ch, zero, v);
        cnt = lsel(ch, zero, cnt);
      }
      const L vi = vol[i];
      pv = pv + tp(i) * vi;
      v = v + vi;
      cnt = cnt + lsel(lne(vi, zero), one, zero);
      emit(i, pv, v, cnt);
    }
    return;
  }
  if (n < p) return fill_nan(y, 0, n);
  fill_nan(y, 0, p - 1);
  // Rolling: bars before the session start (a lane value) are masked out of the window.
  L start = zero;
  if (has_s)
    for (std::size_t i = 1; i < p; ++i) start = lsel(changed(i), splat<L>(double(i)), start);
  auto before = [&](std::size_t j) { return llt(splat<L>(double(j)), start); };
  auto fpv = [&](std::size_t j) { return lsel(before(j), zero, tp(j) * vol[j]); };
  auto fv = [&](std::size_t j) { return lsel(before(j), zero, vol[j]); };
  auto fc = [&](std::size_t j) { return lsel(before(j), zero, lsel(lne(vol[j], zero), one, zero)); };
  WindowSum<L> spv, sv, sc;
  spv.init(p, fpv, p);
  sv.init(p, fv, p);
  sc.init(p, fc, p);
  emit(p - 1, spv.sum, sv.sum, sc.sum);
  for (std::size_t i = p; i < n; ++i) {
    if (has_s) {
      // A new session empties the window; the masks then keep older bars out.
      const auto ch = changed(i);
      start = lsel(ch, splat<L>(double(i)), start);
      spv.sum = lsel(ch, zero, spv.sum);
      sv.sum = lsel(ch, zero, sv.sum);
      sc.sum = lsel(ch, zero, sc.sum);
    }
    spv.step(fpv, i);
    sv.step(fv, i);
    sc.step(fc, i);
    emit(i, spv.sum, sv.sum, sc.sum);
  }
}
HEAN_LANE_KERNELS(vwap)

}  // namespace

HEAN_DEF(vwap){
    "vwap", "Volume-weighted average price (cumulative per session, or rolling)", 5,
    {"high", "low", "close", "volume", "session"}, 1,
    {OptDef{"period", 0, 0, kMaxPeriod, true, nullptr, "0: cumulative since the session start; > 0: rolling window in bars"}},
    1, {"vwap"}, vwap_lookback, vwap_s, vwap_v, 4, 1u << 4};

// Streaming: state n, ps (the previous bar's session id; NaN: none), pv, vs, cnt (sums of
// tp · volume, volume and bars with volume: cumulative, or the window's), pos (ring slot
// of the oldest bar), since, start0 (run index of the session start: older bars are masked
// out of the window), out; the window holds the rings of the three terms (rolling only).
// x[5] is the presence mask of the optional inputs (bit 0: the session id was given): a
// new session starts where a given id differs from the previous bar's.
namespace {
void vwap_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;
  const double h = x[0], l = x[1], cl = x[2], vol = x[3];
  const bool given = x[5] == 1.0;
  const double session = given ? x[4] : kNaN;
  const double ps = s[1];
  s[1] = session;
  if (!(h - h + (l - l) + (cl - cl) + (vol - vol) == 0)) {
    s[0] = s[2] = s[3] = s[4] = s[5] = s[7] = 0;
    s[8] = kNaN;
    return;
  }
  const double i = s[0]++;
  const bool changed = given && i > 0 && session != ps;
  const double tp = (h + l + cl) / 3.0;
  const std::size_t p = opt_size(c.o[0]);
  if (p == 0) {
    if (changed) s[2] = s[3] = s[4] = 0;
    s[2] = s[2] + tp * vol;
    s[3] = s[3] + vol;
    s[4] = s[4] + (vol != 0.0 ? 1.0 : 0.0);
    s[8] = s[4] > 0.0 ? s[2] / s[3] : tp;
    return;
  }
  // Rolling: a new session empties the window; bars before its start are masked out.
  if (changed) {
    s[7] = i;
    if (i >= double(p)) s[2] = s[3] = s[4] = 0;
  }
  const std::size_t at = std::size_t(s[5]);
  const bool gone = i - double(p) < s[7];  // the bar leaving the window is masked out
  const double opv = gone ? 0.0 : c.w[at], ov = gone ? 0.0 : c.w[p + at], oc = gone ? 0.0 : c.w[2 * p + at];
  const double pv = tp * vol, c1 = vol != 0.0 ? 1.0 : 0.0;
  c.put(at, pv);
  c.put(p + at, vol);
  c.put(2 * p + at, c1);
  const std::size_t next = at + 1 == p ? 0 : at + 1;
  s[5] = double(next);
  if (i < double(p - 1)) {
    s[8] = kNaN;
    return;
  }
  if (i == double(p - 1) || ++s[6] >= c.k[0]) {
    s[6] = 0;
    double a = 0.0, b = 0.0, d = 0.0, from = i - double(p) + 1;
    for (std::size_t k = 0, j = next; k < p; ++k, j = j + 1 == p ? 0 : j + 1, from += 1) {
      const bool m = from < s[7];
      a = a + (m ? 0.0 : c.w[j]);
      b = b + (m ? 0.0 : c.w[p + j]);
      d = d + (m ? 0.0 : c.w[2 * p + j]);
    }
    s[2] = a;
    s[3] = b;
    s[4] = d;
  } else {
    s[2] = s[2] + (pv - opv);
    s[3] = s[3] + (vol - ov);
    s[4] = s[4] + (c1 - oc);
  }
  s[8] = s[4] > 0.0 ? s[2] / s[3] : tp;
}
}  // namespace

HEAN_STREAM(vwap){9, 8, [](const double* o) { return 3 * opt_size(o[0]); },
                  [](const double* o, double* k) { k[0] = double(resum_every(opt_size(o[0]), 1024)); },
                  [](StreamCtx& c) {
                    clear_state<9>(c);
                    c.s[1] = kNaN;
                  },
                  vwap_stream_step};

}  // namespace hean
