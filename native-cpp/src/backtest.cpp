// Vectorised backtest kernel (see backtest.hpp). One pass per group over its bars: orders
// are executed as vectorbt's buy_nb / sell_nb do, trades are built as vectorbt's exit
// trades, and every metric is accumulated on the fly (O(1) state per group).
#include "hean/backtest.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cassert>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif
#include <thread>

#include "hean/indicator.hpp"
#include "hean/memory.hpp"

namespace hean::bt {

const char* const kMetricNames[kMetricCount] = {
    "totalReturn",    "cagr",          "annualizedVolatility", "sharpeRatio",      "sortinoRatio",   "calmarRatio",
    "omegaRatio",     "maxDrawdown",   "maxDrawdownDuration",  "avgDrawdown",      "totalTrades",    "closedTrades",
    "openTrades",     "winRate",       "bestTrade",            "worstTrade",       "avgTrade",       "avgWinningTrade",
    "avgLosingTrade", "avgTradeDuration", "profitFactor",      "expectancy",       "sqn",            "exposureTime",
    "totalFeesPaid",  "benchmarkReturn", "startValue",         "endValue",         "openTradePnl",
};

namespace {

// The order path (execute -> buy / sell) is inlined into the simulation loop: called, it
// passes the cash/position state through memory, and reading it back as one 16-byte load
// over two 8-byte stores stalls store forwarding on every fill (~1/6 of a dense run).
#if defined(__GNUC__) || defined(__clang__)
#define HEAN_BT_INLINE inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define HEAN_BT_INLINE __forceinline
#else
#define HEAN_BT_INLINE inline
#endif

// std::min / std::max with their exact semantics (NaN and signed zeros included) as one
// minsd / maxsd: GCC sometimes compiles the ternary to a branch, and in a dense run the
// branch is a coin flip (a bar's return sign). std::min(a, b) is (b < a) ? b : a, which is
// minsd with b first; std::max(a, b) is (a < b) ? b : a, maxsd with b first.
HEAN_BT_INLINE double min_of(double a, double b) {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__SSE2__) && defined(__x86_64__)
  // minsd on the registers as they are: _mm_set_sd would first zero each operand's upper
  // lane (a movq apiece, ~15 instructions a dense bar)
  asm("minsd %1, %0" : "+x"(b) : "x"(a));
  return b;
#elif defined(__SSE2__)
  return _mm_cvtsd_f64(_mm_min_sd(_mm_set_sd(b), _mm_set_sd(a)));
#else
  return std::min(a, b);
#endif
}
HEAN_BT_INLINE double max_of(double a, double b) {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__SSE2__) && defined(__x86_64__)
  asm("maxsd %1, %0" : "+x"(b) : "x"(a));
  return b;
#elif defined(__SSE2__)
  return _mm_cvtsd_f64(_mm_max_sd(_mm_set_sd(b), _mm_set_sd(a)));
#else
  return std::max(a, b);
#endif
}

// vectorbt's tolerant comparisons (utils/math_.py: rel 1e-9, abs 1e-12): ported so fills
// that vectorbt treats as "enough cash" or "position closed" come out the same here.
// NaN and ±inf are never close (not even inf to inf). They run several times per order, so
// they are written without branches (selects the compiler emits as compares and masks):
// - is_close: a == b (finite) gives |a - b| = 0, which passes; a NaN makes m or the
//   difference NaN, which fails a compare; an infinity makes m infinite.
// - is_zero(x) is is_close(x, 0): |x| <= max(1e-9 |x|, 1e-12) holds only for |x| <= 1e-12.
// - add: vectorbt's add_nb tests is_close(|a|, |b|) when the signs differ and
//   is_close(a + b, 0) when they agree. With different signs |fl(a + b)| equals
//   fl(|a| - |b|) (round to nearest is symmetric); with equal signs |a + b| >= m, so the
//   relative bound can only pass below 1e-12 either way. Both come to one test on the sum.
HEAN_BT_INLINE bool is_close(double a, double b) {
  const double m = max_of(std::fabs(a), std::fabs(b));  // NaN when a is; inf if either is
  return (std::fabs(a - b) <= max_of(1e-9 * m, 1e-12)) & (m < kInf);
}
HEAN_BT_INLINE bool is_zero(double x) { return std::fabs(x) <= 1e-12; }
// a < b first: it is the usual outcome (enough cash, a partial close), and decides alone
inline bool is_close_or_less(double a, double b) { return a < b || is_close(a, b); }
inline bool is_less(double a, double b) { return !is_close(a, b) && a < b; }
inline double sgn(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0; }
HEAN_BT_INLINE double add(double a, double b) {
  const double s = a + b;
  const double m = max_of(std::fabs(a), std::fabs(b));
  const bool zero = (std::fabs(s) <= max_of(1e-9 * m, 1e-12)) & (m < kInf);
  return zero ? 0.0 : s;
}

struct Exec {
  double cash, position, debt, free_cash;
};
struct Fill {
  double size, price, fees;
  bool buy;
  bool usual = true;  // fees are usual_fees(size, price): the fill log need not check them
};

// The fees of a fill at (size, price): buy_nb's and sell_nb's size * price * fees + fixed
// fees. Every fill pays these except a buy cut down to the cash without a quantity step.
HEAN_BT_INLINE double usual_fees(double size, double price, double fees, double fixed) { return size * price * fees + fixed; }

// Instrument rule: floor to the quantity step. The tiny relative slack keeps 0.3 / 0.1
// (= 2.9999999999999996) at 3 steps; a size within tolerance of the whole position stays
// the position, so closing never leaves dust.
inline double floor_step(double x, double step, double whole) {
  if (!(step > 0)) return x;
  if (whole > 0 && is_close(x, whole)) return whole;
  return std::floor(x / step * (1 + 1e-12)) * step;
}

// size > 0 and not below min_qty (vectorbt's is_less: within tolerance of it passes). The
// compare first: a size at or above min_qty, nearly every fill, costs one branch.
HEAN_BT_INLINE bool passes_min_qty(double size, const Params& p) {
  return size > 0 && (!(size < p.min_qty) || is_close(size, p.min_qty));
}

// The least size passes_min_qty accepts, so that the plain path's check is one compare
// (size >= floor), the same decision for every size: NaN fails both. min_qty 0: the least
// positive double (size > 0). min_qty q >= 4e-12: a size a < q passes when q - a <= tol,
// is_close's max(1e-9 q, 1e-12) (then <= q / 2, so a is in [q / 2, q], where q - a is exact);
// the floor is the least such double. Between: NaN, and the caller takes the general path.
double min_fill_floor(double q) {
  if (q == 0) return std::numeric_limits<double>::denorm_min();
  if (!(q >= 4e-12) || !(q < kInf)) return kNaN;
  const double tol = max_of(1e-9 * q, 1e-12);
  double lo = q - tol;
  while (q - lo > tol) lo = std::nextafter(lo, kInf);
  while (q - std::nextafter(lo, -kInf) <= tol) lo = std::nextafter(lo, -kInf);
  return lo;
}

HEAN_BT_INLINE bool passes_rules(double size, double price, const Params& p) {
  if (!passes_min_qty(size, p)) return false;
  if (p.min_notional > 0 && size * price < p.min_notional * (1 - 1e-12)) return false;
  return true;
}

// kDebt false: debt and free cash are left as they are. They only feed sell's all-in short
// (an infinite size), so a run whose every order is a finite amount never reads them, and
// skipping them takes a division and a dozen operations off each fill. With kDebt false the
// size is finite (only such runs take it), so its infinity tests are skipped too.
// kPlain: no slippage, no quantity step and no minimum notional (the caller checked), so the
// price is the fill price (x * (1 + 0) is x), the floor to a step is the size, and the rules
// are size > 0 and min_qty, one compare with min_fill (min_fill_floor(min_qty)): the same
// values, fewer operations.
template <bool kDebt = true, bool kPlain = false>
HEAN_BT_INLINE bool buy(Exec& st, double size, double price, int direction, const Params& p, double slippage, double percent, Fill& f,
                        double min_fill = 0) {
  const double adj_price = kPlain ? price : price * (1 + slippage);
  double cash_limit = st.cash;
  if (!std::isnan(percent)) cash_limit = std::min(cash_limit, percent * cash_limit);
  if (direction == kLongOnly || direction == kBoth) {
    if (cash_limit == 0) return false;
    if (kDebt && std::isinf(size) && std::isinf(cash_limit)) return false;  // !kDebt: the size is finite
  } else if (st.position == 0) {
    return false;
  }
  double adj_size = direction == kShortOnly ? std::min(-st.position, size) : size;
  if (adj_size == 0) return false;
  const double whole = st.position < 0 ? -st.position : 0;
  if (!kPlain) adj_size = floor_step(adj_size, p.qty_step, whole);
  const double req_cash = adj_size * adj_price;
  const double req_fees = usual_fees(adj_size, adj_price, p.fees, p.fixed_fees);
  const double total_req = req_cash + req_fees;
  double final_size, fees_paid, final_req_cash;
  bool usual = true;
  if (is_close_or_less(total_req, cash_limit)) {
    final_size = adj_size;
    fees_paid = req_fees;
    final_req_cash = total_req;
  } else {
    // Not enough cash: the largest size whose value plus fees spends cash_limit.
    const double max_req_cash = add(cash_limit, -p.fixed_fees) / (1 + p.fees);
    if (max_req_cash <= 0) return false;
    const double max_acq = max_req_cash / adj_price;
    if (p.qty_step > 0) {
      final_size = floor_step(max_acq, p.qty_step, 0);
      const double new_req = final_size * adj_price;
      fees_paid = usual_fees(final_size, adj_price, p.fees, p.fixed_fees);
      final_req_cash = new_req + fees_paid;
    } else {
      final_size = max_acq;
      fees_paid = cash_limit - max_req_cash;
      final_req_cash = cash_limit;
      usual = false;
    }
  }
  if (is_zero(adj_size)) return false;
  if (kPlain ? !(final_size >= min_fill) : !passes_rules(final_size, adj_price, p)) return false;
  const double new_cash = add(st.cash, -final_req_cash);
  const double new_pos = add(st.position, final_size);
  double new_debt = st.debt, new_free = st.free_cash;
  if (!kDebt) {
  } else if (st.position < 0) {
    const double short_size = new_pos < 0 ? final_size : std::fabs(st.position);
    const double avg_entry = st.debt / std::fabs(st.position);
    const double debt_diff = short_size * avg_entry;
    new_debt = add(st.debt, -debt_diff);
    new_free = add(st.free_cash + 2 * debt_diff, -final_req_cash);
  } else {
    new_free = add(st.free_cash, -final_req_cash);
  }
  st = {new_cash, new_pos, new_debt, new_free};
  f = {final_size, adj_price, fees_paid, true, usual};
  return true;
}

