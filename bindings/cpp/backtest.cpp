// Node-API glue for the backtest kernel: checks types, lengths and prices, then one kernel
// call per request. Option values are checked in TypeScript (with their names); this side
// re-checks what memory safety depends on, so a bad call can throw but never crash.
#include <napi.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "hean/backtest.hpp"
#include "hean/memory.hpp"

namespace hean_backtest {

namespace bt = hean::bt;

// Layout of the params Float64Array (src/backtest/native.ts mirrors it).
enum P {
  kInitCash,
  kFees,
  kFixedFees,
  kSlippage,
  kSize,
  kSizeType,
  kDirection,
  kNextOpen,
  kSl,
  kTsl,
  kTp,
  kQtyStep,
  kMinQty,
  kMinNotional,
  kPeriodsPerYear,
  kStart,
  kCashSharing,
  kRecordTrades,
  kAssets,
  kThreads,
  kMemoryBudget,
  kParamCount
};

// Trades (params[kRecordTrades]): none; lazy, a fill log the result builds them from on
// first access; eager, recorded during the run (the grid's way; for tests of the lazy path).
enum Record { kNone = 0, kLazy = 1, kEager = 2 };
// Head of a fill log's meta array: columns, start, last bar, fees, fixed fees, fills,
// exceptions, trades (the run's count: the room Trades sizes the columns by); then fills
// per column, last valid close per column, exception triples.
constexpr std::size_t kMetaHead = 8;
// fromOrders' fill log: 2 MB pages (kHuge) for logs of kLogHugeMin bytes and more (see Run).
constexpr std::size_t kHuge = std::size_t(2) << 20, kLogHugeMin = std::size_t(4) << 20;
// A result's trade columns over this many bytes get a buffer each (ColumnLayout).
constexpr std::size_t kSplitMin = std::size_t(16) << 20;

template <class T>
struct Arr {
  T* p = nullptr;
  std::size_t n = 0;
};

// A typed array whose memory the call holds a pointer to: its value and what it was, so
// that after JS has run inside the call (the fill log's allocator) the call can check that
// nothing it holds was detached or replaced.
struct Held {
  Napi::Value v;
  const void* p;
  std::size_t n;
  std::string name;
};

bool still_held(Napi::Env env, const Held& h) {
  bool is = false;
  napi_typedarray_type type;
  std::size_t n = 0;
  void* data = nullptr;
  if (napi_is_typedarray(env, h.v, &is) != napi_ok || !is || napi_get_typedarray_info(env, h.v, &type, &n, &data, nullptr, nullptr) != napi_ok)
    return false;
  return n == h.n && (n == 0 || data == h.p);
}

template <class T>
Arr<T> typed(Napi::Env env, const Napi::Value& v, napi_typedarray_type want, napi_typedarray_type alt, const std::string& what,
             bool optional = false) {
  Arr<T> a;
  if (optional && (v.IsUndefined() || v.IsNull())) return a;
  bool is = false;
  napi_typedarray_type type;
  void* data = nullptr;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, v, &type, &a.n, &data, nullptr, nullptr) != napi_ok || (type != want && type != alt))
    throw Napi::TypeError::New(env, what);
  a.p = a.n ? static_cast<T*>(data) : nullptr;
  return a;
}

const char* kPriceNames[4] = {"open", "high", "low", "close"};

struct Common {
  bt::Market m;
  bt::Params p;
  int threads = 0;
  std::size_t budget = 0;
  int record = kNone;
  std::vector<Held> held;  // the price arrays
};

