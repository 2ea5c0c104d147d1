// Vectorised backtesting: simulates columns of signals or orders against price series and
// reduces each column (or cash-sharing group) to metrics and trade records on the fly, so
// memory is O(columns + trades), never columns x bars unless per-bar equity is asked for.
// Order execution follows vectorbt's buy_nb / sell_nb (fees, fixed fees, slippage, partial
// fills when cash runs out, shorts with debt and free cash); docs/backtest.md lists where
// and why hean differs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace hean::bt {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum Direction : int { kLongOnly = 0, kShortOnly = 1, kBoth = 2 };
enum SizeType : int { kAmount = 0, kValue = 1, kPercent = 2, kTargetAmount = 3, kTargetValue = 4, kTargetPercent = 5 };

struct Params {
  double init_cash = 100;
  double fees = 0;        // fraction of traded value
  double fixed_fees = 0;  // per fill
  double slippage = 0;    // fraction of price, against the trader
  double size = kInf;     // fromSignals: order size (inf = all available cash)
  int size_type = kAmount;
  int direction = kLongOnly;
  bool next_open = false;  // fill a bar's signal at the next bar's open instead of its close
  double sl_stop = kNaN;   // stop loss, fraction below (long) / above (short) the entry reference
  double tsl_stop = kNaN;  // trailing stop, fraction from the best high (long) / low (short) since entry
  double tp_stop = kNaN;   // take profit
  double qty_step = 0;     // instrument rules: sizes are floored to a multiple of qty_step (0: none)
  double min_qty = 1e-8;   // a fill below min_qty is rejected (vectorbt's default min_size)
  double min_notional = 0; // a fill worth less than min_notional (size * fill price) is rejected
  double periods_per_year = 365;
  std::size_t start = 0;   // first bar simulated; metrics cover [start, bars)
  bool cash_sharing = false;
  bool record_trades = true;
  // a stop loss, trailing stop or take profit is set (NaN: none)
  bool has_stops() const { return sl_stop == sl_stop || tsl_stop == tsl_stop || tp_stop == tp_stop; }
};

// Metrics per column (or group), in this order; every value is a fraction, not a percent.
enum Metric : int {
  kTotalReturn,
  kCagr,
  kAnnVolatility,
  kSharpe,
  kSortino,
  kCalmar,
  kOmega,
  kMaxDrawdown,
  kMaxDrawdownDuration,
  kAvgDrawdown,
  kTotalTrades,
  kClosedTrades,
  kOpenTrades,
  kWinRate,
  kBestTrade,
  kWorstTrade,
  kAvgTrade,
  kAvgWinningTrade,
  kAvgLosingTrade,
  kAvgTradeDuration,
  kProfitFactor,
  kExpectancy,
  kSqn,
  kExposureTime,
  kTotalFees,
  kBenchmarkReturn,
  kStartValue,
  kEndValue,
  kOpenTradePnl,
  kMetricCount
};
extern const char* const kMetricNames[kMetricCount];

// One trade as vectorbt's exit trades: an exit fill closes (part of) a position whose entry
// price is the size-weighted average of its entry fills, with their fees pro rata.
struct Trade {
  std::uint32_t col;
  std::int32_t entry_idx, exit_idx;
  std::int8_t direction;  // 1 long, -1 short
  std::uint8_t open;      // 1: still open at the last bar (valued at the last close, no exit fees)
  double size, entry_price, exit_price, entry_fees, exit_fees, pnl, ret;
};

// Prices are series-major (p[a * bars + t]); column c trades asset c % assets. open/high/
// low may be null (then stops and next-open fills are unavailable; the binding checks).
struct Market {
  const double* open = nullptr;
  const double* high = nullptr;
  const double* low = nullptr;
  const double* close = nullptr;
  std::size_t bars = 0;
  std::size_t assets = 1;
};

// Signal columns (series-major, bars each, any may be null), or order sizes for fromOrders
// (NaN: no order on that bar).
struct Signals {
  const std::uint8_t* entries = nullptr;
  const std::uint8_t* exits = nullptr;
  const std::uint8_t* short_entries = nullptr;
  const std::uint8_t* short_exits = nullptr;
  const double* orders = nullptr;
  std::size_t columns = 0;
  // orders: 1 when none is ±inf, 0 when one is, -1 not known yet (max_fills finds it out in
  // the pass that counts them, so the run need not read the orders once more to check)
  int orders_finite = -1;
};

// Trades as columns (struct of arrays) written in place: the binding hands build_trades
// views of the result's own (new, zero-filled) ArrayBuffer, so no record array is built and
// transposed. cap is the room of every column; n the trades written.
struct TradeColumns {
  std::uint32_t* col = nullptr;
  std::int32_t* entry_idx = nullptr;
  std::int32_t* exit_idx = nullptr;
  std::int8_t* direction = nullptr;
  std::uint8_t* open = nullptr;
  double* size = nullptr;
  double* entry_price = nullptr;
  double* exit_price = nullptr;
  double* entry_fees = nullptr;
  double* exit_fees = nullptr;
  double* pnl = nullptr;
  double* ret = nullptr;
  std::size_t n = 0, cap = 0;