template <bool kDebt = true, bool kPlain = false>
HEAN_BT_INLINE bool sell(Exec& st, double size, double price, int direction, const Params& p, double slippage, double percent, Fill& f,
                         double min_fill = 0) {
  const double adj_price = kPlain ? price : price * (1 - slippage);
  double size_limit;
  if (direction == kLongOnly) {
    size_limit = std::min(st.position, size);
  } else if (std::isinf(size) && !std::isnan(percent)) {
    // All-in short: what the free cash (plus the long being sold) can back.
    const double long_size = std::max(st.position, 0.0);
    const double long_cash = long_size * adj_price * (1 - p.fees);
    const double total_free = add(st.free_cash, long_cash);
    double max_limit;
    if (total_free <= 0) {
      if (st.position <= 0) return false;
      max_limit = long_size;
    } else {
      const double max_short = add(total_free, -p.fixed_fees) / (adj_price * (1 + p.fees));
      max_limit = add(long_size, max_short);
      if (max_limit <= 0) return false;
    }
    size_limit = max_limit;
  } else {
    size_limit = size;
  }
  if (!std::isnan(percent)) size_limit = percent * size_limit;
  if (direction == kShortOnly || direction == kBoth) {
    if (kDebt && std::isinf(size_limit)) return false;  // !kDebt: the size is finite
  } else if (st.position == 0) {
    return false;
  }
  if (!kPlain) size_limit = floor_step(size_limit, p.qty_step, st.position > 0 ? st.position : 0);
  if (is_zero(size_limit)) return false;
  if (kPlain ? !(size_limit >= min_fill) : !passes_rules(size_limit, adj_price, p)) return false;
  const double acq_cash = size_limit * adj_price;
  const double fees_paid = usual_fees(size_limit, adj_price, p.fees, p.fixed_fees);
  const double final_acq = add(acq_cash, -fees_paid);
  if (final_acq < 0) return false;
  const double new_cash = st.cash + final_acq;
  const double new_pos = add(st.position, -size_limit);
  double new_debt = st.debt, new_free = st.free_cash;
  if (!kDebt) {
  } else if (new_pos < 0) {
    const double short_size = st.position < 0 ? size_limit : std::fabs(new_pos);
    const double short_value = short_size * adj_price;
    new_debt = st.debt + short_value;
    new_free = add(st.free_cash, add(final_acq, -2 * short_value));
  } else {
    new_free = st.free_cash + final_acq;
  }
  st = {new_cash, new_pos, new_debt, new_free};
  f = {size_limit, adj_price, fees_paid, false};
  return true;
}

HEAN_BT_INLINE double clean(double x) { return is_zero(x) ? 0.0 : x; }

// vectorbt's execute_order_nb: size types to an amount, then buy or sell (kDebt: see buy).
template <bool kDebt = true, bool kPlain = false>
HEAN_BT_INLINE bool execute(Exec& st, double size, int size_type, int direction, double price, double slippage, double val_price,
             double value, const Params& p, Fill& f, double min_fill = 0) {
  // (the position is always add()'s result or the first 0, which clean() leaves as they are:
  // add() returns +0.0 for any sum within 1e-12 of zero)
  st.cash = clean(st.cash);
  if (kDebt) {
    st.debt = clean(st.debt);
    st.free_cash = clean(st.free_cash);
  }
  if (std::isnan(size) || std::isnan(price)) return false;
  double s = size;
  int t = size_type;
  if (direction == kShortOnly) s = -s;
  if (t == kTargetPercent) {
    if (std::isnan(value) || value <= 0) return false;
    s *= value;
    t = kTargetValue;
  }
  if (t == kValue || t == kTargetValue) {
    if (!std::isfinite(val_price) || val_price <= 0) return false;
    s /= val_price;
    t = t == kValue ? kAmount : kTargetAmount;
  }
  if (t == kTargetAmount) {
    s -= st.position;
    t = kAmount;
  }
  // (!kDebt: the caller checked that every order is finite)
  if (kDebt && t == kAmount && (direction == kShortOnly || direction == kBoth) && s < 0 && std::isinf(s)) {
    s = -1;  // infinite short: 100% of what can be shorted
    t = kPercent;
  }
  double percent = kNaN;
  if (t == kPercent) {
    if (s == 0) return false;
    percent = std::fabs(s);
    s = s > 0 ? kInf : -kInf;
  }
  if (s > 0) return buy<kDebt, kPlain>(st, s, price, direction, p, slippage, percent, f, min_fill);
  if (s < 0) return sell<kDebt, kPlain>(st, -s, price, direction, p, slippage, percent, f, min_fill);
  return false;
}

// vectorbt's get_stop_price_nb: the level, or the open when the bar gaps through it.
inline double stop_price(double pos, double ref, double stop, double open, double low, double high, bool below) {
  if ((pos > 0 && below) || (pos < 0 && !below)) {
    const double sp = ref * (1 - stop);
    if (open <= sp) return open;
    if (low <= sp && sp <= high) return sp;
    return kNaN;
  }
  if ((pos < 0 && below) || (pos > 0 && !below)) {
    const double sp = ref * (1 + stop);
    if (sp <= open) return open;
    if (low <= sp && sp <= high) return sp;
    return kNaN;
  }
  return kNaN;
}

inline double get_return(double in, double out) {
  if (in > 0) return (out - in) / in;  // the usual case, one test
  if (in < 0) return -((out - in) / in);
  if (in == 0) return out == 0 ? 0.0 : kInf * sgn(out);
  double r = (out - in) / in;
  return in < 0 ? -r : r;
}

struct Col {
  Exec* ex;  // own Exec, or the group's shared one
  double position = 0, debt = 0;
  double val_price = kNaN, last_close = kNaN, price_now = kNaN;
  double first_close = kNaN;
  bool active = false;  // this bar can fill (not a gap)
  // stops (reference prices are the entry bar's close, as vectorbt's stop_entry_price)
  double sl_ref = kNaN, tsl_ref = kNaN, tp_ref = kNaN;
  FillWriter* log = nullptr;  // fill records (lazy trades), or null
  // exit-trade builder
  bool in_pos = false;
  int dir = 0;
  std::size_t entry_idx = 0;
  double esize = 0, egross = 0, efees = 0;
};

struct Stats {
  double prev_value;
  std::size_t n = 0;
  double sum = 0, sum2 = 0, down2 = 0, pos_sum = 0, neg_sum = 0;
  // drawdowns as vectorbt's get_drawdowns_nb on the value series
  bool dd_started = false;
  double peak = kNaN, valley = kNaN, max_dd = 0, dd_sum = 0;
  std::size_t peak_idx = 0, dd_count = 0, max_dd_dur = 0;
  std::size_t exposure = 0;
  double fees = 0;
  // trades
  std::size_t closed = 0, wins = 0, losses = 0, open = 0;
  double win_pnl = 0, loss_pnl = 0, best = kNaN, worst = kNaN, ret_sum = 0, win_ret = 0, loss_ret = 0, dur_sum = 0;
  double pnl_sum = 0, pnl_sum2 = 0, open_pnl = 0;