Common parse_common(Napi::Env env, const std::string& fn, const Napi::Value& prices_v, const Napi::Value& params_v) {
  Common c;
  if (!prices_v.IsArray() || prices_v.As<Napi::Array>().Length() != 4)
    throw Napi::TypeError::New(env, fn + ": prices must be [open, high, low, close]");
  auto pa = prices_v.As<Napi::Array>();
  auto pv = typed<double>(env, params_v, napi_float64_array, napi_float64_array, fn + ": params must be a Float64Array");
  if (pv.n != kParamCount) throw Napi::RangeError::New(env, fn + ": wrong number of params");
  const double* q = pv.p;
  const double assets = q[kAssets];
  if (!(assets >= 1 && assets <= 1e9) || assets != std::floor(assets)) throw Napi::RangeError::New(env, fn + ": assets must be an integer >= 1");
  c.m.assets = std::size_t(assets);
  Arr<double> px[4];
  for (int k = 0; k < 4; ++k) {
    const Napi::Value v = pa[std::uint32_t(k)];
    px[k] = typed<double>(env, v, napi_float64_array, napi_float64_array, fn + ": " + kPriceNames[k] + " must be a Float64Array", k < 3);
    if (px[k].p || k == 3) c.held.push_back({v, px[k].p, px[k].n, kPriceNames[k]});
  }
  if (!px[3].p && px[3].n) throw Napi::TypeError::New(env, fn + ": close is required");
  const std::size_t len = px[3].n;
  if (len % c.m.assets)
    throw Napi::RangeError::New(env, fn + ": close has length " + std::to_string(len) + ", not a multiple of assets (" + std::to_string(c.m.assets) + ")");
  for (int k = 0; k < 3; ++k)
    if (px[k].p && px[k].n != len)
      throw Napi::RangeError::New(env, fn + ": " + kPriceNames[k] + " has length " + std::to_string(px[k].n) + ", expected " + std::to_string(len) + " (the length of close)");
  c.m.bars = len / c.m.assets;
  if (c.m.bars > std::size_t(std::numeric_limits<std::int32_t>::max()))
    throw Napi::RangeError::New(env, fn + ": at most 2^31 - 1 bars per series");
  for (int k = 0; k < 4; ++k) {
    if (!px[k].p) continue;
    const std::size_t bad = bt::first_bad_price(px[k].p, px[k].n);
    if (bad != SIZE_MAX)
      throw Napi::RangeError::New(env, fn + ": " + kPriceNames[k] + "[" + std::to_string(bad) + "] is " + std::to_string(px[k].p[bad]) +
                                           "; prices must be finite and > 0 (NaN marks a gap)");
  }
  c.m.open = px[0].p;
  c.m.high = px[1].p;
  c.m.low = px[2].p;
  c.m.close = px[3].p;

  bt::Params& p = c.p;
  p.init_cash = q[kInitCash];
  p.fees = q[kFees];
  p.fixed_fees = q[kFixedFees];
  p.slippage = q[kSlippage];
  p.size = q[kSize];
  p.size_type = int(q[kSizeType]);
  p.direction = int(q[kDirection]);
  p.next_open = q[kNextOpen] != 0;
  p.sl_stop = q[kSl];
  p.tsl_stop = q[kTsl];
  p.tp_stop = q[kTp];
  p.qty_step = q[kQtyStep];
  // NaN: not given, Params' default (vectorbt's)
  if (!std::isnan(q[kMinQty])) p.min_qty = q[kMinQty];
  p.min_notional = q[kMinNotional];
  p.periods_per_year = q[kPeriodsPerYear];
  p.cash_sharing = q[kCashSharing] != 0;
  p.record_trades = q[kRecordTrades] != 0;
  auto bad = [&](const char* what) { throw Napi::RangeError::New(env, fn + ": " + what); };
  const double rec = q[kRecordTrades];
  if (!(rec == double(kNone) || rec == double(kLazy) || rec == double(kEager))) bad("bad trades mode");
  c.record = int(q[kRecordTrades]);
  if (!(p.init_cash > 0 && std::isfinite(p.init_cash))) bad("initCash must be finite and > 0");
  if (!(std::isfinite(p.fees) && p.fees > -1)) bad("fees must be finite and > -1");
  if (!(std::isfinite(p.fixed_fees) && p.fixed_fees >= 0)) bad("fixedFees must be finite and >= 0");
  if (!(std::isfinite(p.slippage) && p.slippage >= 0 && p.slippage < 1)) bad("slippage must be in [0, 1)");
  if (!(q[kSizeType] >= 0 && q[kSizeType] <= 5) || q[kSizeType] != std::floor(q[kSizeType])) bad("bad sizeType");
  if (!(q[kDirection] >= 0 && q[kDirection] <= 2) || q[kDirection] != std::floor(q[kDirection])) bad("bad direction");
  for (double s : {p.sl_stop, p.tsl_stop, p.tp_stop})
    if (!std::isnan(s) && !(s >= 0 && std::isfinite(s))) bad("stops must be NaN or finite and >= 0");
  if (!(p.qty_step >= 0 && std::isfinite(p.qty_step)) || !(p.min_qty >= 0 && std::isfinite(p.min_qty)) ||
      !(p.min_notional >= 0 && std::isfinite(p.min_notional)))
    bad("instrument rules must be finite and >= 0");
  if (!(p.periods_per_year > 0 && std::isfinite(p.periods_per_year))) bad("periodsPerYear must be finite and > 0");
  const double start = q[kStart];
  if (!(start >= 0 && start <= double(c.m.bars)) || start != std::floor(start) || (c.m.bars && start >= double(c.m.bars)))
    bad("start must be an integer in [0, bars)");
  p.start = std::size_t(start);
  if (p.next_open && !c.m.open) bad("price 'nextOpen' needs open");
  const double th = q[kThreads];
  if (!(th >= 0 && th <= 256) || th != std::floor(th)) bad("threads must be an integer in [0, 256]");
  c.threads = int(th);
  const double mb = q[kMemoryBudget];
  if (!(mb >= 1 && mb <= 1e15)) bad("memoryBudget must be >= 1 byte");
  c.budget = std::size_t(mb);
  return c;
}