  // The columns start zeroed (a new V8 ArrayBuffer, which V8 zero-fills, or memory the
  // binding cleared), so col and open are written only when nonzero: a one-column run never
  // touches (never faults in) the pages of its column-index column. A trade past cap is
  // counted, not written: n > cap tells the caller the room it sized from a count was short.
  inline void push(const Trade& t) {
    const std::size_t i = n++;
    if (i >= cap) return;
    if (t.col) col[i] = t.col;
    entry_idx[i] = t.entry_idx;
    exit_idx[i] = t.exit_idx;
    direction[i] = t.direction;
    if (t.open) open[i] = t.open;
    size[i] = t.size;
    entry_price[i] = t.entry_price;
    exit_price[i] = t.exit_price;
    entry_fees[i] = t.entry_fees;
    exit_fees[i] = t.exit_fees;
    pnl[i] = t.pnl;
    ret[i] = t.ret;
  }
};

// Fill records: what a run keeps so that its trades can be built later (build_trades), as
// vectorbt keeps order records and builds trades on first access. Two doubles a fill, the
// size signed by side (+ buy, - sell) and the price, column by column in fill order (16 B
// a fill: a dense run writes them into fresh pages, so every byte costs). A fill's bar and
// fees are not stored when they are the predicted ones, the bar after the column's previous
// fill (the first: `start`) and size * price * fees + fixed fees (what every fill pays but
// a buy cut down to the cash); `exc` holds the others.
struct FillWriter {
  double* sp = nullptr;                // 2 per fill
  std::size_t n = 0, cap = 0;          // fills written, room
  std::vector<double>* store = nullptr;  // grown when full (null: sp is a caller's buffer of cap fills, a bound)
  std::vector<double>* exc = nullptr;  // (fill index, kind 0 bar / 1 fees, value) triples, by fill index
  std::size_t expect = 0;              // predicted bar of the next fill
  double fees = 0, fixed = 0;
};

struct FillLog {
  double* sp = nullptr;  // a caller's buffer with room for cap fills (fromOrders: max_fills), or null: `store`
  std::size_t cap = 0;
  std::vector<double> store;
  std::size_t n = 0;                // fills
  std::vector<double> exc;          // triples as FillWriter's, fill indices over the whole log
  std::vector<double> count;        // fills per column
  std::vector<double> last_close;   // per column: the last valid close in [start, bars) (an open trade's value)
};

// A log as build_trades reads it (the binding checks the counts and indices first).
struct FillView {
  const double* sp = nullptr;
  std::size_t n = 0;
  const double* exc = nullptr;
  std::size_t nexc = 0;  // triples
  const double* count = nullptr;
  const double* last_close = nullptr;
  std::size_t columns = 0, start = 0, last_i = 0;
  double fees = 0, fixed = 0;
};

// Replays the fills through the trade builder the run used (on_fill), column by column, and
// writes the trades (room: n + columns); returns how many. Same trades, same bits, as the
// run would have recorded.
std::size_t build_trades(const FillView& v, TradeColumns& out);

struct Outputs {
  double* metrics = nullptr;   // groups x kMetricCount
  double* equity = nullptr;    // groups x bars, series-major (optional)
  double* drawdown = nullptr;  // groups x bars (optional)
  std::vector<Trade>* trades = nullptr;
  // Instead of `trades` (run() only): fill records, from which build_trades makes them.
  FillLog* fills = nullptr;
};

// fromOrders: the most fills a run can make (each order fills at most once), to size a
// FillLog's buffer. Signals: no bound (SIZE_MAX; the log grows as needed).
// Sets s.orders_finite on the way (the same pass).
std::size_t max_fills(Signals& s, std::size_t bars);

// Checks prices: every value is NaN (a gap) or finite and > 0. Returns the index of the
// first bad value or SIZE_MAX.
std::size_t first_bad_price(const double* p, std::size_t n);

// out[i] = 1 where a crosses above b (vectorbt's crossed_above, the rule the grid applies):
// a > b, a <= b the bar before, a < b on some bar since the last NaN in either.
void crossed_above(const double* a, const double* b, std::size_t n, std::uint8_t* out);

// Runs every group (consecutive columns; group_lens sums to columns; with cash_sharing a
// group shares one cash balance, else every column is its own group and group_lens is
// ignored). Threads across groups.
void run(const Market& m, const Signals& s, const Params& p, const std::uint32_t* group_lens, std::size_t groups,
         const Outputs& out, int threads);

// Fast x slow moving-average crossover grid on one asset: each distinct window's moving
// average is computed once per block (by the indicator engine, so it equals sma()/ema()),
// and combination c enters long when fast[c]'s MA crosses above slow[c]'s and exits when
// it crosses below (vectorbt's crossed_above). ma_type: 0 sma, 1 ema. memory_budget bounds
// the bytes of moving averages held at once.
void run_ma_grid(const Market& m, const std::int32_t* fast, const std::int32_t* slow, std::size_t combos, int ma_type,
                 const Params& p, const Outputs& out, int threads, std::size_t memory_budget);

}  // namespace hean::bt