  void dd_record(double depth, std::size_t dur) {
    dd_sum += depth;
    ++dd_count;
    max_dd_dur = std::max(max_dd_dur, dur);
  }
  // One bar's value (never NaN: close is forward-filled).
  inline void bar(std::size_t i, double v, std::size_t last_i) {
    const double r = get_return(prev_value, v);
    prev_value = v;
    ++n;
    sum += r;
    sum2 += r * r;
    // min/max (minsd/maxsd), not a branch: a return's sign is a coin flip. Adding 0.0 is
    // exact, so the sums are the branching form's bit for bit.
    const double neg = min_of(r, 0.0), pos = max_of(r, 0.0);
    down2 += neg * neg;
    neg_sum += neg;
    pos_sum += pos;
    if (v < peak && dd_started) {
      valley = min_of(valley, v);  // in a drawdown, the usual case: the last branch below
    } else if (std::isnan(peak) || v >= peak) {
      if (!dd_started) {
        peak = v;
        peak_idx = i;
      } else {
        dd_started = false;
        dd_record((valley - peak) / peak, i - peak_idx - 1);
        max_dd = std::min(max_dd, (valley - peak) / peak);
        peak = valley = v;
        peak_idx = i;
      }
    } else if (!dd_started) {
      dd_started = true;
      valley = v;
    } else {
      valley = min_of(valley, v);
    }
    if (i == last_i && dd_started) {
      dd_started = false;
      dd_record((valley - peak) / peak, i - peak_idx);
      max_dd = std::min(max_dd, (valley - peak) / peak);
    }
  }
  // Bars [i, j) of one held position: value cash + pos · last close (a gap keeps the last
  // close). bar() on a local copy, which the compiler keeps in registers.
  // Runs of bars that neither gap nor reach the peak go four at a time (held_avx2) where the
  // CPU has AVX2; the rest (and the last bar, which closes the drawdown) bar by bar.
  void held(const double* cl, std::size_t i, std::size_t j, double cash, double pos, double& last, std::size_t last_i);
  // Bars [i, j) whose value stays v (flat: all cash): after the first, every return is 0,
  // so only the count and the drawdown clock move.
  void flat(std::size_t i, std::size_t j, double v, std::size_t last_i) {
    if (i >= j) return;
    bar(i, v, last_i);
    if (++i >= j) return;
    n += j - i;
    if (!dd_started) {
      peak = v;  // v == peak: each bar is a new (equal) peak
      peak_idx = j - 1;
    } else if (j - 1 == last_i) {
      dd_started = false;
      dd_record((valley - peak) / peak, last_i - peak_idx);
      max_dd = std::min(max_dd, (valley - peak) / peak);
    }
  }
};

#if defined(__GNUC__) && defined(__x86_64__)
// Bars [i, end) of a held position, four at a time, while every value is positive and below
// the drawdown's peak (no gap, no new peak): then a bar only adds to the return sums and
// lowers the valley. The returns are divided four at a time; the sums are still added one
// bar after another in bar order, so every sum has the bits Stats::bar gives. Returns the
// first bar not done (a block that failed the test is left to Stats::bar).
__attribute__((target("avx2"))) static std::size_t held_avx2(const double* cl, std::size_t i, std::size_t end, double cash,
                                                           double pos, Stats& s) {
  double prev = s.prev_value;
  if (!(prev > 0) || std::isnan(s.peak)) return i;
  double sum = s.sum, sum2 = s.sum2, down2 = s.down2, neg_sum = s.neg_sum, pos_sum = s.pos_sum, valley = s.valley;
  bool started = s.dd_started;
  const std::size_t i0 = i;
  const __m256d vc = _mm256_set1_pd(cash), vp = _mm256_set1_pd(pos), zero = _mm256_setzero_pd(),
                peak = _mm256_set1_pd(s.peak);
  alignas(32) double r[4], rr[4], ng[4], ng2[4], ps[4], v[4];
  for (; i + 4 <= end; i += 4) {
    const __m256d x = _mm256_loadu_pd(cl + i);
    const __m256d val = _mm256_add_pd(vc, _mm256_mul_pd(vp, x));  // cash + pos * close, as bar()
    // NaN (a gap) fails both compares.
    const __m256d ok = _mm256_and_pd(_mm256_cmp_pd(val, zero, _CMP_GT_OQ), _mm256_cmp_pd(val, peak, _CMP_LT_OQ));
    if (_mm256_movemask_pd(ok) != 0xf) break;
    const __m256d before = _mm256_blend_pd(_mm256_permute4x64_pd(val, _MM_SHUFFLE(2, 1, 0, 0)), _mm256_set1_pd(prev), 1);
    const __m256d ret = _mm256_div_pd(_mm256_sub_pd(val, before), before);  // get_return, in > 0
    const __m256d neg = _mm256_min_pd(zero, ret), posr = _mm256_max_pd(zero, ret);  // std::min/max(r, 0.0)
    _mm256_store_pd(r, ret);
    _mm256_store_pd(rr, _mm256_mul_pd(ret, ret));
    _mm256_store_pd(ng, neg);
    _mm256_store_pd(ng2, _mm256_mul_pd(neg, neg));
    _mm256_store_pd(ps, posr);
    _mm256_store_pd(v, val);
    for (int k = 0; k < 4; ++k) {
      sum += r[k];
      sum2 += rr[k];
      down2 += ng2[k];
      neg_sum += ng[k];
      pos_sum += ps[k];
    }
    // Below the peak: a drawdown starts at the block's first bar if none is open; the valley
    // is the lowest value.
    const double lo = std::min(std::min(v[0], v[1]), std::min(v[2], v[3]));
    if (!started) {
      started = true;
      valley = v[0];
    }
    if (lo < valley) valley = lo;
    prev = v[3];
  }
  s.n += i - i0;
  s.prev_value = prev;
  s.sum = sum;
  s.sum2 = sum2;
  s.down2 = down2;
  s.neg_sum = neg_sum;
  s.pos_sum = pos_sum;
  s.valley = valley;
  s.dd_started = started;
  return i;
}
#endif

HEAN_BT_INLINE void Stats::held(const double* cl, std::size_t i, std::size_t j, double cash, double pos, double& last, std::size_t last_i) {
  Stats s = *this;
  double l = last;
#if defined(__GNUC__) && defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
#endif
  while (i < j) {
#if defined(__GNUC__) && defined(__x86_64__)
    if (avx2) {
      const std::size_t k = held_avx2(cl, i, std::min(j, last_i), cash, pos, s);
      if (k > i) l = cl[k - 1];  // no gap in [i, k)
      i = k;
      if (i >= j) break;
    }
#endif
    for (const std::size_t stop = std::min(j, i + 4); i < stop; ++i) {
      const double x = cl[i];
      if (!std::isnan(x)) l = x;
      s.bar(i, cash + pos * l, last_i);
    }
  }
  last = l;
  *this = s;
}

// Where trades go: a record vector, or columns written in place (TradeColumns), or nowhere.
struct Sink {
  std::vector<Trade>* vec = nullptr;
  TradeColumns* soa = nullptr;
  Sink(std::vector<Trade>* v = nullptr, TradeColumns* c = nullptr) : vec(v), soa(c) {}
  HEAN_BT_INLINE void push(const Trade& t) const {
    if (soa) soa->push(t);
    else if (vec) {
      if (vec->size() == vec->capacity()) grow(*vec);
      vec->push_back(t);
    }
  }
  // Signal runs record trades not knowing how many: the vector doubles, and each new block
  // (fresh memory from mmap once it is large) asks for 2 MB pages before it is written.
  static void grow(std::vector<Trade>& v) {
    v.reserve(std::max<std::size_t>(64, v.capacity() * 2));
    prefer_huge_pages(v.data(), v.capacity() * sizeof(Trade));
  }
};

// kStats false: the trade is only recorded (build_trades, whose stats nobody reads: the run
// computed the metrics).
// No trades recorded (the dense loop's sink when the run keeps a fill log or no trades):
// then a trade's fields that only the record holds are never worked out.
struct NoSink {
  HEAN_BT_INLINE void push(const Trade&) const {}
};

template <bool kStats = true, class S = Sink>
HEAN_BT_INLINE void trade_done(Stats& s, const Trade& t, const S& out) {
  out.push(t);
  if (!kStats) return;
  if (t.open) {
    ++s.open;
    s.open_pnl += t.pnl;
    return;
  }
  ++s.closed;
  // A win or a loss is a coin flip in a dense run: selects, not branches. A sum that skips
  // a trade adds +0.0 instead, which leaves it unchanged (it starts at +0.0 and only gets
  // values of one sign, so it is never -0.0).
  const bool win = t.pnl > 0, loss = t.pnl < 0;
  s.wins += win;
  s.losses += loss;
  s.win_pnl += win ? t.pnl : 0.0;
  s.win_ret += win ? t.ret : 0.0;
  s.loss_pnl += loss ? t.pnl : 0.0;
  s.loss_ret += loss ? t.ret : 0.0;
  s.best = std::isnan(s.best) ? t.ret : max_of(s.best, t.ret);
  s.worst = std::isnan(s.worst) ? t.ret : min_of(s.worst, t.ret);
  s.ret_sum += t.ret;
  s.dur_sum += double(t.exit_idx - t.entry_idx);
  s.pnl_sum += t.pnl;
  s.pnl_sum2 += t.pnl * t.pnl;
}

HEAN_BT_INLINE Trade make_trade(std::uint32_t col, double size, std::size_t ei, double ep, double ef, std::size_t xi, double xp,
                 double xf, int dir, bool open) {
  const double entry_val = size * ep, exit_val = size * xp;
  double diff = add(exit_val, -entry_val);
  if (diff != 0 && dir < 0) diff = -diff;
  const double pnl = diff - ef - xf;
  return {col, std::int32_t(ei), std::int32_t(xi), std::int8_t(dir), std::uint8_t(open), size, ep, xp, ef, xf, pnl, pnl / entry_val};
}