// Trades as typed columns, room for `cap` trades. Recorded trades (signal runs and grids)
// and a workspace's columns: one ArrayBuffer holds every column, each at a 64-byte aligned
// offset. A result's own columns built from its fill log (Trades): sized from the trades
// the run counted and, when that is large, two buffers, each uninitialised (napi_create_buffer:
// V8-owned, freed by its GC, not zero-filled; zero_unviewed clears what no view covers): a
// buffer under glibc's mmap threshold comes from the heap, whose memory earlier results freed is warm, where one
// 35 MB buffer (a dense run of a million orders) would be fresh pages from mmap every time,
// each faulted in and zeroed by the kernel, 40% of reading the trades (docs/backtest.md#speed).
// Buffers are V8's own either way (an external buffer is freed only when the event loop
// turns, so a synchronous loop of runs would pile them up).
struct ColumnLayout {
  // size, entryPrice, exitPrice, entryFees, exitFees, pnl, return (f64), column (u32),
  // entryIndex, exitIndex (i32), direction (i8), open (u8): each one's buffer and byte offset
  Napi::ArrayBuffer buf[12];
  std::size_t off[12];
  std::size_t bytes;  // one buffer's size, every column in it
  static std::size_t width(int k) { return k < 7 ? 8 : k < 10 ? 4 : 1; }
  static std::size_t up(std::size_t x) { return (x + 63) / 64 * 64; }
  explicit ColumnLayout(std::size_t cap) {
    std::size_t q = 0;
    for (int k = 0; k < 12; ++k) {
      off[k] = q;
      q += up(cap * width(k));
    }
    bytes = std::max<std::size_t>(q, 64);
  }
  // every column in `b`
  void one(Napi::ArrayBuffer b) {
    for (auto& x : buf) x = b;
  }
  // two buffers, uninitialised: the 8-byte columns, the others
  void split(Napi::Env env) {
    const std::size_t at7 = off[7];
    Napi::ArrayBuffer a = Napi::Buffer<std::uint8_t>::New(env, at7).ArrayBuffer(), b = Napi::Buffer<std::uint8_t>::New(env, bytes - at7).ArrayBuffer();
    hean::prefer_huge_pages(a.Data(), at7);
    hean::prefer_huge_pages(b.Data(), bytes - at7);
    for (int k = 0; k < 12; ++k) {
      buf[k] = k < 7 ? a : b;
      if (k >= 7) off[k] -= at7;
    }
  }
  unsigned char* at(int k) { return static_cast<unsigned char*>(buf[k].Data()) + off[k]; }
  // Zeroes what no view of the first n trades covers (alignment gaps, room past n, to the
  // buffer's end): uninitialised buffers hold earlier heap contents, and any column's
  // .buffer reaches all of it. At most 63 bytes a column when the trade count was exact.
  void zero_unviewed(std::size_t n) {
    for (int k = 0; k < 12; ++k) {
      const bool next_here = k + 1 < 12 && buf[k + 1].Data() == buf[k].Data();
      const std::size_t end = next_here ? off[k + 1] : buf[k].ByteLength(), from = off[k] + n * width(k);
      if (end > from) std::memset(at(k) + n * width(k), 0, end - from);
    }
  }
  bt::TradeColumns columns(std::size_t cap) {
    bt::TradeColumns tc;
    double** f8[7] = {&tc.size, &tc.entry_price, &tc.exit_price, &tc.entry_fees, &tc.exit_fees, &tc.pnl, &tc.ret};
    for (int k = 0; k < 7; ++k) *f8[k] = reinterpret_cast<double*>(at(k));
    tc.col = reinterpret_cast<std::uint32_t*>(at(7));
    tc.entry_idx = reinterpret_cast<std::int32_t*>(at(8));
    tc.exit_idx = reinterpret_cast<std::int32_t*>(at(9));
    tc.direction = reinterpret_cast<std::int8_t*>(at(10));
    tc.open = reinterpret_cast<std::uint8_t*>(at(11));
    tc.cap = cap;
    return tc;
  }
  // The result object: views of the first n trades of every column.
  Napi::Value object(Napi::Env env, std::size_t n) const {
    Napi::Object o = Napi::Object::New(env);
    const char* f8[7] = {"size", "entryPrice", "exitPrice", "entryFees", "exitFees", "pnl", "return"};
    o.Set("column", Napi::Uint32Array::New(env, n, buf[7], off[7]));
    o.Set("entryIndex", Napi::Int32Array::New(env, n, buf[8], off[8]));
    o.Set("exitIndex", Napi::Int32Array::New(env, n, buf[9], off[9]));
    o.Set("direction", Napi::Int8Array::New(env, n, buf[10], off[10]));
    o.Set("open", Napi::Uint8Array::New(env, n, buf[11], off[11]));
    for (int k = 0; k < 7; ++k) o.Set(f8[k], Napi::Float64Array::New(env, n, buf[k], off[k]));
    return o;
  }
};

