// Percentage price oscillator (TA-Lib PPO): 100 * (fastMA - slowMA) / slowMA, 0 where the
// slow MA is TA-Lib-zero. maType: any TA-Lib MA type (sma, TA-Lib's default). Unlike MACD, TA-Lib's PPO
// (called from index 0, as every wrapper does) seeds each EMA with the SMA of its own first
// `period` closes, so the fast EMA is already running at slow-1; we do the same. fast > slow
// is swapped, as TA-Lib does.
#include <utility>

#include "hean/ma.hpp"

namespace hean {
namespace {

void ppo_periods(const double* o, std::size_t& fast, std::size_t& slow) {
  fast = opt_size(o[0]);
  slow = opt_size(o[1]);
  if (slow < fast) std::swap(fast, slow);
}

std::size_t ppo_lookback(const double* o, int) {
  std::size_t f, s;
  ppo_periods(o, f, s);
  return ma_lookback(int(o[2]), s);
}

template <class L>
void ppo_kernel(const In<L>* in, std::size_t n, const double* o, const Out<L>* out) {
  std::size_t fp, sp;
  ppo_periods(o, fp, sp);
  const int type = int(o[2]);
  // The other types: TA_INT_PO over the MA dispatch (hean/ma.hpp), shared with APO.
  if (type > kMaEma) return po_run<true, L>(in[0], n, fp, sp, type, out[0]);
  const bool use_ema = type == kMaEma;
  const std::size_t lb = sp - 1;
  const In<L>& x = in[0];
  const Out<L>& y = out[0];
  if (n <= lb) return fill_nan(y, 0, n);
  fill_nan(y, 0, lb);
  auto emit = [&](std::size_t i, L fast, L slow) { y.set(i, div_or<L>(fast - slow, slow, 0.0) * 100.0); };
  auto px = [&](std::size_t i) { return x[i]; };
  if (use_ema) {
    const Ema<L> ef = Ema<L>::with_period(fp), es = Ema<L>::with_period(sp);
    L fast = sma_seed<L>(px, 0, fp);
    for (std::size_t i = fp; i < sp; ++i) fast = ef.step(fast, x[i]);
    L slow = sma_seed<L>(px, 0, sp);
    emit(lb, fast, slow);
    for (std::size_t i = sp; i < n; ++i) {
      fast = ef.step(fast, x[i]);
      slow = es.step(slow, x[i]);
      emit(i, fast, slow);
    }
  } else {
    const double inv_f = 1.0 / double(fp), inv_s = 1.0 / double(sp);
    WindowSum<L> f, s;
    f.init(fp, px, sp);
    s.init(sp, px, sp);
    for (std::size_t i = lb;;) {
      emit(i, f.sum * inv_f, s.sum * inv_s);
      if (++i >= n) break;
      f.step(px, i);
      s.step(px, i);
    }
  }
}
HEAN_LANE_KERNELS(ppo)

}  // namespace

HEAN_DEF(ppo){
    "ppo", "Percentage price oscillator: 100 * (fast MA - slow MA) / slow MA", 1, {"close"}, 3,
    {OptDef{"fast", 12, 2, kMaxPeriod, true, nullptr, "fast MA period"},
     OptDef{"slow", 26, 2, kMaxPeriod, true, nullptr, "slow MA period"},
     HEAN_MA_TYPE_OPT("maType", 0, "moving average type (TA-Lib's default sma)")},
    1, {"ppo"}, ppo_lookback, ppo_s, ppo_v};

// Streaming: state n, pos (ring slot of the oldest close, sma), sinceF, sinceS (bars since
// the sums' exact re-sums), f, s (the window sums, or the EMAs), out; the window is the ring
// of the last `slow` closes (sma only). The kernel's WindowSum schedule (a re-sum at the
// first value and every resum_every(period, 1024) bars) or seeds and Ema steps.
// Constants: fast, slow (swapped), the Ema's k and a, 1/fast, 1/slow, the re-sum periods.
namespace {
void ppo_constants(const double* o, double* k) {
  std::size_t fp, sp;
  ppo_periods(o, fp, sp);
  const Ema<double> ef = Ema<double>::with_period(fp), es = Ema<double>::with_period(sp);
  k[0] = double(fp), k[1] = double(sp);
  k[2] = ef.k, k[3] = ef.a, k[4] = es.k, k[5] = es.a;
  k[6] = 1.0 / double(fp), k[7] = 1.0 / double(sp);
  k[8] = double(resum_every(fp, 1024)), k[9] = double(resum_every(sp, 1024));
}
std::size_t ppo_window(const double* o) {
  std::size_t fp, sp;
  ppo_periods(o, fp, sp);
  return o[2] == 1 ? 0 : sp;
}
void ppo_stream_step(StreamCtx& c, const double* x) {
  double* s = c.s;  // n, pos, sinceF, sinceS, f, s, out
  const double* k = c.k;
  const double v = x[0];
  s[6] = kNaN;
  const double fp = k[0], sp = k[1];
  if (c.o[2] == 1) {
    if (is_gap(v)) {
      s[0] = s[4] = s[5] = 0;
      return;
    }
    const double n = ++s[0];
    if (n <= fp) {
      s[4] += v;
      if (n == fp) s[4] = s[4] / fp;
    } else {
      s[4] = Ema<double>::make(k[2], k[3]).step(s[4], v);
    }
    if (n <= sp) {
      s[5] += v;
      if (n < sp) return;
      s[5] = s[5] / sp;
    } else {
      s[5] = Ema<double>::make(k[4], k[5]).step(s[5], v);
    }
    s[6] = div_or<double>(s[4] - s[5], s[5], 0.0) * 100.0;
    return;
  }
  if (is_gap(v)) {
    s[0] = s[1] = 0;
    return;
  }
  const std::size_t f = std::size_t(fp), sl = std::size_t(sp);
  const double i = s[0]++;
  // Before the write, slot pos holds x[i - slow] and slot pos + slow - fast holds x[i - fast].
  const std::size_t pos = std::size_t(s[1]);
  std::size_t fo = pos + sl - f;
  if (fo >= sl) fo -= sl;
  const double old_s = c.w[pos], old_f = c.w[fo];
  c.put(pos, v);
  const std::size_t next = pos + 1 == sl ? 0 : pos + 1;
  s[1] = double(next);
  if (i < sp - 1) return;
  if (i == sp - 1 || ++s[2] >= k[8]) {
    s[2] = 0;
    std::size_t o = next + sl - f;
    if (o >= sl) o -= sl;
    s[4] = ring_sum(c.w, sl, o, f);
  } else {
    s[4] = s[4] + (v - old_f);
  }
  if (i == sp - 1 || ++s[3] >= k[9]) {
    s[3] = 0;
    s[5] = ring_sum(c.w, sl, next);
  } else {
    s[5] = s[5] + (v - old_s);
  }
  const double fast = s[4] * k[6], slow = s[5] * k[7];
  s[6] = div_or<double>(fast - slow, slow, 0.0) * 100.0;
}
}  // namespace

HEAN_STREAM(ppo){7, 6, ppo_window, ppo_constants, clear_state<7>, ppo_stream_step};

}  // namespace hean