// A full log grows into its store. A caller's buffer (no store) never fills: run() logs into
// one only for orders without stops, where each order fills at most once, and its room is
// max_fills, the orders counted (the binding also refuses stops with orders).
void grow(FillWriter& w) {
  assert(w.store && "a bounded fill log is full: more fills than orders");
  const std::size_t room = std::max<std::size_t>(64, w.cap * 2);
  w.store->resize(room * 2);
  w.sp = w.store->data();
  w.cap = room;
  prefer_huge_pages(w.sp, room * 2 * sizeof(double));
}

HEAN_BT_INLINE bool same_bits(double a, double b) {
  std::uint64_t x, y;
  std::memcpy(&x, &a, 8);
  std::memcpy(&y, &b, 8);
  return x == y;
}

// One fill record (see FillWriter).
HEAN_BT_INLINE void log_fill(FillWriter& w, std::size_t i, const Fill& f) {
  if (w.n == w.cap) grow(w);
  double* r = w.sp + 2 * w.n;
  r[0] = f.buy ? f.size : -f.size;
  r[1] = f.price;
  if (i != w.expect) w.exc->insert(w.exc->end(), {double(w.n), 0.0, double(i)});
  w.expect = i + 1;
  if (!f.usual && !same_bits(f.fees, usual_fees(f.size, f.price, w.fees, w.fixed))) w.exc->insert(w.exc->end(), {double(w.n), 1.0, f.fees});
  ++w.n;
}

// vectorbt's get_exit_trades_nb, one fill at a time.
template <bool kStats = true, class S = Sink>
HEAN_BT_INLINE void on_fill(Col& c, std::uint32_t col, std::size_t i, const Fill& f, Stats& s, const S& out) {
  if (c.log) log_fill(*c.log, i, f);
  if (kStats) s.fees += f.fees;
  if (!c.in_pos) {
    c.in_pos = true;
    c.entry_idx = i;
    c.dir = f.buy ? 1 : -1;
    c.esize = c.egross = c.efees = 0;
  }
  if ((c.dir > 0) == f.buy) {
    c.esize += f.size;
    c.egross += f.size * f.price;
    c.efees += f.fees;
    return;
  }
  if (is_close_or_less(f.size, c.esize)) {
    const bool all = is_close(f.size, c.esize);
    const double xs = all ? c.esize : f.size;
    const double frac = xs / c.esize;
    trade_done<kStats>(s, make_trade(col, xs, c.entry_idx, c.egross / c.esize, frac * c.efees, i, f.price, f.fees, c.dir, false), out);
    if (all) {
      c.in_pos = false;
    } else {
      const double keep = (c.esize - f.size) / c.esize;
      c.esize *= keep;
      c.egross *= keep;
      c.efees *= keep;
    }
  } else {
    // Reversal in one fill: close the whole position, the rest opens the other side.
    const double xs = c.esize;
    const double xf = xs / f.size * f.fees;
    trade_done<kStats>(s, make_trade(col, xs, c.entry_idx, c.egross / c.esize, c.efees, i, f.price, xf, c.dir, false), out);
    c.esize = f.size - xs;
    c.egross = c.esize * f.price;
    c.efees = f.fees - xf;
    c.entry_idx = i;
    c.dir = -c.dir;
  }
}

void finish(const Params& p, Stats& s, double end_value, double bench, double* m) {
  const double n = double(s.n), ppy = p.periods_per_year;
  std::fill(m, m + kMetricCount, kNaN);
  m[kStartValue] = p.init_cash;
  m[kEndValue] = end_value;
  m[kTotalReturn] = (end_value - p.init_cash) / p.init_cash;
  if (s.n > 0) m[kCagr] = std::pow(end_value / p.init_cash, ppy / n) - 1;
  if (s.n >= 2) {
    const double mean = s.sum / n;
    const double var = std::max(0.0, (s.sum2 - s.sum * mean) / (n - 1));
    const double sd = std::sqrt(var);
    m[kAnnVolatility] = sd * std::sqrt(ppy);
    m[kSharpe] = sd == 0 ? kInf : mean / sd * std::sqrt(ppy);
    const double down = std::sqrt(s.down2 / n) * std::sqrt(ppy);
    m[kSortino] = down == 0 ? kInf : mean * ppy / down;
  }
  if (s.n > 0) m[kOmega] = s.neg_sum == 0 ? kInf : s.pos_sum / -s.neg_sum;
  m[kMaxDrawdown] = -s.max_dd;
  m[kCalmar] = s.max_dd == 0 ? kNaN : m[kCagr] / -s.max_dd;
  m[kMaxDrawdownDuration] = double(s.max_dd_dur);
  m[kAvgDrawdown] = s.dd_count ? -s.dd_sum / double(s.dd_count) : 0.0;
  m[kTotalTrades] = double(s.closed + s.open);
  m[kClosedTrades] = double(s.closed);
  m[kOpenTrades] = double(s.open);
  m[kOpenTradePnl] = s.open_pnl;
  if (s.closed) {
    const double k = double(s.closed);
    m[kWinRate] = double(s.wins) / k;
    m[kBestTrade] = s.best;
    m[kWorstTrade] = s.worst;
    m[kAvgTrade] = s.ret_sum / k;
    m[kAvgWinningTrade] = s.wins ? s.win_ret / double(s.wins) : kNaN;
    m[kAvgLosingTrade] = s.losses ? s.loss_ret / double(s.losses) : kNaN;
    m[kAvgTradeDuration] = s.dur_sum / k;
    m[kProfitFactor] = s.win_pnl / std::fabs(s.loss_pnl);
    const double mean_pnl = s.pnl_sum / k;
    m[kExpectancy] = mean_pnl;
    if (s.closed >= 2) {
      const double var = std::max(0.0, (s.pnl_sum2 - s.pnl_sum * mean_pnl) / (k - 1));
      m[kSqn] = var > 0 ? std::sqrt(k) * mean_pnl / std::sqrt(var) : kNaN;
    }
  }
  m[kExposureTime] = s.n ? double(s.exposure) / n : kNaN;
  m[kTotalFees] = s.fees;
  m[kBenchmarkReturn] = bench;
}

// ---- signal sources -------------------------------------------------------------------

#if defined(__GNUC__) && defined(__x86_64__)
// Flat stretches of a few-trades run are a scan of the entry flags, at memory speed: 128
// bytes per test. Returns a bar <= the first flag at or after i (the caller's byte loop
// finds it exactly).
__attribute__((target("avx2"))) static std::size_t scan_avx2(const std::uint8_t* a, std::size_t i, std::size_t end) {
  for (; i + 128 <= end; i += 128) {
    const __m256i x0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i));
    const __m256i x1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i + 32));
    const __m256i x2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i + 64));
    const __m256i x3 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i + 96));
    const __m256i any = _mm256_or_si256(_mm256_or_si256(x0, x1), _mm256_or_si256(x2, x3));
    if (!_mm256_testz_si256(any, any)) break;
  }
  return i;
}
#endif

struct Flags {
  bool le = false, lx = false, se = false, sx = false;
};

// Signal arrays of one group (columns c0 .. c0 + len), mapped by direction as vectorbt's
// from_signals does (entries/exits with `direction`, or the four long/short arrays).
struct ArraySource {
  static constexpr bool kOrders = false;
  const Signals* s;
  std::size_t bars, c0;
  int direction;
  bool ls;  // short arrays given: entries/exits are the long side

  static bool at(const std::uint8_t* a, std::size_t j) { return a && a[j]; }
  Flags get(std::size_t k, std::size_t i) const {
    const std::size_t j = (c0 + k) * bars + i;
    const bool en = at(s->entries, j), ex = at(s->exits, j);
    Flags f;
    if (ls) {
      f.le = en;
      f.lx = ex;
      f.se = at(s->short_entries, j);
      f.sx = at(s->short_exits, j);
    } else if (direction == kLongOnly) {
      f.le = en;
      f.lx = ex;
    } else if (direction == kShortOnly) {
      f.se = en;
      f.sx = ex;
    } else {
      f.le = en;
      f.se = ex;
    }
    return f;
  }
  // First bar >= i, < end, where a flat column could open: an entry (or, for `both`
  // without short arrays, an exit, which opens a short).
  static std::size_t scan(const std::uint8_t* a, std::size_t i, std::size_t end) {
    if (!a) return end;
#if defined(__GNUC__) && defined(__x86_64__)
    static const bool avx2 = __builtin_cpu_supports("avx2");
    if (avx2 && end - i >= 256) i = scan_avx2(a, i, end);
#endif
    while (i < end && (i & 7)) {
      if (a[i]) return i;
      ++i;
    }
    for (; i + 8 <= end; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, a + i, 8);
      if (w) break;
    }
    for (; i < end; ++i)
      if (a[i]) return i;
    return end;
  }
  // First bar >= i, < end, with any signal of column k (a bar where something may fill).
  std::size_t next_signal(std::size_t k, std::size_t i, std::size_t end) const {
    const std::size_t base = (c0 + k) * bars;
    std::size_t r = end;
    for (const std::uint8_t* a : {s->entries, s->exits, s->short_entries, s->short_exits})
      if (a) r = std::min(r, scan(a + base, i, r));
    return r;
  }
  std::size_t next_open_signal(std::size_t k, std::size_t i, std::size_t end) const {
    const std::size_t base = (c0 + k) * bars;
    std::size_t r = end;
    auto one = [&](const std::uint8_t* a) {
      if (a) r = std::min(r, scan(a + base, i, r) );
    };
    if (ls) {
      one(s->entries);
      one(s->short_entries);
    } else {
      one(s->entries);
      if (direction == kBoth) one(s->exits);
    }
    return r;
  }
};