// Recorded trades (signal runs and grids, whose count is not known up front) as columns.
Napi::Value trades_object(Napi::Env env, const std::vector<bt::Trade>& t) {
  ColumnLayout l(t.size());
  l.one(Napi::ArrayBuffer::New(env, l.bytes));
  hean::prefer_huge_pages(l.buf[0].Data(), l.bytes);
  bt::TradeColumns tc = l.columns(t.size());
  for (const bt::Trade& r : t) tc.push(r);
  return l.object(env, t.size());
}

bool overlaps(const void* a, std::size_t an, const void* b, std::size_t bn) {
  if (!a || !b || !an || !bn) return false;
  auto pa = static_cast<const char*>(a), pb = static_cast<const char*>(b);
  return pa < pb + bn && pb < pa + an;
}

// run(mode, prices[4], signals[4] | orders, params, groupLens|undefined, outs[3 or 4]) -> trades|undefined
// mode 0: signals (Uint8Array entries, exits, shortEntries, shortExits; any undefined);
// mode 1: orders (Float64Array, NaN = no order). outs: metrics, equity|undefined,
// drawdown|undefined, and optionally the fill log's allocator (a function of a byte count
// returning an ArrayBuffer of at least that many bytes).
//
// Every input and option is checked before the fill log's memory is asked for, so a call
// that throws before then has changed nothing (not even called the allocator); the caller
// (a workspace) may take the allocator's call as the flag that a throw after it leaves the
// memory it handed out in any state.
Napi::Value Run(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const bool orders = info[0].ToNumber().Int32Value() == 1;
  const std::string fn = orders ? "hean.backtest.fromOrders" : "hean.backtest.fromSignals";
  Common c = parse_common(env, fn, info[1], info[3]);
  const int record = c.record;
  const std::size_t T = c.m.bars;
  bt::Signals s;
  std::size_t sig_len = 0;
  bool have = false;
  std::vector<std::pair<const void*, std::size_t>> inputs;
  std::vector<Held> held = c.held;
  if (orders) {
    auto o = typed<double>(env, info[2], napi_float64_array, napi_float64_array, fn + ": size must be a Float64Array");
    s.orders = o.p ? o.p : reinterpret_cast<const double*>(&s);  // never read when empty
    sig_len = o.n;
    have = true;
    inputs.push_back({o.p, o.n * 8});
    held.push_back({info[2], o.p, o.n, "size"});
    // vectorbt's from_orders has no stops; here they would also break the fill log's bound
    if (c.p.has_stops()) throw Napi::RangeError::New(env, fn + ": stopLoss, trailingStop and takeProfit are fromSignals options; fromOrders fills only the orders given");
  } else {
    if (!info[2].IsArray() || info[2].As<Napi::Array>().Length() != 4) throw Napi::TypeError::New(env, fn + ": signals must be an array of 4");
    auto sa = info[2].As<Napi::Array>();
    const char* names[4] = {"entries", "exits", "shortEntries", "shortExits"};
    const std::uint8_t** slots[4] = {&s.entries, &s.exits, &s.short_entries, &s.short_exits};
    for (std::uint32_t k = 0; k < 4; ++k) {
      auto a = typed<std::uint8_t>(env, sa[k], napi_uint8_array, napi_uint8_clamped_array,
                                   fn + ": " + names[k] + " must be a Uint8Array", true);
      if (sa.Get(k).IsUndefined() || sa.Get(k).IsNull()) continue;
      if (have && a.n != sig_len)
        throw Napi::RangeError::New(env, fn + ": " + names[k] + " has length " + std::to_string(a.n) + ", expected " + std::to_string(sig_len) + " (all signal arrays must have the same length)");
      sig_len = a.n;
      have = true;
      *slots[k] = a.p ? a.p : reinterpret_cast<const std::uint8_t*>(&s);
      inputs.push_back({a.p, a.n});
    }
    if (!have) throw Napi::TypeError::New(env, fn + ": entries is required");
  }
  if (T == 0) {
    if (sig_len) throw Napi::RangeError::New(env, fn + ": signals given for an empty close");
    s.columns = c.m.assets;
  } else {
    if (sig_len % T || sig_len / T % c.m.assets || sig_len == 0)
      throw Napi::RangeError::New(env, fn + ": signal length " + std::to_string(sig_len) + " must be a multiple of bars (" + std::to_string(T) +
                                           ") times assets (" + std::to_string(c.m.assets) + "): column c trades asset c % assets");
    s.columns = sig_len / T;
  }
  std::vector<std::uint32_t> lens;
  std::size_t groups = s.columns;
  if (c.p.cash_sharing) {
    auto g = typed<std::uint32_t>(env, info[4], napi_uint32_array, napi_uint32_array, fn + ": groups must be a Uint32Array");
    std::size_t sum = 0;
    for (std::size_t i = 0; i < g.n; ++i) {
      if (g.p[i] == 0) throw Napi::RangeError::New(env, fn + ": every group must have at least one column");
      sum += g.p[i];
    }
    if (sum != s.columns)
      throw Napi::RangeError::New(env, fn + ": group sizes add up to " + std::to_string(sum) + ", expected " + std::to_string(s.columns) + " columns");
    lens.assign(g.p, g.p + g.n);
    groups = g.n;
  }
  if (!info[5].IsArray()) throw Napi::TypeError::New(env, fn + ": outs must be an array");
  auto oa = info[5].As<Napi::Array>();
  const Napi::Value outv[3] = {oa[0u], oa[1u], oa[2u]};
  auto met = typed<double>(env, outv[0], napi_float64_array, napi_float64_array, fn + ": metrics out must be a Float64Array");
  auto eq = typed<double>(env, outv[1], napi_float64_array, napi_float64_array, fn + ": equity out must be a Float64Array", true);
  auto dd = typed<double>(env, outv[2], napi_float64_array, napi_float64_array, fn + ": drawdown out must be a Float64Array", true);
  if (met.n != groups * bt::kMetricCount) throw Napi::RangeError::New(env, fn + ": metrics out has the wrong length");
  if (eq.p && eq.n != groups * T) throw Napi::RangeError::New(env, fn + ": equity out must have columns * bars elements");
  if (dd.p && dd.n != groups * T) throw Napi::RangeError::New(env, fn + ": drawdown out must have columns * bars elements");
  held.push_back({outv[0], met.p, met.n, "metrics out"});
  if (eq.p) held.push_back({outv[1], eq.p, eq.n, "equity out"});
  if (dd.p) held.push_back({outv[2], dd.p, dd.n, "drawdown out"});
  inputs.push_back({c.m.close, T * c.m.assets * 8});
  for (const double* px : {c.m.open, c.m.high, c.m.low})
    if (px) inputs.push_back({px, T * c.m.assets * 8});
  const std::pair<const void*, std::size_t> outs[3] = {{met.p, met.n * 8}, {eq.p, eq.n * 8}, {dd.p, dd.n * 8}};
  for (auto& o : outs)
    for (auto& in : inputs)
      if (overlaps(o.first, o.second, in.first, in.second)) throw Napi::RangeError::New(env, fn + ": an output overlaps an input");
  if (overlaps(eq.p, eq.n * 8, dd.p, dd.n * 8)) throw Napi::RangeError::New(env, fn + ": equity and drawdown outputs overlap");
  const Napi::Value alloc = oa.Length() > 3 ? oa.Get(3u) : env.Undefined();
  if (!alloc.IsUndefined() && !alloc.IsFunction()) throw Napi::TypeError::New(env, fn + ": the fill log allocator must be a function");

  // The fill log's memory, from the allocator (TS: Buffer.allocUnsafeSlow, uninitialised: a
  // run writes every byte a result views; or a workspace's held memory), else a new
  // ArrayBuffer. V8 owns and frees it either way (an addon's external buffer is freed only
  // when the event loop turns: see src/core/indicator.ts).
  auto log_memory = [&](std::size_t bytes) -> Napi::ArrayBuffer {
    if (!alloc.IsFunction()) return Napi::ArrayBuffer::New(env, bytes);
    const Napi::Value b = alloc.As<Napi::Function>().Call({Napi::Number::New(env, double(bytes))});
    if (!b.IsArrayBuffer() || b.As<Napi::ArrayBuffer>().ByteLength() < bytes)
      throw Napi::TypeError::New(env, fn + ": the fill log allocator must return an ArrayBuffer of the bytes asked");
    return b.As<Napi::ArrayBuffer>();
  };
  try {
    if (record == kLazy) {
      // The fill log (two doubles a fill) is all the run writes; trades are built from it
      // on first access (Trades).
      bt::FillLog log;
      Napi::ArrayBuffer fbuf;
      std::size_t foff = 0;
      if (orders) {
        // fromOrders: the run writes the log in place, into room for every order (the bound
        // counts the non-NaN ones). A large log is laid on whole 2 MB pages: 2 MB more is
        // asked, the log starts at the first 2 MB boundary in the buffer and its room is
        // rounded up to 2 MB pages. Fresh memory from the kernel is then a few huge-page
        // faults, not ~1,000 4 KB faults at its unaligned ends: in a VM each fault is also a
        // host exit, ~10-20 us each when the host has taken the guest's free memory back,
        // which was the dense bench's slow mode (docs/backtest.md#speed). Pages the run does
        // not reach are never touched.
        std::size_t fbytes = std::max<std::size_t>(sig_len, 1) * 2 * sizeof(double);
        const std::size_t fask = fbytes >= kLogHugeMin ? (fbytes + kHuge - 1) / kHuge * kHuge + kHuge : fbytes;
        fbuf = log_memory(fask);
        // JS ran: everything the call holds must still be there (an allocator could have
        // detached an input or an output)
        for (const Held& h : held)
          if (!still_held(env, h)) throw Napi::TypeError::New(env, fn + ": " + h.name + " was detached or replaced while the fill log was allocated");
        if (fask > fbytes) {
          const auto at = reinterpret_cast<std::uintptr_t>(fbuf.Data());
          foff = std::size_t((at + kHuge - 1) / kHuge * kHuge - at);  // a multiple of 16: malloc's alignment
          fbytes = (fbytes + kHuge - 1) / kHuge * kHuge;
        }
        void* lp = static_cast<char*>(fbuf.Data()) + foff;
        for (auto& in : inputs)
          if (overlaps(lp, fbytes, in.first, in.second)) throw Napi::RangeError::New(env, fn + ": the fill log memory overlaps an input");
        for (auto& o : outs)
          if (overlaps(lp, fbytes, o.first, o.second)) throw Napi::RangeError::New(env, fn + ": the fill log memory overlaps an output");
        const std::size_t bound = bt::max_fills(s, T);
        // room for every order, so for the bound
        if (fbytes < std::max<std::size_t>(bound, 1) * 2 * sizeof(double)) throw Napi::Error::New(env, fn + ": internal: no fill log memory for " + std::to_string(bound) + " fills");
        // 2 MB pages over the log's room (Linux, THP in madvise mode; a hint): a large log is
        // aligned for them above, so a dense run of 1M orders faults 8 huge pages, not ~4,000
        // 4 KB pages (or, unaligned, 6 huge pages and ~950 small ones; docs/backtest.md#speed).
        log.sp = static_cast<double*>(lp);
        hean::prefer_huge_pages(log.sp, fbytes);
        log.cap = bound;
      }
      bt::Outputs out{met.p, eq.p, dd.p, nullptr, &log};
      bt::run(c.m, s, c.p, lens.data(), groups, out, c.threads);
      Napi::Float64Array fills;
      if (log.sp) {
        fills = Napi::Float64Array::New(env, 2 * log.n, fbuf, foff);
      } else {
        // fromSignals: the run grew the log in its own store (no bound); copied into the
        // allocator's memory now that the run is done (no input is read after this)
        fbuf = log_memory(std::max<std::size_t>(log.n, 1) * 2 * sizeof(double));
        fills = Napi::Float64Array::New(env, 2 * log.n, fbuf, 0);
        if (log.n) std::memcpy(fills.Data(), log.store.data(), 2 * log.n * sizeof(double));
      }
      const std::size_t C = log.count.size(), nexc = log.exc.size() / 3;
      Napi::Float64Array meta = Napi::Float64Array::New(env, kMetaHead + 2 * C + 3 * nexc);
      double* mp = meta.Data();
      mp[0] = double(C);
      mp[1] = double(c.p.start);
      mp[2] = double(T ? T - 1 : 0);
      mp[3] = c.p.fees;
      mp[4] = c.p.fixed_fees;
      mp[5] = double(log.n);
      mp[6] = double(nexc);
      // the run's trades (closed + open, summed over groups): as many as build_trades makes
      // from this log, which Trades checks (a short count falls back to the bound)
      double trades = 0;
      for (std::size_t g = 0; g < groups; ++g) trades += met.p[g * bt::kMetricCount + bt::kTotalTrades];
      mp[7] = trades >= 0 && trades <= double(log.n + C) ? trades : double(log.n + C);
      std::copy(log.count.begin(), log.count.end(), mp + kMetaHead);
      std::copy(log.last_close.begin(), log.last_close.end(), mp + kMetaHead + C);
      std::copy(log.exc.begin(), log.exc.end(), mp + kMetaHead + 2 * C);
      Napi::Array r = Napi::Array::New(env, 2);
      r.Set(0u, fills);
      r.Set(1u, meta);
      return r;
    }
    std::vector<bt::Trade> trades;
    bt::Outputs out{met.p, eq.p, dd.p, record == kEager ? &trades : nullptr};
    bt::run(c.m, s, c.p, lens.data(), groups, out, c.threads);
    if (record != kEager) return env.Undefined();
    return trades_object(env, trades);
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, fn + ": out of memory for this request");
  }
}