struct OrderSource {
  static constexpr bool kOrders = true;
  const Signals* s;
  std::size_t bars, c0;
  double order(std::size_t k, std::size_t i) const { return s->orders[(c0 + k) * bars + i]; }
  std::size_t next_open_signal(std::size_t k, std::size_t i, std::size_t end) const {
    const double* o = s->orders + (c0 + k) * bars;
    while (i < end && std::isnan(o[i])) ++i;
    return i;
  }
  std::size_t next_signal(std::size_t k, std::size_t i, std::size_t end) const { return next_open_signal(k, i, end); }
  Flags get(std::size_t, std::size_t) const { return {}; }
};

// vectorbt's crossed_above_nb state for one pair of series (wait = 0).
struct Cross {
  bool was_below = false;
  long ago = -1;
  inline bool step(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) {
      ago = -1;
      was_below = false;
      return false;
    }
    if (a > b) {
      if (was_below) return ++ago == 0;
      return false;
    }
    ago = -1;
    if (a < b) was_below = true;
    return false;
  }
};

// One fast/slow MA pair: entries on crossed-above, exits on crossed-below. The crossing
// state runs over every bar from 0 in order (get is called once per bar, increasing).
struct CrossSource {
  static constexpr bool kOrders = false;
  const double* fast;
  const double* slow;
  mutable Cross up, down;
  mutable std::size_t next = 0;  // next bar to step
  mutable Flags last;
  int direction;

  Flags get(std::size_t, std::size_t i) const {
    while (next <= i) {
      const double f = fast[next], s = slow[next];
      const bool en = up.step(f, s), ex = down.step(s, f);
      last = {};
      if (direction == kLongOnly) {
        last.le = en;
        last.lx = ex;
      } else if (direction == kShortOnly) {
        last.se = en;
        last.sx = ex;
      } else {
        last.le = en;
        last.se = ex;
      }
      ++next;
    }
    return last;
  }
  std::size_t next_open_signal(std::size_t, std::size_t i, std::size_t end) const {
    for (; i < end; ++i) {
      const Flags f = get(0, i);
      if (f.le || f.se) return i;
    }
    return end;
  }
  std::size_t next_signal(std::size_t, std::size_t i, std::size_t end) const {
    for (; i < end; ++i) {
      const Flags f = get(0, i);
      if (f.le || f.lx || f.se || f.sx) return i;
    }
    return end;
  }
};

// ---- the simulation -------------------------------------------------------------------

template <class Src>
void sim_group(const Market& m, const Src& src, const Params& p, std::size_t c0, std::size_t len, double* metrics,
               double* equity, double* drawdown, const Sink& trades, FillWriter* logs = nullptr) {
  const std::size_t T = m.bars, A = m.assets, start = p.start;
  const bool stops = p.has_stops();
  std::vector<Col> cols(len);
  std::vector<Exec> execs(p.cash_sharing ? 1 : len, Exec{p.init_cash, 0, 0, p.init_cash});
  std::vector<const double*> close(len), open(len), high(len), low(len);
  for (std::size_t k = 0; k < len; ++k) {
    const std::size_t a = (c0 + k) % A;
    close[k] = m.close + a * T;
    open[k] = m.open ? m.open + a * T : nullptr;
    high[k] = m.high ? m.high + a * T : nullptr;
    low[k] = m.low ? m.low + a * T : nullptr;
    cols[k].ex = &execs[p.cash_sharing ? 0 : k];
    if (logs) cols[k].log = &logs[k];
  }
  Stats st;
  st.prev_value = p.init_cash;
  std::size_t open_cols = 0;  // columns holding a position
  double peak_out = kNaN;     // running peak for the drawdown output
  const std::size_t last_i = T ? T - 1 : 0;

  auto value_of = [&]() {
    double v = execs[0].cash;
    if (!p.cash_sharing) {
      v = 0;
      for (auto& e : execs) v += e.cash;
    }
    for (std::size_t k = 0; k < len; ++k)
      if (cols[k].position != 0) v += cols[k].position * cols[k].last_close;
    return v;
  };
  auto emit = [&](std::size_t i, double v) {
    if (equity) equity[i] = v;
    if (drawdown) {
      peak_out = std::isnan(peak_out) ? v : std::max(peak_out, v);
      drawdown[i] = v / peak_out - 1;
    }
  };
  // Prices of bar i; a gap (NaN close, or NaN open for next-open fills) fills nothing.
  auto load_prices = [&](std::size_t i) {
    for (std::size_t k = 0; k < len; ++k) {
      Col& c = cols[k];
      const double cl = close[k][i];
      c.active = !std::isnan(cl);
      if (c.active) c.last_close = cl;
      c.price_now = p.next_open ? open[k][i] : cl;
      if (std::isnan(c.price_now)) c.active = false;
      if (c.active) c.val_price = c.price_now;
    }
  };
  if (equity) std::fill(equity, equity + std::min(start, T), kNaN);
  if (drawdown) std::fill(drawdown, drawdown + std::min(start, T), kNaN);
  // First and last valid close of each column in range (benchmark, open trades).
  std::vector<double> last_valid(len, kNaN);
  for (std::size_t k = 0; k < len; ++k) {
    for (std::size_t i = start; i < T; ++i)
      if (!std::isnan(close[k][i])) {
        cols[k].first_close = close[k][i];
        break;
      }
    for (std::size_t i = T; i-- > start;)
      if (!std::isnan(close[k][i])) {
        last_valid[k] = close[k][i];
        break;
      }
  }

  for (std::size_t i = start; i < T;) {
    if (open_cols == 0) {
      // Flat: skip to the first bar where some column could open a position; the value
      // (all cash) does not move on the bars in between.
      // With next-open fills the signal of bar i - 1 fills on bar i.
      const std::size_t from = p.next_open && i > start ? i - 1 : i;
      std::size_t j = T;
      for (std::size_t k = 0; k < len; ++k) {
        std::size_t s = src.next_open_signal(k, from, p.next_open ? T - 1 : T);
        if (p.next_open) ++s;
        j = std::min(j, s);
      }
      j = std::max(j, i);
      if (j > i) {
        const double v = st.prev_value;
        st.flat(i, j, v, last_i);
        if (equity || drawdown)
          for (std::size_t t = i; t < j; ++t) emit(t, v);
        i = j;
        if (i >= T) break;
      }
    }
    if (open_cols != 0 && !stops) {
      // In a position with no stops: up to the next bar where any column has a signal,
      // nothing can fill, so each bar only revalues the positions (same code as a full bar).
      const std::size_t from = p.next_open && i > start ? i - 1 : i;
      std::size_t j = T;
      for (std::size_t k = 0; k < len && j > i; ++k) {
        std::size_t s = src.next_signal(k, from, p.next_open ? T - 1 : T);
        if (p.next_open) ++s;
        j = std::min(j, s);
      }
      if (len == 1 && !equity && !drawdown && j > i) {
        // One column: value = cash + position · last close (a gap keeps the last close).
        Col& c = cols[0];
        const double cash = execs[0].cash, pos = c.position;
        const double* cl = close[0];
        double last = c.last_close;
        const std::size_t i0 = i;
        st.exposure += j - i;
        st.held(cl, i, j, cash, pos, last, last_i);
        i = j;
        c.last_close = last;
        if (!p.next_open) c.val_price = last;
        else
          for (std::size_t t = j; t-- > i0;)
            if (!std::isnan(cl[t]) && !std::isnan(open[0][t])) {
              c.val_price = open[0][t];
              break;
            }
      }
      for (; i < j; ++i) {
        load_prices(i);
        const double v = value_of();
        st.bar(i, v, last_i);
        emit(i, v);
        ++st.exposure;
      }
      if (i >= T) break;
    }
    load_prices(i);
    double group_value = kNaN;
    if (p.cash_sharing) {
      group_value = execs[0].cash;
      for (auto& c : cols)
        if (c.position != 0) group_value += c.position * c.val_price;
    }
    for (std::size_t k = 0; k < len; ++k) {
      Col& c = cols[k];
      // Signals are read for every bar in order (stateful sources rely on it).
      Flags fl;
      if constexpr (!Src::kOrders) {
        if (!p.next_open) fl = src.get(k, i);
        else if (i > start) fl = src.get(k, i - 1);
      }
      if (!c.active) continue;
      Exec& ex = *c.ex;
      double price = c.price_now, slip = p.slippage;
      double size = 0;
      int size_type = kAmount, direction = kBoth;
      const double value_now = p.cash_sharing ? group_value : ex.cash + (c.position != 0 ? c.position * c.val_price : 0);
      if constexpr (Src::kOrders) {
        const double o = p.next_open ? (i > start ? src.order(k, i - 1) : kNaN) : src.order(k, i);
        if (std::isnan(o)) continue;
        size = o;
        size_type = p.size_type;
        direction = p.direction;
      } else {
        bool stop_hit = false;
        if (stops && c.position != 0) {
          // Order of events inside a bar: the open (a gap through a level fills there),
          // then stop loss / trailing stop before take profit, then the trailing level
          // moves with this bar's high (long) or low (short) for the next bar.
          const double cl = close[k][i];
          double o = open[k] ? open[k][i] : kNaN;
          if (std::isnan(o)) o = cl;
          double h = high[k] ? high[k][i] : kNaN, l = low[k] ? low[k][i] : kNaN;
          if (std::isnan(l)) l = std::min(o, cl);
          if (std::isnan(h)) h = std::max(o, cl);
          double sp = kNaN;
          if (!std::isnan(c.sl_ref)) sp = stop_price(c.position, c.sl_ref, p.sl_stop, o, l, h, true);
          if (!std::isnan(c.tsl_ref)) {
            const double tp2 = stop_price(c.position, c.tsl_ref, p.tsl_stop, o, l, h, true);
            // both hit: the one met first as the price moves against the position
            if (!std::isnan(tp2)) sp = std::isnan(sp) ? tp2 : (c.position > 0 ? std::max(sp, tp2) : std::min(sp, tp2));
          }
          if (std::isnan(sp) && !std::isnan(c.tp_ref)) sp = stop_price(c.position, c.tp_ref, p.tp_stop, o, l, h, false);
          if (!std::isnan(c.tsl_ref)) {
            if (c.position > 0 && h > c.tsl_ref) c.tsl_ref = h;
            if (c.position < 0 && l < c.tsl_ref) c.tsl_ref = l;
          }
          if (!std::isnan(sp)) {
            stop_hit = true;
            fl = {};
            if (c.position > 0) fl.lx = true;
            else fl.sx = true;
            price = sp;
            slip = 0;  // vectorbt's default stop_exit_price 'stoplimit': the level, no slippage
          }
        }
        if (!stop_hit && (fl.le || fl.se)) {
          // vectorbt's defaults: conflicting entry+exit of one side are both ignored, as
          // are a long and a short entry together; an opposite entry reverses.
          if (fl.le && fl.lx) fl.le = fl.lx = false;
          if (fl.se && fl.sx) fl.se = fl.sx = false;
          if (fl.le && fl.se) fl.le = fl.se = false;
        }
        // signals_to_size_nb with accumulation off
        const double pos = c.position;
        if (pos > 0) {
          if (fl.se) {
            size = -pos;
            if (!std::isnan(p.size)) size -= p.size_type == kValue ? p.size / c.val_price : p.size;
          } else if (fl.lx) {
            direction = kLongOnly;
            size = -pos;
          }
        } else if (pos < 0) {
          if (fl.le) {
            size = -pos;
            if (!std::isnan(p.size)) size += p.size_type == kValue ? p.size / c.val_price : p.size;
          } else if (fl.sx) {
            direction = kShortOnly;
            size = -pos;
          }
        } else if (fl.le) {
          size = p.size;
          size_type = p.size_type;
        } else if (fl.se) {
          size = -p.size;
          size_type = p.size_type;
        }
        if (size == 0) continue;
        if (direction == kShortOnly) size = -size;  // execute flips it back
      }
      Exec before = ex;
      before.position = c.position;
      before.debt = c.debt;
      Exec run = before;
      Fill f;
      if (!execute(run, size, size_type, direction, price, slip, c.val_price, value_now, p, f)) continue;
      ex.cash = run.cash;
      ex.free_cash = run.free_cash;
      const double old_pos = before.position;
      c.position = run.position;
      c.debt = run.debt;
      on_fill(c, std::uint32_t(c0 + k), i, f, st, trades);
      if ((old_pos == 0) != (c.position == 0)) open_cols += c.position != 0 ? 1 : std::size_t(-1);
      if constexpr (!Src::kOrders) {
        if (stops) {
          if (c.position == 0) {
            c.sl_ref = c.tsl_ref = c.tp_ref = kNaN;
          } else if (old_pos == 0 || sgn(old_pos) != sgn(c.position)) {
            const double ref = close[k][i];
            c.sl_ref = std::isnan(p.sl_stop) ? kNaN : ref;
            c.tsl_ref = std::isnan(p.tsl_stop) ? kNaN : ref;
            c.tp_ref = std::isnan(p.tp_stop) ? kNaN : ref;
          }
        }
      }
    }
    const double v = value_of();
    st.bar(i, v, last_i);
    emit(i, v);
    if (open_cols) ++st.exposure;
    ++i;
  }
  // Positions still open at the end are trades valued at the last close.
  double bench_sum = 0;
  for (std::size_t k = 0; k < len; ++k) {
    Col& c = cols[k];
    c.last_close = last_valid[k];
    bench_sum += c.last_close / c.first_close - 1;
    if (c.in_pos && is_less(-c.esize, 0))
      trade_done(st, make_trade(std::uint32_t(c0 + k), c.esize, c.entry_idx, c.egross / c.esize, c.efees, last_i, c.last_close, 0, c.dir, true), trades);
  }
  finish(p, st, start < T ? value_of() : p.init_cash, bench_sum / double(len), metrics);
}

// One column of orders filled at the close, no shared cash, no equity / drawdown series:
// the dense case (an order every bar). The same steps as sim_group takes for such a column,
// through the same helpers in the same order, so every result has the same bits (the
// differential tests run both). Here the column's state, the stats and the trade columns'
// pointers are locals the compiler keeps in registers; in sim_group they sit behind
// pointers (cols[k], *c.ex, the sink) that every trade store may alias, so each fill
// reloads and re-stores them, and each bar walks the per-column vectors. The fill log's
// writer is a local copy for the same reason.
template <bool kDebt, bool kPlain, class S>
void sim_orders_one_t(const Market& m, const double* orders, const Params& p, std::size_t col, double* metrics, const S& trades,
                      FillWriter* log) {
  const std::size_t T = m.bars, start = p.start, last_i = T ? T - 1 : 0;
  const double* cl = m.close + (col % m.assets) * T;
  const double* ord = orders + col * T;
  FillWriter w;
  const double min_fill = kPlain ? min_fill_floor(p.min_qty) : 0;
  Exec ex{p.init_cash, 0, 0, p.init_cash};
  Col c;
  c.ex = &ex;
  if (log) {
    w = *log;
    c.log = &w;
  }
  const S& sink = trades;
  Stats st;
  st.prev_value = p.init_cash;
  double last_valid = kNaN;
  for (std::size_t i = start; i < T; ++i)
    if (!std::isnan(cl[i])) {
      c.first_close = cl[i];
      break;
    }
  for (std::size_t i = T; i-- > start;)
    if (!std::isnan(cl[i])) {
      last_valid = cl[i];
      break;
    }
  for (std::size_t i = start; i < T;) {
    // up to the next order nothing fills: flat (all cash) or held bars, as sim_group (one
    // test when bar i has an order, the dense case)
    if (std::isnan(ord[i])) {
      std::size_t j = i + 1;
      while (j < T && std::isnan(ord[j])) ++j;
      if (c.position == 0) {
        st.flat(i, j, st.prev_value, last_i);
      } else {
        double last = c.last_close;
        st.exposure += j - i;
        st.held(cl, i, j, ex.cash, c.position, last, last_i);
        c.last_close = last;
        c.val_price = last;
      }
      i = j;
      if (i >= T) break;
    }
    const double x = cl[i];
    if (!std::isnan(x)) {  // a gap fills nothing
      c.last_close = c.val_price = x;
      const double value_now = ex.cash + (c.position != 0 ? c.position * c.val_price : 0);
      Exec run{ex.cash, c.position, c.debt, ex.free_cash};
      Fill f;
      // !kDebt: every order is an amount (sim_orders_one checked), so the size-type chain folds away
      if (execute<kDebt, kPlain>(run, ord[i], kDebt ? p.size_type : kAmount, p.direction, x, p.slippage, c.val_price, value_now, p, f, min_fill)) {
        ex.cash = run.cash;
        ex.free_cash = run.free_cash;
        c.position = run.position;
        c.debt = run.debt;
        on_fill(c, std::uint32_t(col), i, f, st, sink);
      }
    }
    const bool holding = c.position != 0;
    double v = 0;
    v += ex.cash;
    if (holding) v += c.position * c.last_close;
    st.bar(i, v, last_i);
    st.exposure += holding;
    ++i;
  }
  c.last_close = last_valid;
  double bench_sum = 0;
  bench_sum += c.last_close / c.first_close - 1;
  if (c.in_pos && is_less(-c.esize, 0))
    trade_done(st, make_trade(std::uint32_t(col), c.esize, c.entry_idx, c.egross / c.esize, c.efees, last_i, c.last_close, 0, c.dir, true), sink);
  double end = p.init_cash;
  if (start < T) {
    end = 0;
    end += ex.cash;
    if (c.position != 0) end += c.position * c.last_close;
  }
  if (log) *log = w;
  finish(p, st, end, bench_sum / 1.0, metrics);
}