// trades(fills Float64Array, meta Float64Array, reuse ArrayBuffer|null|undefined, release
// boolean) -> trade columns: a run's fill log (Run with trades recorded lazily) through the
// same trade builder, column by column. The log is checked first, so a tampered one throws instead of
// reading out of bounds. Room: the trades the run counted (meta), else (a count that came
// up short) the bound fills + columns. `reuse` undefined: the result's own columns (see
// ColumnLayout); an ArrayBuffer or null: a workspace's (src/backtest), one buffer, the
// given one when it is large enough (its pages are warm: no fresh memory to fault in and
// zero), else a new one with room for the bound. The memory is not zeroed, so the two
// columns written only when nonzero (column, open) are cleared first.
Napi::Value Trades(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string fn = "hean.backtest trades";
  auto f = typed<double>(env, info[0], napi_float64_array, napi_float64_array, fn + ": fills must be a Float64Array");
  auto m = typed<double>(env, info[1], napi_float64_array, napi_float64_array, fn + ": meta must be a Float64Array");
  auto bad = [&]() { throw Napi::RangeError::New(env, fn + ": not a fill log of this build"); };
  auto whole = [](double x, double hi) { return x >= 0 && x <= hi && x == std::floor(x); };
  constexpr double kMaxIdx = double(std::numeric_limits<std::int32_t>::max());
  if (m.n < kMetaHead) bad();
  const double* mp = m.p;
  if (!whole(mp[0], 4294967295.0) || !whole(mp[1], kMaxIdx) || !whole(mp[2], kMaxIdx) || !whole(mp[5], 9e15) || !whole(mp[6], 9e15)) bad();
  bt::FillView v;
  v.columns = std::size_t(mp[0]);
  v.start = std::size_t(mp[1]);
  v.last_i = std::size_t(mp[2]);
  v.fees = mp[3];
  v.fixed = mp[4];
  v.n = std::size_t(mp[5]);
  v.nexc = std::size_t(mp[6]);
  if (m.n != kMetaHead + 2 * v.columns + 3 * v.nexc || f.n != 2 * v.n) bad();
  const std::size_t bound = v.n + v.columns;
  if (!whole(mp[7], double(bound))) bad();
  v.sp = f.p;
  v.count = mp + kMetaHead;
  v.last_close = v.count + v.columns;
  v.exc = v.last_close + v.columns;
  std::size_t sum = 0;
  for (std::size_t c = 0; c < v.columns; ++c) {
    if (!whole(v.count[c], double(v.n))) bad();
    sum += std::size_t(v.count[c]);
  }
  if (sum != v.n) bad();
  double prev = 0;
  for (std::size_t e = 0; e < v.nexc; ++e) {
    const double at = v.exc[3 * e], kind = v.exc[3 * e + 1];
    if (!whole(at, double(v.n) - 1) || at < prev || (kind != 0 && kind != 1) || (kind == 0 && !whole(v.exc[3 * e + 2], kMaxIdx))) bad();
    prev = at;
  }
  const bool workspace = info.Length() > 2 && (info[2].IsArrayBuffer() || info[2].IsNull());
  const bool release = !workspace && info.Length() > 3 && info[3].IsBoolean() && info[3].As<Napi::Boolean>().Value();
  try {
    for (std::size_t cap = std::size_t(mp[7]);; cap = bound) {
      ColumnLayout l(cap);
      if (workspace) {
        Napi::ArrayBuffer r = info[2].IsArrayBuffer() ? info[2].As<Napi::ArrayBuffer>() : Napi::ArrayBuffer();
        if (r.IsEmpty() || r.ByteLength() < l.bytes || overlaps(r.Data(), r.ByteLength(), f.p, f.n * 8) || overlaps(r.Data(), r.ByteLength(), m.p, m.n * 8)) {
          // new memory for the workspace to hold: room for the bound, so that later runs
          // of as many orders fit whatever their trades
          cap = bound;
          l = ColumnLayout(cap);
          // zero-filled: later runs view only part of it (their own trades), and the rest
          // must not be earlier heap contents
          r = Napi::ArrayBuffer::New(env, l.bytes);
          hean::prefer_huge_pages(r.Data(), l.bytes);
        }
        l.one(r);
      } else if (l.bytes > kSplitMin) {
        l.split(env);
      } else {
        l.one(Napi::Buffer<std::uint8_t>::New(env, l.bytes).ArrayBuffer());
      }
      bt::TradeColumns tc = l.columns(cap);
      std::memset(tc.col, 0, cap * sizeof(std::uint32_t));
      std::memset(tc.open, 0, cap);
      bt::build_trades(v, tc);
      if (tc.n <= cap) {
        if (!workspace) l.zero_unviewed(tc.n);
        Napi::Value trades = l.object(env, tc.n);
        // `release` (a result's own log, read once): its memory goes back now, not at the
        // collection that would find it dead, so the next run's log reuses it warm and V8
        // counts 16 bytes an order less of external memory (fewer collections)
        if (release) {
          napi_value ab;
          if (napi_get_typedarray_info(env, info[0], nullptr, nullptr, nullptr, &ab, nullptr) == napi_ok) napi_detach_arraybuffer(env, ab);
        }
        return trades;
      }
      if (cap == bound) bad();
    }
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, fn + ": out of memory for this request");
  }
}