// Bars of columns [c0, c0 + len) that carry an order: a bound on their fills (signal runs
// usually trade rarely, and their vector grows as needed). With `inf`, also whether any
// order is ±inf (set true when one is), in the same pass: a dense run's scans over the
// orders are memory-bound, so a second one costs as much as the first.
std::size_t possible_fills(const Signals& s, std::size_t bars, std::size_t c0, std::size_t len, bool* inf = nullptr) {
  std::size_t n = 0;
  if (!s.orders) return 0;
  std::size_t i = c0 * bars;
  const std::size_t e = (c0 + len) * bars;
  bool any = false;
#if defined(__SSE2__)
  // packed "ordered" compares (not NaN): each true lane is all ones, -1 as an integer, so
  // subtracting the masks counts them; the scalar loop does not vectorise under
  // -ftrapping-math, and this pass is ~1/20 of a dense run
  const __m128d abs_mask = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffffLL)), vinf = _mm_set1_pd(kInf);
  __m128d hit = _mm_setzero_pd();
  __m128i cnt = _mm_setzero_si128();
  for (; i + 4 <= e; i += 4) {
    const __m128d x = _mm_loadu_pd(s.orders + i), y = _mm_loadu_pd(s.orders + i + 2);
    cnt = _mm_sub_epi64(cnt, _mm_castpd_si128(_mm_cmpord_pd(x, x)));
    cnt = _mm_sub_epi64(cnt, _mm_castpd_si128(_mm_cmpord_pd(y, y)));
    hit = _mm_or_pd(hit, _mm_or_pd(_mm_cmpeq_pd(_mm_and_pd(x, abs_mask), vinf), _mm_cmpeq_pd(_mm_and_pd(y, abs_mask), vinf)));
  }
  alignas(16) std::uint64_t lanes[2];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), cnt);
  n = std::size_t(lanes[0] + lanes[1]);
  any = _mm_movemask_pd(hit) != 0;
#endif
  for (; i < e; ++i) {
    n += !std::isnan(s.orders[i]);
    any |= std::isinf(s.orders[i]);
  }
  if (inf) *inf |= any;
  return n;
}

// Orders that are all finite amounts (or NaN) never reach the all-in short, the one reader
// of debt and free cash, so the run skips them (chosen once; same fills, same bits).
// orders_finite: as Signals::orders_finite for this column (-1: not known, scanned here).
void sim_orders_one(const Market& m, const Signals& s, const Params& p, std::size_t col, double* metrics, const Sink& trades,
                    FillWriter* log, int orders_finite) {
  // (an infinite order before start is never read; counting it only sends the run down the
  // general path: the same bits)
  bool inf = orders_finite == 0;
  if (orders_finite < 0 && p.size_type == kAmount) possible_fills(s, m.bars, col, 1, &inf);
  const bool finite = p.size_type == kAmount && !inf;
  const double* orders = s.orders;
  const bool plain = p.slippage == 0 && !(p.qty_step > 0) && !(p.min_notional > 0) && !std::isnan(min_fill_floor(p.min_qty));
  auto go = [&](const auto& sink) {
    if (finite && plain) sim_orders_one_t<false, true>(m, orders, p, col, metrics, sink, log);
    else if (finite) sim_orders_one_t<false, false>(m, orders, p, col, metrics, sink, log);
    else sim_orders_one_t<true, false>(m, orders, p, col, metrics, sink, log);
  };
  // no record kept (a fill log, or trades: false): the loop builds no Trade records
  if (trades.vec || trades.soa) go(trades);
  else go(NoSink{});
}

int pick_threads(int threads, std::size_t items, double work) {
  if (threads <= 0) {
    if (work < double(1 << 20)) return 1;
    threads = concurrency();
  }
  return int(std::max<std::size_t>(1, std::min<std::size_t>(std::size_t(threads), items)));
}

// Dynamic scheduling: groups differ a lot in cost (trades, stops).
template <class F>
void parallel_for(std::size_t items, int threads, F&& body) {
  if (threads <= 1 || items <= 1) {
    for (std::size_t i = 0; i < items; ++i) body(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < items;) body(i);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
}

void merge_trades(std::vector<std::vector<Trade>>& per, std::vector<Trade>* out) {
  if (!out) return;
  if (per.size() == 1 && out->empty()) {
    out->swap(per[0]);  // one group: no copy
    return;
  }
  std::size_t total = out->size();
  for (auto& v : per) total += v.size();
  out->reserve(total);
  for (auto& v : per) out->insert(out->end(), v.begin(), v.end());
}

}  // namespace

std::size_t max_fills(Signals& s, std::size_t bars) {
  if (!s.orders) return SIZE_MAX;
  bool inf = false;
  const std::size_t n = possible_fills(s, bars, 0, s.columns, &inf);
  s.orders_finite = !inf;
  return n;
}

void crossed_above(const double* a, const double* b, std::size_t n, std::uint8_t* out) {
  Cross c;
  for (std::size_t i = 0; i < n; ++i) out[i] = c.step(a[i], b[i]);
}

#if defined(__GNUC__) && defined(__x86_64__)
// The same scan with 32-byte AVX2 compares, for CPUs that have them (checked at run time).
__attribute__((target("avx2"))) static std::size_t first_bad_block_avx2(const double* p, std::size_t n) {
  std::size_t i = 0;
  const __m256d zero = _mm256_setzero_pd(), inf = _mm256_set1_pd(kInf);
  for (; i + 64 <= n; i += 64) {
    __m256d b0 = _mm256_setzero_pd(), b1 = b0;
    for (std::size_t j = i; j < i + 64; j += 8) {
      const __m256d x0 = _mm256_loadu_pd(p + j), x1 = _mm256_loadu_pd(p + j + 4);
      b0 = _mm256_or_pd(b0, _mm256_or_pd(_mm256_cmp_pd(x0, zero, _CMP_LE_OQ), _mm256_cmp_pd(x0, inf, _CMP_EQ_OQ)));
      b1 = _mm256_or_pd(b1, _mm256_or_pd(_mm256_cmp_pd(x1, zero, _CMP_LE_OQ), _mm256_cmp_pd(x1, inf, _CMP_EQ_OQ)));
    }
    if (_mm256_movemask_pd(_mm256_or_pd(b0, b1))) break;
  }
  return i;
}
#endif

std::size_t first_bad_price(const double* p, std::size_t n) {
  // A bad price is <= 0 or +inf (NaN, a gap, compares false to both). Whole blocks of 64
  // are scanned with packed compares and no early exit (the scalar loop does not
  // vectorise under -ftrapping-math); the block holding a bad price is rescanned.
  std::size_t i = 0;
#if defined(__GNUC__) && defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) i = first_bad_block_avx2(p, n);
  else
#endif
  {
#if defined(__SSE2__)
    const __m128d zero = _mm_setzero_pd(), inf = _mm_set1_pd(kInf);
    for (; i + 64 <= n; i += 64) {
      __m128d b0 = _mm_setzero_pd(), b1 = b0, b2 = b0, b3 = b0;
      for (std::size_t j = i; j < i + 64; j += 8) {
        const __m128d x0 = _mm_loadu_pd(p + j), x1 = _mm_loadu_pd(p + j + 2), x2 = _mm_loadu_pd(p + j + 4), x3 = _mm_loadu_pd(p + j + 6);
        b0 = _mm_or_pd(b0, _mm_or_pd(_mm_cmple_pd(x0, zero), _mm_cmpeq_pd(x0, inf)));
        b1 = _mm_or_pd(b1, _mm_or_pd(_mm_cmple_pd(x1, zero), _mm_cmpeq_pd(x1, inf)));
        b2 = _mm_or_pd(b2, _mm_or_pd(_mm_cmple_pd(x2, zero), _mm_cmpeq_pd(x2, inf)));
        b3 = _mm_or_pd(b3, _mm_or_pd(_mm_cmple_pd(x3, zero), _mm_cmpeq_pd(x3, inf)));
      }
      if (_mm_movemask_pd(_mm_or_pd(_mm_or_pd(b0, b1), _mm_or_pd(b2, b3)))) break;
    }
#endif
  }
  for (; i < n; ++i)
    if (p[i] <= 0 || p[i] == kInf) return i;
  return SIZE_MAX;
}