// grid(prices[4], fast Int32Array, slow Int32Array, maType, params, metricsOut) -> trades|undefined
Napi::Value Grid(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string fn = "hean.backtest.maCrossGrid";
  Common c = parse_common(env, fn, info[0], info[4]);
  if (c.m.assets != 1) throw Napi::RangeError::New(env, fn + ": one asset per grid");
  if (c.p.cash_sharing) throw Napi::RangeError::New(env, fn + ": cash sharing is not available in a grid");
  auto f = typed<std::int32_t>(env, info[1], napi_int32_array, napi_int32_array, fn + ": fast must be an Int32Array");
  auto s = typed<std::int32_t>(env, info[2], napi_int32_array, napi_int32_array, fn + ": slow must be an Int32Array");
  if (f.n != s.n) throw Napi::RangeError::New(env, fn + ": fast and slow must have the same length");
  for (std::size_t i = 0; i < f.n; ++i)
    if (f.p[i] < 1 || s.p[i] < 1) throw Napi::RangeError::New(env, fn + ": windows must be >= 1");
  const double mt = info[3].ToNumber().DoubleValue();
  if (mt != 0 && mt != 1) throw Napi::RangeError::New(env, fn + ": maType must be 'sma' or 'ema'");
  auto met = typed<double>(env, info[5], napi_float64_array, napi_float64_array, fn + ": metrics out must be a Float64Array");
  if (met.n != f.n * bt::kMetricCount) throw Napi::RangeError::New(env, fn + ": metrics out has the wrong length");
  if (overlaps(met.p, met.n * 8, c.m.close, c.m.bars * 8)) throw Napi::RangeError::New(env, fn + ": an output overlaps an input");
  try {
    std::vector<bt::Trade> trades;
    bt::Outputs out{met.p, nullptr, nullptr, c.p.record_trades ? &trades : nullptr};
    // the windows are copied: the kernel may run long and reads them from threads
    std::vector<std::int32_t> fast(f.p, f.p + f.n), slow(s.p, s.p + s.n);
    bt::run_ma_grid(c.m, fast.data(), slow.data(), f.n, int(mt), c.p, out, c.threads, c.budget);
    if (!c.p.record_trades) return env.Undefined();
    return trades_object(env, trades);
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, fn + ": out of memory for this request");
  }
}