void run(const Market& m, const Signals& s, const Params& p, const std::uint32_t* group_lens, std::size_t groups,
         const Outputs& out, int threads) {
  std::vector<std::size_t> first(groups + 1, 0);
  for (std::size_t g = 0; g < groups; ++g) first[g + 1] = first[g] + (p.cash_sharing ? group_lens[g] : 1);
  const std::size_t C = first[groups], T = m.bars;
  const bool ls = s.short_entries || s.short_exits;
  threads = pick_threads(threads, groups, double(T) * double(s.columns));
  FillLog* log = out.fills;
  // Fills in place: one thread and one column per group into the caller's buffer, so they
  // come out column by column (its room was sized by max_fills). Otherwise a log per column,
  // joined after.
  // Stops can add a fill on a bar that also has an order, so with them the bound does not
  // hold: such a run logs into its own stores (the join below then picks where they go).
  const bool stops = p.has_stops();
  const bool direct = log && log->sp && threads == 1 && C == groups && !stops;
  FillWriter one;
  std::vector<FillWriter> writers;
  std::vector<std::vector<double>> stores, excs;
  if (log) {
    log->n = 0;
    log->exc.clear();
    log->count.assign(C, 0.0);
    log->last_close.assign(C, kNaN);
    for (std::size_t c = 0; c < C; ++c) {
      const double* cl = m.close + (c % m.assets) * T;
      for (std::size_t i = T; i-- > p.start;)
        if (!std::isnan(cl[i])) {
          log->last_close[c] = cl[i];
          break;
        }
    }
    if (direct) {
      one.sp = log->sp;
      one.cap = log->cap;
      one.exc = &log->exc;
      one.fees = p.fees;
      one.fixed = p.fixed_fees;
    } else {
      writers.resize(C);
      stores.resize(C);
      excs.resize(C);
      for (std::size_t c = 0; c < C; ++c) {
        FillWriter& w = writers[c];
        w.store = &stores[c];
        w.exc = &excs[c];
        w.expect = p.start;
        w.fees = p.fees;
        w.fixed = p.fixed_fees;
      }
    }
  }
  std::vector<std::vector<Trade>> per(out.trades ? groups : 0);
  parallel_for(groups, threads, [&](std::size_t g) {
    const std::size_t c0 = first[g], len = first[g + 1] - first[g];
    double* eq = out.equity ? out.equity + g * T : nullptr;
    double* dd = out.drawdown ? out.drawdown + g * T : nullptr;
    std::vector<Trade>* tr = out.trades ? &per[g] : nullptr;
    const Sink sink(tr);
    double* met = out.metrics + g * kMetricCount;
    FillWriter* logs = nullptr;
    if (direct) {
      one.expect = p.start;
      logs = &one;
    } else if (log) {
      logs = &writers[c0];
      // orders: room for every possible fill up front, so the log never moves
      if (s.orders)
        for (std::size_t k = 0; k < len; ++k) {
          const std::size_t room = possible_fills(s, T, c0 + k, 1);
          if (room > writers[c0 + k].cap) {
            stores[c0 + k].resize(room * 2);
            writers[c0 + k].sp = stores[c0 + k].data();
            writers[c0 + k].cap = room;
            prefer_huge_pages(writers[c0 + k].sp, room * 2 * sizeof(double));
          }
        }
    }
    const std::size_t n0 = direct ? one.n : 0;
    int finite = s.orders_finite;
    // Orders: reserve the most trades the group can make (a fill closes at most one
    // trade; one left open at the end adds one per column), so recording never moves them.
    // The pass that counts them also finds any ±inf order, so the run does not scan again.
    if (tr && s.orders) {
      bool inf = false;
      tr->reserve(possible_fills(s, T, c0, len, &inf) + len);
      if (finite < 0) finite = !inf;
      // a million trades fill 64 MB: faulting it in 4 KB pages cost more than the simulation
      prefer_huge_pages(tr->data(), tr->capacity() * sizeof(Trade));
    }
    if (s.orders && len == 1 && !p.cash_sharing && !p.next_open && !eq && !dd) {
      sim_orders_one(m, s, p, c0, met, sink, logs, finite);
    } else if (s.orders) {
      OrderSource src{&s, T, 0};
      src.c0 = c0;
      sim_group(m, src, p, c0, len, met, eq, dd, sink, logs);
    } else {
      ArraySource src{&s, T, c0, p.direction, ls};
      sim_group(m, src, p, c0, len, met, eq, dd, sink, logs);
    }
    if (direct) log->count[c0] = double(one.n - n0);
    // A group's trades come in fill order; list them column by column, as vectorbt does.
    if (tr && len > 1)
      std::stable_sort(tr->begin(), tr->end(), [](const Trade& a, const Trade& b) { return a.col < b.col; });
  });
  if (out.trades) merge_trades(per, out.trades);
  if (!log) return;
  if (direct) {
    log->n = one.n;
    return;
  }
  // Join the columns' logs, column by column (fill indices of the exceptions shift).
  std::size_t total = 0;
  for (std::size_t c = 0; c < C; ++c) total += writers[c].n;
  double* dst;
  if (log->sp && total <= log->cap) {
    dst = log->sp;
  } else if (C == 1) {
    log->sp = nullptr;
    stores[0].resize(total * 2);
    log->store.swap(stores[0]);
    dst = nullptr;
  } else {
    log->sp = nullptr;
    log->store.resize(total * 2);
    dst = log->store.data();
  }
  std::size_t at = 0;
  for (std::size_t c = 0; c < C; ++c) {
    const FillWriter& w = writers[c];
    if (dst && w.n) std::memcpy(dst + 2 * at, w.sp, w.n * 2 * sizeof(double));
    for (std::size_t e = 0; e < excs[c].size(); e += 3) log->exc.insert(log->exc.end(), {excs[c][e] + double(at), excs[c][e + 1], excs[c][e + 2]});
    log->count[c] = double(w.n);
    at += w.n;
  }
  log->n = total;
}

std::size_t build_trades(const FillView& v, TradeColumns& out) {
  const Sink sink(nullptr, &out);
  std::size_t f = 0, x = 0;
  // the fill index of the next exception (SIZE_MAX: none left), so a fill without one costs
  // one compare
  auto next_exc = [&]() { return x < v.nexc ? std::size_t(v.exc[3 * x]) : SIZE_MAX; };
  std::size_t at = next_exc();
  for (std::size_t col = 0; col < v.columns; ++col) {
    Col c;
    Stats st;
    std::size_t expect = v.start;
    const std::size_t end = f + std::size_t(v.count[col]);
    for (; f < end; ++f) {
      const double sz = v.sp[2 * f];
      Fill fl;
      fl.buy = sz > 0;
      fl.size = std::fabs(sz);
      fl.price = v.sp[2 * f + 1];
      fl.fees = usual_fees(fl.size, fl.price, v.fees, v.fixed);
      std::size_t i = expect;
      for (; at == f; ++x, at = next_exc()) {
        if (v.exc[3 * x + 1] == 0) i = std::size_t(v.exc[3 * x + 2]);
        else fl.fees = v.exc[3 * x + 2];
      }
      expect = i + 1;
      on_fill<false>(c, std::uint32_t(col), i, fl, st, sink);
    }
    // a position still open at the end is a trade valued at the last valid close
    if (c.in_pos && is_less(-c.esize, 0))
      trade_done<false>(st, make_trade(std::uint32_t(col), c.esize, c.entry_idx, c.egross / c.esize, c.efees, v.last_i, v.last_close[col], 0, c.dir, true), sink);
  }
  return out.n;
}

void run_ma_grid(const Market& m, const std::int32_t* fast, const std::int32_t* slow, std::size_t combos, int ma_type,
                 const Params& p, const Outputs& out, int threads, std::size_t memory_budget) {
  const std::size_t T = m.bars;
  const IndicatorDef* def = find_indicator(ma_type == 1 ? "ema" : "sma");
  // Distinct windows, and each combination's (fast, slow) window slots.
  std::vector<std::int32_t> wins(fast, fast + combos);
  wins.insert(wins.end(), slow, slow + combos);
  std::sort(wins.begin(), wins.end());
  wins.erase(std::unique(wins.begin(), wins.end()), wins.end());
  const std::size_t U = wins.size();
  auto slot = [&](std::int32_t w) { return std::size_t(std::lower_bound(wins.begin(), wins.end(), w) - wins.begin()); };
  // Blocks of windows; two blocks are held at once, within the budget.
  const std::size_t per_win = std::max<std::size_t>(T, 1) * sizeof(double);
  const std::size_t B = std::max<std::size_t>(1, std::min(U, memory_budget / (2 * per_win)));
  const std::size_t nb = (U + B - 1) / B;
  // Combinations by block pair (lo <= hi).
  std::vector<std::vector<std::size_t>> by_pair(nb * nb);
  for (std::size_t c = 0; c < combos; ++c) {
    std::size_t a = slot(fast[c]) / B, b = slot(slow[c]) / B;
    if (a > b) std::swap(a, b);
    by_pair[a * nb + b].push_back(c);
  }
  std::vector<double> buf_a, buf_b;
  std::size_t loaded_b = SIZE_MAX;
  const int mt = pick_threads(threads, combos, double(T) * double(combos));
  auto load = [&](std::vector<double>& buf, std::size_t block) {
    const std::size_t w0 = block * B, w1 = std::min(U, w0 + B);
    buf.assign((w1 - w0) * T, 0.0);
    parallel_for(w1 - w0, pick_threads(threads, w1 - w0, double(T) * double(w1 - w0)), [&](std::size_t j) {
      const double opt = double(wins[w0 + j]);
      const double* in[1] = {m.close};
      double* o[1] = {buf.data() + j * T};
      run_single(*def, in, T, &opt, o);
    });
  };
  std::vector<std::vector<Trade>> per(out.trades ? combos : 0);
  for (std::size_t a = 0; a < nb; ++a) {
    bool any = false;
    for (std::size_t b = a; b < nb; ++b) any = any || !by_pair[a * nb + b].empty();
    if (!any) continue;
    load(buf_a, a);
    for (std::size_t b = a; b < nb; ++b) {
      const auto& list = by_pair[a * nb + b];
      if (list.empty()) continue;
      if (b != a && loaded_b != b) {
        load(buf_b, b);
        loaded_b = b;
      }
      auto ptr = [&](std::int32_t w) {
        const std::size_t s = slot(w);
        return s / B == a ? buf_a.data() + (s - a * B) * T : buf_b.data() + (s - b * B) * T;
      };
      parallel_for(list.size(), mt, [&](std::size_t j) {
        const std::size_t c = list[j];
        CrossSource src{ptr(fast[c]), ptr(slow[c]), {}, {}, 0, {}, p.direction};
        // the crossing state starts at bar 0, so a window's history before `start` counts
        if (p.start > 0) src.get(0, p.start - 1);
        Market one = m;
        one.assets = 1;
        sim_group(one, src, p, c, 1, out.metrics + c * kMetricCount, nullptr, nullptr, out.trades ? &per[c] : nullptr);
      });
    }
    loaded_b = SIZE_MAX;
  }
  merge_trades(per, out.trades);
}

}  // namespace hean::bt