Napi::Value MetricNames(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array a = Napi::Array::New(env, bt::kMetricCount);
  for (std::uint32_t k = 0; k < bt::kMetricCount; ++k) a.Set(k, bt::kMetricNames[k]);
  return a;
}

// crossedAbove(a Float64Array, b Float64Array, out Uint8Array): lengths checked by the caller.
Napi::Value CrossedAbove(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string fn = "hean.crossedAbove";
  auto a = typed<double>(env, info[0], napi_float64_array, napi_float64_array, fn + ": a must be a Float64Array");
  auto b = typed<double>(env, info[1], napi_float64_array, napi_float64_array, fn + ": b must be a Float64Array");
  auto o = typed<std::uint8_t>(env, info[2], napi_uint8_array, napi_uint8_array, fn + ": out must be a Uint8Array");
  if (a.n != b.n || o.n != a.n) throw Napi::RangeError::New(env, fn + ": a, b and out must have the same length");
  if (a.n && (overlaps(o.p, o.n, a.p, a.n * 8) || overlaps(o.p, o.n, b.p, b.n * 8)))
    throw Napi::RangeError::New(env, fn + ": out overlaps an input");
  if (a.n) bt::crossed_above(a.p, b.p, a.n, o.p);
  return info[2];
}

void Register(Napi::Env env, Napi::Object exports) {
  exports.Set("backtestCrossedAbove", Napi::Function::New(env, CrossedAbove, "backtestCrossedAbove"));
  exports.Set("backtestRun", Napi::Function::New(env, Run, "backtestRun"));
  exports.Set("backtestGrid", Napi::Function::New(env, Grid, "backtestGrid"));
  exports.Set("backtestTrades", Napi::Function::New(env, Trades, "backtestTrades"));
  exports.Set("backtestMetricNames", Napi::Function::New(env, MetricNames, "backtestMetricNames"));
}

}  // namespace hean_backtest
