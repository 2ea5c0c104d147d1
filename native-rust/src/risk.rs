//! Pre-trade risk engine, open orders, positions and PnL, as one state machine.
//!
//! Reads ([`RiskEngine::check`] and the getters) never change state. Every change goes
//! through [`RiskEngine::apply`] with an [`Event`]; an event that cannot be applied returns
//! an error and changes nothing. Time is always passed in (milliseconds since the Unix
//! epoch); the engine never reads a clock.

use crate::codec::{self, Reader, SnapshotError, SnapshotKind, Writer};
use crate::decimal::{Decimal, DecimalError, Rounding, MAX_SAFE};
use crate::money::{self, Quote, QUOTE_CAP};
use crate::instrument::{Instrument, Side};
use crate::position::{Position, StrategyStats};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

/// Milliseconds in a UTC day.
pub const DAY_MS: i64 = 86_400_000;

/// UTC day number (days since 1970-01-01) of a millisecond timestamp.
#[inline]
pub fn utc_day(ts_ms: i64) -> i64 {
    ts_ms.div_euclid(DAY_MS)
}

pub use crate::enums::{OrderFlag, ReasonCode, TradingState, ORDER_FLAG_MASK, ORDER_STRATEGY_SHIFT};

/// Every reason code, in code order.
pub const REASON_CODES: &[ReasonCode] = ReasonCode::ALL;

/// Limit or market.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderKind {
    Limit = 0,
    Market = 1,
}

impl OrderKind {
    pub fn from_u8(v: u8) -> Option<OrderKind> {
        match v {
            0 => Some(OrderKind::Limit),
            1 => Some(OrderKind::Market),
            _ => None,
        }
    }
}

/// An order as the caller describes it (JS numbers).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OrderInput {
    /// Client order id: a safe integer ≥ 0.
    pub client_id: f64,
    pub instrument: u32,
    pub side: Side,
    pub kind: OrderKind,
    /// Limit price (ignored for market orders, which use the mark).
    pub price: f64,
    pub qty: f64,
    pub reduce_only: bool,
    /// Strategy tag id (from [`RiskEngine::strategy_id`]).
    pub strategy: u32,
}

/// An order on the integer grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Order {
    pub client_id: u64,
    pub instrument: u32,
    pub side: Side,
    pub kind: OrderKind,
    /// Limit price in ticks (the reference price for a market order).
    pub price: i64,
    pub qty: i64,
    pub reduce_only: bool,
    pub strategy: u32,
}

/// An accepted order that is still open at the exchange.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenOrder {
    pub order: Order,
    /// Lots still open.
    pub leaves: i64,
    /// Lots filled.
    pub filled: i64,
    /// When it was accepted (ms).
    pub ts: i64,
}

/// A rejected check: the code and the numbers behind it (for the message).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reject {
    pub code: ReasonCode,
    /// The offending value (price, qty, notional, count…) where there is one.
    pub value: f64,
    /// The limit it broke, where there is one.
    pub limit: f64,
}

impl Reject {
    fn new(code: ReasonCode, value: f64, limit: f64) -> Reject {
        Reject { code, value, limit }
    }
    fn bare(code: ReasonCode) -> Reject {
        Reject { code, value: f64::NAN, limit: f64::NAN }
    }

    /// A sentence for logs and error messages.
    pub fn message(&self) -> String {
        let (v, l) = (self.value, self.limit);
        match self.code {
            ReasonCode::Accepted => "accepted".into(),
            ReasonCode::UnknownInstrument => format!("instrument id {v} is not registered"),
            ReasonCode::TradingHalted => "trading is HALTED: new orders are rejected (cancels pass)".into(),
            ReasonCode::TradingReducing => {
                format!("trading is REDUCING: the open orders on this side with this one ({v}) must not take the position ({l}) through zero")
            }
            ReasonCode::InvalidPrice => format!("price {v} must be a finite number > 0"),
            ReasonCode::InvalidQuantity => format!("quantity {v} must be a finite number > 0"),
            ReasonCode::PriceOffTick => format!("price {v} is not a multiple of the tick size {l}"),
            ReasonCode::QtyOffStep => format!("quantity {v} is not a multiple of the qty step {l}"),
            ReasonCode::PriceOutOfRange => format!("price {v} is outside [minPrice, maxPrice] (limit {l})"),
            ReasonCode::QtyBelowMin => format!("quantity {v} is under minOrderQty {l}"),
            ReasonCode::QtyAboveMax => format!("quantity {v} is over maxOrderQty {l}"),
            ReasonCode::QtyAboveMaxMarket => format!("market quantity {v} is over maxMktOrderQty {l}"),
            ReasonCode::NotionalBelowMin => format!("notional {v} is under minNotionalValue {l}"),
            ReasonCode::NotionalAboveMax => format!("notional {v} is over the per-order maximum {l}"),
            ReasonCode::PriceBandExceeded => format!("price {v} is outside the band around the mark (edge {l})"),
            ReasonCode::NoReferencePrice => "no mark price for this instrument (needed by market orders and the price band)".into(),
            ReasonCode::ReduceOnlyWouldIncrease => {
                format!("the open reduce-only orders on this side with this one ({v}) would grow or flip the position ({l})")
            }
            ReasonCode::PositionLimit => format!("worst-case position {v} would exceed the limit {l}"),
            ReasonCode::GrossExposureLimit => format!("gross exposure {v} would exceed the limit {l}"),
            ReasonCode::MaxOpenOrders => format!("{v} open orders already (limit {l})"),
            ReasonCode::DailyLossLimit => format!("daily loss limit {l} breached (daily PnL {v}): REDUCING until the next UTC day"),
            ReasonCode::RateLimitAccount => format!("account order rate at its limit of {l} per window"),
            ReasonCode::RateLimitSymbol => format!("symbol order rate at its limit of {l} per window"),
            ReasonCode::DuplicateClientOrderId => format!("client order id {v} is open or was used recently"),
            ReasonCode::SelfTrade => format!("price {v} would cross our own resting order at {l}"),
            ReasonCode::InvalidInput => format!("malformed order input ({v})"),
            ReasonCode::UnknownOrder => format!("order {v} is not open"),
        }
    }
}

/// Per-instrument risk limits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InstrumentLimits {
    /// Largest worst-case position (position + open orders on one side), in lots.
    pub max_position: i64,
    /// Largest notional of one order, in quote currency (∞ = none).
    pub max_notional: f64,
    /// Orders per window on this symbol (0 = none).
    pub max_orders_per_window: u32,
}

impl Default for InstrumentLimits {
    fn default() -> Self {
        InstrumentLimits { max_position: MAX_SAFE, max_notional: f64::INFINITY, max_orders_per_window: 0 }
    }
}

/// Account-wide risk limits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountLimits {
    /// Most open orders (0 = none).
    pub max_open_orders: u32,
    /// Largest gross exposure Σ|worst-case position|·price, quote currency, at most 1e12
    /// (∞ = none). Compared exactly (as the decimal the number prints as).
    pub max_gross_exposure: f64,
    /// Largest loss in a UTC day (realised + unrealised change), quote currency, in
    /// (0, 1e12] (∞ = none). Compared exactly.
    pub daily_loss_limit: f64,
    /// Orders per window on the account (0 = none).
    pub max_orders_per_window: u32,
    /// Rate-limit window in ms (default 1000).
    pub rate_window_ms: i64,
    /// How many closed client order ids are remembered for the duplicate check.
    pub id_history: u32,
}

impl Default for AccountLimits {
    fn default() -> Self {
        AccountLimits {
            max_open_orders: 0,
            max_gross_exposure: f64::INFINITY,
            daily_loss_limit: f64::INFINITY,
            max_orders_per_window: 0,
            rate_window_ms: 1000,
            id_history: 100_000,
        }
    }
}

/// Why an event could not be applied.
#[derive(Clone, Debug, PartialEq)]
pub enum EngineError {
    /// The order would not pass the checks (for [`Event::Accept`]).
    Rejected(Reject),
    /// Bad event data (the message says what).
    Invalid(String),
    /// Cancel/fill/reject of an order that is not open.
    UnknownOrder(u64),
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Rejected(r) => write!(f, "{}: {}", r.code, r.message()),
            EngineError::Invalid(m) => f.write_str(m),
            EngineError::UnknownOrder(id) => write!(f, "order {id} is not open"),
        }
    }
}

impl std::error::Error for EngineError {}

/// Every state change of the engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Registers an instrument; its id is the next index.
    AddInstrument { rules: Instrument, limits: InstrumentLimits },
    /// Replaces an instrument's limits.
    SetInstrumentLimits { instrument: u32, limits: InstrumentLimits },
    /// Replaces the account limits.
    SetAccountLimits(AccountLimits),
    /// Registers a strategy tag; its id is the next index.
    AddStrategy(String),
    /// Kill switch.
    SetState { state: TradingState, ts: i64 },
    /// An order passed the checks and was sent: it becomes open. Applying it re-checks it.
    Accept { order: Order, ts: i64 },
    /// The exchange filled (part of) an open order.
    Fill { client_id: u64, qty: i64, price: i64, fee: f64, ts: i64 },
    /// The exchange cancelled an open order (or the rest of it).
    Cancel { client_id: u64, ts: i64 },
    /// The exchange rejected an order we had accepted.
    ExchangeReject { client_id: u64, ts: i64 },
    /// A new mark price (ticks).
    Mark { instrument: u32, price: i64, ts: i64 },
    /// Moves the clock to `ts` (rolls the UTC day if it changed).
    Tick { ts: i64 },
}

/// Recent accept times (oldest first), for a sliding-window rate limit: at least the
/// newest `limit` (all a check needs, for any window) and every one still inside the
/// window. Every accept is recorded, whatever the limit (even 0, no limit), so lowering and
/// raising a limit, or setting one, never forgets accepts that are still in the window.
#[derive(Clone, Debug, Default, PartialEq)]
struct RateWindow {
    times: VecDeque<i64>,
}

impl RateWindow {
    fn with_capacity(n: u32) -> RateWindow {
        RateWindow { times: VecDeque::with_capacity(n.min(4096) as usize) }
    }
    /// True when `extra` more accepts plus those in the window ending at `now` stay
    /// under `limit`.
    #[inline]
    fn allows(&self, limit: u32, now: i64, window: i64, extra: u32) -> bool {
        if limit == 0 {
            return true;
        }
        if extra >= limit {
            return false;
        }
        let need = (limit - extra) as usize;
        if self.times.len() < need {
            return true;
        }
        // The need-th newest accept must have left the window.
        now.saturating_sub(self.times[self.times.len() - need]) >= window
    }
    /// Records an accept at `ts`; drops the oldest only beyond the newest `limit` and
    /// `window` ms or more before `ts`.
    fn record(&mut self, ts: i64, limit: u32, window: i64) {
        self.times.push_back(ts);
        while self.times.len() > limit as usize && self.times.front().is_some_and(|&t| ts.saturating_sub(t) >= window) {
            self.times.pop_front();
        }
    }
    fn chronological(&self) -> Vec<i64> {
        self.times.iter().copied().collect()
    }
}

/// FxHash-style hasher for integer keys.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(v as u64);
    }
}
type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// Most strategy tags an engine holds.
pub const MAX_STRATEGIES: usize = u16::MAX as usize;
/// Most instruments an engine holds (keeps sums of clamped quote amounts in range).
pub const MAX_INSTRUMENTS: usize = 1 << 24;

/// Orders checked as if already accepted (a router's earlier children): how many, the
/// gross exposure they add, and their open lots per instrument.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pending {
    pub orders: u32,
    pub gross_add: Quote,
    /// (instrument, buy lots, sell lots, reduce-only buy lots, reduce-only sell lots, orders).
    pub lots: Vec<(u32, i64, i64, i64, i64, u32)>,
}

impl Pending {
    /// Pending buy, sell, reduce-only buy, reduce-only sell lots and orders on `instrument`.
    #[inline]
    fn of(&self, instrument: u32) -> (i64, i64, i64, i64, u32) {
        for &(i, b, s, rb, rs, n) in &self.lots {
            if i == instrument {
                return (b, s, rb, rs, n);
            }
        }
        (0, 0, 0, 0, 0)
    }

    /// Records an order as pending; `exposure` is [`RiskEngine::exposure_added`] for it.
    pub fn add(&mut self, o: &Order, exposure: Quote) {
        self.orders += 1;
        self.gross_add += exposure;
        let (b, s) = match o.side {
            Side::Buy => (o.qty, 0),
            Side::Sell => (0, o.qty),
        };
        let (rb, rs) = if o.reduce_only { (b, s) } else { (0, 0) };
        match self.lots.iter_mut().find(|e| e.0 == o.instrument) {
            Some(e) => {
                e.1 += b;
                e.2 += s;
                e.3 += rb;
                e.4 += rs;
                e.5 += 1;
            }
            None => self.lots.push((o.instrument, b, s, rb, rs, 1)),
        }
    }
}

/// A finite account limit as an exact quote amount (None for ∞).
fn limit_quote(x: f64) -> Option<Quote> {
    if x.is_finite() {
        money::from_f64(x, Rounding::Down)
    } else {
        None
    }
}

/// State of one instrument.
#[derive(Clone, Debug, PartialEq)]
pub struct InstrumentState {
    pub rules: Instrument,
    pub limits: InstrumentLimits,
    /// Account position.
    pub position: Position,
    /// Open buy / sell lots.
    pub open_buy: i64,
    pub open_sell: i64,
    /// Open reduce-only buy / sell lots (a subset of the above).
    pub open_ro_buy: i64,
    pub open_ro_sell: i64,
    /// Our resting limit prices → count, per side.
    own_bids: BTreeMap<i64, u32>,
    own_asks: BTreeMap<i64, u32>,
    /// Mark price in ticks (0 = none yet).
    pub mark: i64,
    band_lo: i64,
    band_hi: i64,
    max_notional_units: i128,
    rate: RateWindow,
    /// Contributions to the account totals (exact quote).
    exposure: Quote,
    unrealized: Quote,
    /// Last accepted order price, for valuing exposure before a mark.
    last_order_price: i64,
}

impl InstrumentState {
    fn new(rules: Instrument, limits: InstrumentLimits) -> InstrumentState {
        let max_notional_units = rules.notional_units_floor(limits.max_notional);
        InstrumentState {
            rules,
            limits,
            position: Position::default(),
            open_buy: 0,
            open_sell: 0,
            open_ro_buy: 0,
            open_ro_sell: 0,
            own_bids: BTreeMap::new(),
            own_asks: BTreeMap::new(),
            mark: 0,
            band_lo: 0,
            band_hi: i64::MAX,
            max_notional_units,
            rate: RateWindow::with_capacity(limits.max_orders_per_window),
            exposure: 0,
            unrealized: 0,
            last_order_price: 0,
        }
    }

    /// Price used to value exposure: the mark, else the last fill, else the last order.
    #[inline]
    fn ref_price(&self) -> i64 {
        if self.mark > 0 {
            self.mark
        } else if self.position.last_price > 0 {
            self.position.last_price
        } else {
            self.last_order_price
        }
    }

    /// Worst-case absolute position in lots given extra open buy/sell lots.
    #[inline]
    fn worst(&self, extra_buy: i64, extra_sell: i64) -> i64 {
        let long = self.position.qty + self.open_buy + extra_buy;
        let short = self.open_sell + extra_sell - self.position.qty;
        long.max(short).max(0)
    }

    /// Exposure of `worst` lots at `price` ticks (exact; rounded up only past 18 decimals).
    fn exposure_value(&self, worst: i64, price: i64) -> Quote {
        self.rules.notional_quote(worst as i128 * price as i128, Rounding::Up)
    }

    fn set_band(&mut self) {
        (self.band_lo, self.band_hi) = self.rules.band_ticks(self.mark);
    }

    /// Open lots on `side`: all of them, and the reduce-only ones.
    #[inline]
    fn open_lots(&self, side: Side) -> (i64, i64) {
        match side {
            Side::Buy => (self.open_buy, self.open_ro_buy),
            Side::Sell => (self.open_sell, self.open_ro_sell),
        }
    }

    /// Adds `d` open lots of an order (negative to remove).
    #[inline]
    fn add_open(&mut self, o: &Order, d: i64) {
        let (all, ro) = match o.side {
            Side::Buy => (&mut self.open_buy, &mut self.open_ro_buy),
            Side::Sell => (&mut self.open_sell, &mut self.open_ro_sell),
        };
        *all += d;
        if o.reduce_only {
            *ro += d;
        }
    }
}

/// Position of one strategy tag on one instrument.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StrategyPosition {
    pub position: Position,
    /// PnL net of fees of the round trip in progress.
    pub trip_pnl: f64,
}

/// Why the account is REDUCING.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReduceCause {
    Manual = 0,
    LossLimit = 1,
}

/// The risk engine.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskEngine {
    instruments: Vec<InstrumentState>,
    by_symbol: HashMap<String, u32>,
    strategies: Vec<String>,
    account: AccountLimits,
    state: TradingState,
    reduce_cause: ReduceCause,
    open: IdMap<u64, OpenOrder>,
    closed_ids: IdSet<u64>,
    closed_fifo: VecDeque<u64>,
    rate: RateWindow,
    /// Current clock (ms) and UTC day.
    now: i64,
    day: i64,
    /// Realised PnL net of fees today (exact quote).
    daily_realized: Quote,
    /// Unrealised PnL at the start of today (exact quote).
    unrealized_at_day_start: Quote,
    /// Account totals (exact quote), kept incrementally: sums of the instruments' parts.
    gross_exposure: Quote,
    unrealized_total: Quote,
    /// The account limits as exact quote amounts (None = no limit).
    gross_limit: Option<Quote>,
    loss_limit: Option<Quote>,
    strat_pos: BTreeMap<(u32, u32), StrategyPosition>,
    strat_stats: Vec<StrategyStats>,
    /// Realised PnL net of fees per (UTC day, strategy).
    daily_by_strategy: BTreeMap<(i64, u32), f64>,
    /// Accepted order count, fills count (for reports).
    pub accepted_total: u64,
}

impl Default for RiskEngine {
    fn default() -> Self {
        RiskEngine::new(AccountLimits::default())
    }
}

fn is_safe_id(x: f64) -> bool {
    x.is_finite() && x >= 0.0 && x <= MAX_SAFE as f64 && x.fract() == 0.0
}

impl RiskEngine {
    /// An empty engine with validated account limits (as [`Event::SetAccountLimits`]
    /// checks them); see [`RiskEngine::new`].
    pub fn try_new(account: AccountLimits) -> Result<RiskEngine, EngineError> {
        validate_account(&account)?;
        Ok(RiskEngine::new(account))
    }

    /// An empty engine (ACTIVE) with one strategy tag, "default" (id 0). The limits are
    /// taken as given: limits that [`RiskEngine::try_new`] would refuse give an engine
    /// whose snapshot is refused on restore.
    pub fn new(account: AccountLimits) -> RiskEngine {
        RiskEngine {
            instruments: Vec::new(),
            by_symbol: HashMap::new(),
            strategies: vec!["default".to_string()],
            account,
            state: TradingState::Active,
            reduce_cause: ReduceCause::Manual,
            open: IdMap::default(),
            closed_ids: IdSet::default(),
            closed_fifo: VecDeque::new(),
            rate: RateWindow::with_capacity(account.max_orders_per_window),
            now: i64::MIN,
            day: i64::MIN,
            daily_realized: 0,
            unrealized_at_day_start: 0,
            gross_exposure: 0,
            unrealized_total: 0,
            gross_limit: limit_quote(account.max_gross_exposure),
            loss_limit: limit_quote(account.daily_loss_limit),
            strat_pos: BTreeMap::new(),
            strat_stats: vec![StrategyStats::default()],
            daily_by_strategy: BTreeMap::new(),
            accepted_total: 0,
        }
    }

    // ----- reads -------------------------------------------------------------------------

    /// Number of instruments.
    pub fn instrument_count(&self) -> usize {
        self.instruments.len()
    }
    /// Instrument state by id.
    pub fn instrument(&self, id: u32) -> Option<&InstrumentState> {
        self.instruments.get(id as usize)
    }
    /// Instrument id by `symbol` (or `venue:symbol` when a venue was given).
    pub fn instrument_id(&self, key: &str) -> Option<u32> {
        self.by_symbol.get(key).copied()
    }
    /// Strategy tag names by id.
    pub fn strategies(&self) -> &[String] {
        &self.strategies
    }
    /// Id of a strategy tag if registered.
    pub fn strategy_lookup(&self, name: &str) -> Option<u32> {
        self.strategies.iter().position(|s| s == name).map(|i| i as u32)
    }
    /// Account limits.
    pub fn account_limits(&self) -> &AccountLimits {
        &self.account
    }
    /// Trading state.
    pub fn state(&self) -> TradingState {
        self.state
    }
    /// True when REDUCING was set by the daily loss limit.
    pub fn reducing_by_loss_limit(&self) -> bool {
        self.state == TradingState::Reducing && self.reduce_cause == ReduceCause::LossLimit
    }
    /// Open orders (unordered).
    pub fn open_orders(&self) -> impl Iterator<Item = &OpenOrder> {
        self.open.values()
    }
    /// An open order by client id.
    pub fn open_order(&self, id: u64) -> Option<&OpenOrder> {
        self.open.get(&id)
    }
    /// Number of open orders.
    pub fn open_order_count(&self) -> usize {
        self.open.len()
    }
    /// Clock (ms) of the last event.
    pub fn now(&self) -> i64 {
        self.now
    }
    /// Gross exposure (quote) by worst-case positions at reference prices.
    pub fn gross_exposure(&self) -> f64 {
        money::to_f64(self.gross_exposure)
    }
    /// Gross exposure as an exact quote amount (10^-18 units).
    pub fn gross_exposure_exact(&self) -> Quote {
        self.gross_exposure
    }
    /// Unrealised PnL of all positions at their marks (quote).
    pub fn unrealized(&self) -> f64 {
        money::to_f64(self.unrealized_total)
    }
    /// Today's PnL: realised (net of fees) plus the change in unrealised since the day began.
    pub fn daily_pnl(&self) -> f64 {
        money::to_f64(self.daily_pnl_exact())
    }
    /// Today's PnL as an exact quote amount (10^-18 units).
    pub fn daily_pnl_exact(&self) -> Quote {
        self.daily_realized.saturating_add(self.unrealized_total - self.unrealized_at_day_start)
    }
    /// Today's realised PnL net of fees.
    pub fn daily_realized(&self) -> f64 {
        money::to_f64(self.daily_realized)
    }
    /// Current UTC day number (i64::MIN before any event with a time).
    pub fn day(&self) -> i64 {
        self.day
    }
    /// Per-strategy statistics by strategy id.
    pub fn strategy_stats(&self) -> &[StrategyStats] {
        &self.strat_stats
    }
    /// Strategy positions keyed by (instrument, strategy).
    pub fn strategy_positions(&self) -> &BTreeMap<(u32, u32), StrategyPosition> {
        &self.strat_pos
    }
    /// Realised PnL net of fees per (UTC day, strategy).
    pub fn daily_pnl_by_strategy(&self) -> &BTreeMap<(i64, u32), f64> {
        &self.daily_by_strategy
    }
    /// Realised PnL net of fees of an instrument's account position (quote).
    pub fn realized_of(&self, id: u32) -> f64 {
        self.instruments.get(id as usize).map_or(f64::NAN, |s| s.rules.notional_f64(s.position.realized) - s.position.fees)
    }
    /// Unrealised PnL of an instrument's account position at its mark (quote).
    pub fn unrealized_of(&self, id: u32) -> f64 {
        self.instruments.get(id as usize).map_or(f64::NAN, |s| money::to_f64(s.unrealized))
    }

    /// Converts an [`OrderInput`] to the grid and runs every check against the current
    /// state, without changing it.
    #[inline]
    pub fn check(&self, o: &OrderInput, now: i64) -> Result<Order, Reject> {
        let order = self.to_grid(o)?;
        self.check_order(&order, now)?;
        Ok(order)
    }

    /// Puts an order's price and quantity on the instrument's grid (exactly, or a reject).
    pub fn to_grid(&self, o: &OrderInput) -> Result<Order, Reject> {
        if !is_safe_id(o.client_id) {
            return Err(Reject::new(ReasonCode::InvalidInput, o.client_id, f64::NAN));
        }
        let inst = match self.instruments.get(o.instrument as usize) {
            Some(s) => s,
            None => return Err(Reject::new(ReasonCode::UnknownInstrument, o.instrument as f64, f64::NAN)),
        };
        if o.strategy as usize >= self.strategies.len() {
            return Err(Reject::new(ReasonCode::InvalidInput, o.strategy as f64, f64::NAN));
        }
        let r = &inst.rules;
        let price = match o.kind {
            OrderKind::Limit => {
                if !(o.price.is_finite() && o.price > 0.0) {
                    return Err(Reject::new(ReasonCode::InvalidPrice, o.price, f64::NAN));
                }
                match r.tick.steps_of_f64(o.price, Rounding::Exact) {
                    Ok(t) => t,
                    Err(DecimalError::Overflow) => return Err(Reject::new(ReasonCode::PriceOutOfRange, o.price, r.price_f64(r.max_price))),
                    Err(_) => return Err(Reject::new(ReasonCode::PriceOffTick, o.price, r.tick.value())),
                }
            }
            OrderKind::Market => {
                if inst.mark <= 0 {
                    return Err(Reject::bare(ReasonCode::NoReferencePrice));
                }
                inst.mark
            }
        };
        if !(o.qty.is_finite() && o.qty > 0.0) {
            return Err(Reject::new(ReasonCode::InvalidQuantity, o.qty, f64::NAN));
        }
        let qty = match r.lot.steps_of_f64(o.qty, Rounding::Exact) {
            Ok(q) => q,
            Err(DecimalError::Overflow) => return Err(Reject::new(ReasonCode::QtyAboveMax, o.qty, r.qty_f64(r.max_qty))),
            Err(_) => return Err(Reject::new(ReasonCode::QtyOffStep, o.qty, r.lot.value())),
        };
        Ok(Order {
            client_id: o.client_id as u64,
            instrument: o.instrument,
            side: o.side,
            kind: o.kind,
            price,
            qty,
            reduce_only: o.reduce_only,
            strategy: o.strategy,
        })
    }

    /// Runs every check on an order already on the grid.
    #[inline]
    pub fn check_order(&self, o: &Order, now: i64) -> Result<(), Reject> {
        self.check_order_with(o, now, true, &Pending::default())
    }

    /// Runs every check on an order already on the grid as if the `pending` orders had
    /// been accepted first; `check_id` false skips the client-id checks (for orders that
    /// have no id yet, such as a router's children).
    pub fn check_order_with(&self, o: &Order, now: i64, check_id: bool, pending: &Pending) -> Result<(), Reject> {
        let inst = match self.instruments.get(o.instrument as usize) {
            Some(s) => s,
            None => return Err(Reject::new(ReasonCode::UnknownInstrument, o.instrument as f64, f64::NAN)),
        };
        let r = &inst.rules;
        if o.client_id > MAX_SAFE as u64 || o.strategy as usize >= self.strategies.len() {
            return Err(Reject::new(ReasonCode::InvalidInput, o.client_id as f64, f64::NAN));
        }
        if check_id && (self.open.contains_key(&o.client_id) || self.closed_ids.contains(&o.client_id)) {
            return Err(Reject::new(ReasonCode::DuplicateClientOrderId, o.client_id as f64, f64::NAN));
        }
        if self.state == TradingState::Halted {
            return Err(Reject::bare(ReasonCode::TradingHalted));
        }
        if o.price <= 0 || o.price > MAX_SAFE || o.qty <= 0 {
            return Err(Reject::new(
                if o.price <= 0 || o.price > MAX_SAFE { ReasonCode::InvalidPrice } else { ReasonCode::InvalidQuantity },
                r.price_f64(o.price),
                f64::NAN,
            ));
        }
        if o.kind == OrderKind::Limit && (o.price < r.min_price || o.price > r.max_price) {
            let edge = if o.price < r.min_price { r.min_price } else { r.max_price };
            return Err(Reject::new(ReasonCode::PriceOutOfRange, r.price_f64(o.price), r.price_f64(edge)));
        }
        if o.qty < r.min_qty {
            return Err(Reject::new(ReasonCode::QtyBelowMin, r.qty_f64(o.qty), r.qty_f64(r.min_qty)));
        }
        match o.kind {
            OrderKind::Limit if o.qty > r.max_qty => {
                return Err(Reject::new(ReasonCode::QtyAboveMax, r.qty_f64(o.qty), r.qty_f64(r.max_qty)))
            }
            OrderKind::Market if o.qty > r.max_mkt_qty => {
                return Err(Reject::new(ReasonCode::QtyAboveMaxMarket, r.qty_f64(o.qty), r.qty_f64(r.max_mkt_qty)))
            }
            _ => {}
        }
        let (pend_buy, pend_sell, pend_ro_buy, pend_ro_sell, pend_count) = pending.of(o.instrument);
        let pos = inst.position.qty;
        // Lots that could fill against the position: open orders on this side (and pending ones).
        let (open_side, open_ro_side) = inst.open_lots(o.side);
        let (open_side, open_ro_side) = match o.side {
            Side::Buy => (open_side + pend_buy, open_ro_side + pend_ro_buy),
            Side::Sell => (open_side + pend_sell, open_ro_side + pend_ro_sell),
        };
        // The order is on the closing side of a position (it can only shrink it).
        let closing = pos != 0 && pos.signum() != o.side.sign();
        if o.reduce_only && !(closing && open_ro_side.saturating_add(o.qty) <= pos.abs()) {
            return Err(Reject::new(ReasonCode::ReduceOnlyWouldIncrease, r.qty_f64(open_ro_side.saturating_add(o.qty)), r.qty_f64(pos)));
        }
        // A loss-limit REDUCING ends with its UTC day, even before an event rolls the day.
        let loss_reducing = self.state == TradingState::Reducing && self.reduce_cause == ReduceCause::LossLimit;
        let reducing_now = self.state == TradingState::Reducing && !(loss_reducing && utc_day(now) > self.day);
        // REDUCING: every open order on this side plus this one, all filled, must not take
        // the position through zero.
        if reducing_now && !(closing && open_side.saturating_add(o.qty) <= pos.abs()) {
            if loss_reducing {
                return Err(Reject::new(ReasonCode::DailyLossLimit, self.daily_pnl(), self.account.daily_loss_limit));
            }
            return Err(Reject::new(ReasonCode::TradingReducing, r.qty_f64(open_side.saturating_add(o.qty)), r.qty_f64(pos)));
        }
        let notional = o.price as i128 * o.qty as i128;
        if !o.reduce_only && notional < r.min_notional {
            return Err(Reject::new(ReasonCode::NotionalBelowMin, r.notional_f64(notional), r.min_notional_value.to_f64()));
        }
        if notional > inst.max_notional_units {
            return Err(Reject::new(ReasonCode::NotionalAboveMax, r.notional_f64(notional), inst.limits.max_notional));
        }
        if o.kind == OrderKind::Limit && r.price_band.is_some() {
            if inst.mark <= 0 {
                return Err(Reject::bare(ReasonCode::NoReferencePrice));
            }
            if o.price < inst.band_lo || o.price > inst.band_hi {
                let edge = if o.price < inst.band_lo { inst.band_lo } else { inst.band_hi };
                return Err(Reject::new(ReasonCode::PriceBandExceeded, r.price_f64(o.price), r.price_f64(edge)));
            }
        }
        // Self-trade: would the order cross one of our resting orders on the other side?
        match o.side {
            Side::Buy => {
                if let Some((&ask, _)) = inst.own_asks.first_key_value() {
                    if o.kind == OrderKind::Market || o.price >= ask {
                        return Err(Reject::new(ReasonCode::SelfTrade, r.price_f64(o.price), r.price_f64(ask)));
                    }
                }
            }
            Side::Sell => {
                if let Some((&bid, _)) = inst.own_bids.last_key_value() {
                    if o.kind == OrderKind::Market || o.price <= bid {
                        return Err(Reject::new(ReasonCode::SelfTrade, r.price_f64(o.price), r.price_f64(bid)));
                    }
                }
            }
        }
        let (eb, es) = match o.side {
            Side::Buy => (o.qty, 0),
            Side::Sell => (0, o.qty),
        };
        let worst_before = inst.worst(pend_buy, pend_sell);
        let worst_after = inst.worst(pend_buy + eb, pend_sell + es);
        if worst_after > inst.limits.max_position && worst_after > worst_before {
            return Err(Reject::new(ReasonCode::PositionLimit, r.qty_f64(worst_after), r.qty_f64(inst.limits.max_position)));
        }
        if let Some(limit) = self.gross_limit {
            if worst_after > worst_before {
                let rp = inst.ref_price();
                let rp = if rp > 0 { rp } else { o.price };
                // Exact: every term is a whole number of 10^-18 quote (see money.rs).
                let after = self.gross_exposure + pending.gross_add - inst.exposure + inst.exposure_value(worst_after, rp);
                if after > limit {
                    return Err(Reject::new(ReasonCode::GrossExposureLimit, money::to_f64(after), self.account.max_gross_exposure));
                }
            }
        }
        let open_count = self.open.len() + pending.orders as usize;
        if self.account.max_open_orders > 0 && open_count >= self.account.max_open_orders as usize {
            return Err(Reject::new(ReasonCode::MaxOpenOrders, open_count as f64, self.account.max_open_orders as f64));
        }
        let w = self.account.rate_window_ms;
        if !self.rate.allows(self.account.max_orders_per_window, now, w, pending.orders) {
            return Err(Reject::new(ReasonCode::RateLimitAccount, f64::NAN, self.account.max_orders_per_window as f64));
        }
        if !inst.rate.allows(inst.limits.max_orders_per_window, now, w, pend_count) {
            return Err(Reject::new(ReasonCode::RateLimitSymbol, f64::NAN, inst.limits.max_orders_per_window as f64));
        }
        Ok(())
    }

    /// The exposure an order adds to the account's gross exposure if accepted (for
    /// [`Pending`]); 0 when it does not grow its instrument's worst case.
    pub fn exposure_added(&self, o: &Order, pending: &Pending) -> Quote {
        let Some(inst) = self.instruments.get(o.instrument as usize) else { return 0 };
        let (pb, ps, ..) = pending.of(o.instrument);
        let (eb, es) = match o.side {
            Side::Buy => (o.qty, 0),
            Side::Sell => (0, o.qty),
        };
        let (before, after) = (inst.worst(pb, ps), inst.worst(pb + eb, ps + es));
        if after <= before {
            return 0;
        }
        let rp = inst.ref_price();
        let rp = if rp > 0 { rp } else { o.price };
        inst.exposure_value(after, rp) - inst.exposure_value(before, rp)
    }

    /// Whether a cancel request for `client_id` may go out: always, if the order is open
    /// (whatever the trading state).
    pub fn check_cancel(&self, client_id: u64) -> ReasonCode {
        if self.open.contains_key(&client_id) {
            ReasonCode::Accepted
        } else {
            ReasonCode::UnknownOrder
        }
    }

    /// Checks an order and, if it passes, applies [`Event::Accept`] (it becomes open).
    pub fn submit(&mut self, o: &OrderInput, now: i64) -> Result<Order, Reject> {
        let order = self.check(o, now)?;
        self.accept_unchecked(order, now);
        Ok(order)
    }

    /// The strategy id to check an order under when it is tagged `tag`: the tag's id if
    /// registered, else 0 (no check depends on which tag an order carries, so a read never
    /// needs to register one). InvalidInput for a tag that could never be registered.
    pub fn strategy_for_check(&self, tag: Option<&str>) -> Result<u32, Reject> {
        match tag {
            None => Ok(0),
            Some(t) => match self.strategy_lookup(t) {
                Some(i) => Ok(i),
                None if t.is_empty() || self.strategies.len() >= MAX_STRATEGIES => Err(Reject::bare(ReasonCode::InvalidInput)),
                None => Ok(0),
            },
        }
    }

    /// [`RiskEngine::submit`] for an order tagged `tag` (its `strategy` field is ignored):
    /// a new tag is registered only when the order is accepted, so a rejected order
    /// changes nothing.
    pub fn submit_tagged(&mut self, o: &OrderInput, tag: Option<&str>, now: i64) -> Result<Order, Reject> {
        let sid = self.strategy_for_check(tag)?;
        let mut order = self.check(&OrderInput { strategy: sid, ..*o }, now)?;
        if let Some(t) = tag {
            order.strategy = self.strategy_id(t).map_err(|_| Reject::bare(ReasonCode::InvalidInput))?;
        }
        self.accept_unchecked(order, now);
        Ok(order)
    }

    // ----- the one mutation path -----------------------------------------------------------

    /// Applies one event. On error nothing changed.
    pub fn apply(&mut self, ev: Event) -> Result<(), EngineError> {
        match ev {
            Event::AddInstrument { rules, limits } => {
                validate_limits(&limits)?;
                let key = instrument_key(&rules);
                if self.by_symbol.contains_key(&key) {
                    return Err(EngineError::Invalid(format!("instrument '{key}' is already registered")));
                }
                if self.instruments.len() >= MAX_INSTRUMENTS {
                    return Err(EngineError::Invalid("too many instruments".into()));
                }
                self.by_symbol.insert(key, self.instruments.len() as u32);
                self.instruments.push(InstrumentState::new(rules, limits));
                Ok(())
            }
            Event::SetInstrumentLimits { instrument, limits } => {
                validate_limits(&limits)?;
                let st = self.inst_mut(instrument)?;
                st.limits = limits;
                st.max_notional_units = st.rules.notional_units_floor(limits.max_notional);
                Ok(())
            }
            Event::SetAccountLimits(a) => {
                validate_account(&a)?;
                self.account = a;
                self.gross_limit = limit_quote(a.max_gross_exposure);
                self.loss_limit = limit_quote(a.daily_loss_limit);
                while self.closed_fifo.len() > a.id_history as usize {
                    if let Some(id) = self.closed_fifo.pop_front() {
                        self.closed_ids.remove(&id);
                    }
                }
                // A tighter loss limit may already be breached.
                self.check_loss_limit();
                Ok(())
            }
            Event::AddStrategy(name) => {
                if name.is_empty() || self.strategies.contains(&name) {
                    return Err(EngineError::Invalid(format!("strategy tag '{name}' is empty or already registered")));
                }
                if self.strategies.len() >= MAX_STRATEGIES {
                    return Err(EngineError::Invalid("too many strategy tags".into()));
                }
                self.strategies.push(name);
                self.strat_stats.push(StrategyStats::default());
                Ok(())
            }
            Event::SetState { state, ts } => {
                self.advance(ts);
                self.state = state;
                self.reduce_cause = ReduceCause::Manual;
                Ok(())
            }
            Event::Accept { order, ts } => {
                self.check_order(&order, ts).map_err(EngineError::Rejected)?;
                self.accept_unchecked(order, ts);
                Ok(())
            }
            Event::Fill { client_id, qty, price, fee, ts } => self.fill(client_id, qty, price, fee, ts),
            Event::Cancel { client_id, ts } | Event::ExchangeReject { client_id, ts } => {
                if !self.open.contains_key(&client_id) {
                    return Err(EngineError::UnknownOrder(client_id));
                }
                self.advance(ts);
                self.close_order(client_id);
                Ok(())
            }
            Event::Mark { instrument, price, ts } => {
                if price <= 0 || price > MAX_SAFE {
                    return Err(EngineError::Invalid(format!("mark price must be > 0 ticks, got {price}")));
                }
                self.inst_mut(instrument)?;
                self.advance(ts);
                let st = &mut self.instruments[instrument as usize];
                st.mark = price;
                st.set_band();
                self.refresh(instrument);
                self.check_loss_limit();
                Ok(())
            }
            Event::Tick { ts } => {
                self.advance(ts);
                Ok(())
            }
        }
    }

    fn inst_mut(&mut self, id: u32) -> Result<&mut InstrumentState, EngineError> {
        self.instruments.get_mut(id as usize).ok_or_else(|| EngineError::Invalid(format!("unknown instrument id {id}")))
    }

    /// Moves the clock; a new UTC day resets the daily PnL and lifts a loss-limit REDUCING.
    fn advance(&mut self, ts: i64) {
        if ts > self.now {
            self.now = ts;
        }
        let d = utc_day(self.now);
        if d != self.day {
            self.day = d;
            self.daily_realized = 0;
            self.unrealized_at_day_start = self.unrealized_total;
            if self.state == TradingState::Reducing && self.reduce_cause == ReduceCause::LossLimit {
                self.state = TradingState::Active;
                self.reduce_cause = ReduceCause::Manual;
            }
        }
    }

    fn check_loss_limit(&mut self) {
        let Some(lim) = self.loss_limit else { return };
        if self.state == TradingState::Active && self.daily_pnl_exact() < -lim {
            self.state = TradingState::Reducing;
            self.reduce_cause = ReduceCause::LossLimit;
        }
    }

    /// Recomputes one instrument's exposure and unrealised PnL, and the totals. Exact
    /// integers: the totals are the sums of the parts, with no drift to correct.
    fn refresh(&mut self, id: u32) {
        let st = &mut self.instruments[id as usize];
        let exp = st.exposure_value(st.worst(0, 0), st.ref_price());
        // Marked-to-market PnL rounds down past 18 decimals (the cautious side for the loss limit).
        let unr = if st.mark > 0 { st.rules.notional_quote(st.position.unrealized_units(st.mark), Rounding::Down) } else { 0 };
        self.gross_exposure += exp - st.exposure;
        self.unrealized_total += unr - st.unrealized;
        st.exposure = exp;
        st.unrealized = unr;
    }

    fn accept_unchecked(&mut self, o: Order, ts: i64) {
        self.advance(ts);
        let window = self.account.rate_window_ms;
        self.rate.record(ts, self.account.max_orders_per_window, window);
        let st = &mut self.instruments[o.instrument as usize];
        st.rate.record(ts, st.limits.max_orders_per_window, window);
        st.add_open(&o, o.qty);
        if o.kind == OrderKind::Limit {
            let book = match o.side {
                Side::Buy => &mut st.own_bids,
                Side::Sell => &mut st.own_asks,
            };
            *book.entry(o.price).or_insert(0) += 1;
        }
        st.last_order_price = o.price;
        self.open.insert(o.client_id, OpenOrder { order: o, leaves: o.qty, filled: 0, ts });
        self.accepted_total = self.accepted_total.saturating_add(1);
        self.refresh(o.instrument);
    }

    /// Removes an open order (cancel, reject, or fully filled), keeping its id for the
    /// duplicate check.
    fn close_order(&mut self, id: u64) {
        let Some(oo) = self.open.remove(&id) else { return };
        let o = oo.order;
        let st = &mut self.instruments[o.instrument as usize];
        st.add_open(&o, -oo.leaves);
        if o.kind == OrderKind::Limit {
            let book = match o.side {
                Side::Buy => &mut st.own_bids,
                Side::Sell => &mut st.own_asks,
            };
            if let Some(c) = book.get_mut(&o.price) {
                *c -= 1;
                if *c == 0 {
                    book.remove(&o.price);
                }
            }
        }
        self.remember_id(id);
        self.refresh(o.instrument);
    }

    fn remember_id(&mut self, id: u64) {
        let cap = self.account.id_history as usize;
        if cap == 0 {
            return;
        }
        if self.closed_ids.insert(id) {
            self.closed_fifo.push_back(id);
        }
        while self.closed_fifo.len() > cap {
            if let Some(old) = self.closed_fifo.pop_front() {
                self.closed_ids.remove(&old);
            }
        }
    }

    fn fill(&mut self, id: u64, qty: i64, price: i64, fee: f64, ts: i64) -> Result<(), EngineError> {
        let Some(oo) = self.open.get(&id).copied() else {
            return Err(EngineError::UnknownOrder(id));
        };
        if qty <= 0 || qty > oo.leaves {
            return Err(EngineError::Invalid(format!("fill of {qty} lots on order {id} with {} lots open", oo.leaves)));
        }
        if price <= 0 || price > MAX_SAFE {
            return Err(EngineError::Invalid(format!("fill price must be > 0 ticks, got {price}")));
        }
        if !(fee.is_finite() && fee.abs() <= money::MAX_LIMIT) {
            return Err(EngineError::Invalid(format!("fill fee must be a finite number within ±1e12, got {fee}")));
        }
        self.advance(ts);
        let o = oo.order;
        let day = self.day;
        let st = &mut self.instruments[o.instrument as usize];
        let unit = st.rules.notional_unit;
        st.add_open(&o, -qty);
        let eff = st.position.apply_fill(o.side, qty, price, fee);
        // Exact: realised PnL rounds down and the fee up only past 18 decimals.
        let fee_q = money::from_f64(fee, Rounding::Up).unwrap_or(QUOTE_CAP);
        let realized_q = st.rules.notional_quote(eff.realized, Rounding::Down) - fee_q;
        self.daily_realized = self.daily_realized.saturating_add(realized_q);
        // Strategy bookkeeping.
        let sp = self.strat_pos.entry((o.instrument, o.strategy)).or_default();
        let seff = sp.position.apply_fill(o.side, qty, price, fee);
        let srealized = seff.realized as f64 * unit;
        let stats = &mut self.strat_stats[o.strategy as usize];
        // Counters saturate: a restored snapshot may hold any value.
        stats.fills = stats.fills.saturating_add(1);
        stats.fees += fee;
        stats.volume += price as f64 * qty as f64 * unit;
        stats.realized += srealized - fee;
        // The fee splits between the closing part and the rest in proportion to lots.
        let fee_close = if seff.closed > 0 { fee * seff.closed as f64 / qty as f64 } else { 0.0 };
        sp.trip_pnl += srealized - fee_close;
        if seff.round_trip_ended {
            stats.trades = stats.trades.saturating_add(1);
            if sp.trip_pnl > 0.0 {
                stats.wins = stats.wins.saturating_add(1);
            }
            stats.trade_pnl += sp.trip_pnl;
            sp.trip_pnl = -(fee - fee_close);
        } else if seff.closed == 0 {
            sp.trip_pnl -= fee;
        }
        *self.daily_by_strategy.entry((day, o.strategy)).or_insert(0.0) += srealized - fee;
        let entry = self.open.get_mut(&id).expect("checked above");
        entry.leaves -= qty;
        entry.filled += qty;
        if entry.leaves == 0 {
            // close_order subtracts the (now zero) leaves and drops the resting price.
            self.close_order(id);
        } else {
            self.refresh(o.instrument);
        }
        self.check_loss_limit();
        Ok(())
    }

    // ----- conveniences built on apply ---------------------------------------------------

    /// Registers an instrument, returns its id.
    pub fn add_instrument(&mut self, rules: Instrument, limits: InstrumentLimits) -> Result<u32, EngineError> {
        let id = self.instruments.len() as u32;
        self.apply(Event::AddInstrument { rules, limits })?;
        Ok(id)
    }

    /// Id of a strategy tag, registering it when new.
    pub fn strategy_id(&mut self, name: &str) -> Result<u32, EngineError> {
        if let Some(i) = self.strategy_lookup(name) {
            return Ok(i);
        }
        self.apply(Event::AddStrategy(name.to_string()))?;
        Ok(self.strategies.len() as u32 - 1)
    }

    /// Fill in JS units (price and qty as numbers, on the grid).
    pub fn fill_f64(&mut self, client_id: u64, qty: f64, price: f64, fee: f64, ts: i64) -> Result<(), EngineError> {
        let oo = self.open.get(&client_id).ok_or(EngineError::UnknownOrder(client_id))?;
        let r = &self.instruments[oo.order.instrument as usize].rules;
        let q = r.lot.steps_of_f64(qty, Rounding::Exact).map_err(|e| EngineError::Invalid(format!("fill qty {qty}: {e}")))?;
        let p = r.tick.steps_of_f64(price, Rounding::Exact).map_err(|e| EngineError::Invalid(format!("fill price {price}: {e}")))?;
        self.apply(Event::Fill { client_id, qty: q, price: p, fee, ts })
    }

    /// Mark in JS units (rounded to the nearest tick).
    pub fn mark_f64(&mut self, instrument: u32, price: f64, ts: i64) -> Result<(), EngineError> {
        let st =
            self.instruments.get(instrument as usize).ok_or_else(|| EngineError::Invalid(format!("unknown instrument id {instrument}")))?;
        let p =
            st.rules.tick.steps_of_f64(price, Rounding::Nearest).map_err(|e| EngineError::Invalid(format!("mark price {price}: {e}")))?;
        self.apply(Event::Mark { instrument, price: p, ts })
    }

    // ----- snapshot / restore ------------------------------------------------------------

    /// The whole state as a versioned, checksummed byte string.
    pub fn snapshot(&self) -> Vec<u8> {
        let mut w = Writer::default();
        write_account(&mut w, &self.account);
        w.u8(self.state as u8);
        w.u8(self.reduce_cause as u8);
        w.i64(self.now);
        w.i64(self.day);
        w.i128(self.daily_realized);
        w.i128(self.unrealized_at_day_start);
        w.u64(self.accepted_total);
        w.len(self.strategies.len());
        for (name, s) in self.strategies.iter().zip(&self.strat_stats) {
            w.str(name);
            w.u64(s.trades);
            w.u64(s.wins);
            w.f64(s.trade_pnl);
            w.f64(s.realized);
            w.f64(s.fees);
            w.u64(s.fills);
            w.f64(s.volume);
        }
        w.len(self.instruments.len());
        for st in &self.instruments {
            write_rules(&mut w, &st.rules);
            w.i64(st.limits.max_position);
            w.f64(st.limits.max_notional);
            w.u32(st.limits.max_orders_per_window);
            write_position(&mut w, &st.position);
            w.i64(st.mark);
            w.i64(st.last_order_price);
            let ring = st.rate.chronological();
            w.len(ring.len());
            for t in ring {
                w.i64(t);
            }
        }
        let ring = self.rate.chronological();
        w.len(ring.len());
        for t in ring {
            w.i64(t);
        }
        // Open orders in id order, so equal states give equal bytes.
        let mut ids: Vec<&u64> = self.open.keys().collect();
        ids.sort_unstable();
        w.len(ids.len());
        for id in ids {
            let oo = &self.open[id];
            let o = &oo.order;
            w.u64(o.client_id);
            w.u32(o.instrument);
            w.u8(o.side as u8);
            w.u8(o.kind as u8);
            w.i64(o.price);
            w.i64(o.qty);
            w.bool(o.reduce_only);
            w.u32(o.strategy);
            w.i64(oo.leaves);
            w.i64(oo.filled);
            w.i64(oo.ts);
        }
        w.len(self.closed_fifo.len());
        for id in &self.closed_fifo {
            w.u64(*id);
        }
        w.len(self.strat_pos.len());
        for ((i, s), sp) in &self.strat_pos {
            w.u32(*i);
            w.u32(*s);
            write_position(&mut w, &sp.position);
            w.f64(sp.trip_pnl);
        }
        w.len(self.daily_by_strategy.len());
        for ((d, s), v) in &self.daily_by_strategy {
            w.i64(*d);
            w.u32(*s);
            w.f64(*v);
        }
        w.finish(SnapshotKind::RiskEngine)
    }

    /// Rebuilds an engine from [`RiskEngine::snapshot`] bytes, validating everything.
    pub fn from_snapshot(data: &[u8]) -> Result<RiskEngine, SnapshotError> {
        let mut r = codec::open(data, SnapshotKind::RiskEngine)?;
        let bad = |m: &str| SnapshotError::Corrupt(m.to_string());
        let account = read_account(&mut r)?;
        validate_account(&account).map_err(|e| SnapshotError::Corrupt(e.to_string()))?;
        let mut e = RiskEngine::new(account);
        e.state = TradingState::from_u8(r.u8()?).ok_or_else(|| bad("bad trading state"))?;
        e.reduce_cause = match r.u8()? {
            0 => ReduceCause::Manual,
            1 => ReduceCause::LossLimit,
            _ => return Err(bad("bad reducing cause")),
        };
        e.now = r.i64()?;
        e.day = r.i64()?;
        e.daily_realized = r.i128()?;
        e.unrealized_at_day_start = r.i128()?;
        // What a live engine can hold: clamped sums over at most 2^24 instruments.
        if e.unrealized_at_day_start.unsigned_abs() > (QUOTE_CAP as u128) << 24 {
            return Err(bad("day-start PnL out of range"));
        }
        e.accepted_total = r.u64()?;
        let ns = r.len(8 + 7 * 8)?;
        if ns == 0 {
            return Err(bad("no strategy tags"));
        }
        e.strategies.clear();
        e.strat_stats.clear();
        for _ in 0..ns {
            let name = r.str()?;
            let s = StrategyStats {
                trades: r.u64()?,
                wins: r.u64()?,
                trade_pnl: r.f64()?,
                realized: r.f64()?,
                fees: r.f64()?,
                fills: r.u64()?,
                volume: r.f64()?,
            };
            if name.is_empty() || e.strategies.contains(&name) {
                return Err(bad("duplicate or empty strategy tag"));
            }
            e.strategies.push(name);
            e.strat_stats.push(s);
        }
        let ni = r.len(64)?;
        for _ in 0..ni {
            let rules = read_rules(&mut r)?;
            let limits = InstrumentLimits { max_position: r.i64()?, max_notional: r.f64()?, max_orders_per_window: r.u32()? };
            validate_limits(&limits).map_err(|x| SnapshotError::Corrupt(x.to_string()))?;
            let key = instrument_key(&rules);
            if e.by_symbol.contains_key(&key) {
                return Err(bad("duplicate instrument"));
            }
            let mut st = InstrumentState::new(rules, limits);
            st.position = read_position(&mut r)?;
            st.mark = r.i64()?;
            st.last_order_price = r.i64()?;
            if !(0..=MAX_SAFE).contains(&st.mark) || !(0..=MAX_SAFE).contains(&st.last_order_price) {
                return Err(bad("price out of range"));
            }
            let n = r.len(8)?;
            for _ in 0..n {
                let t = r.i64()?;
                st.rate.times.push_back(t);
            }
            st.set_band();
            e.by_symbol.insert(key, e.instruments.len() as u32);
            e.instruments.push(st);
        }
        let n = r.len(8)?;
        for _ in 0..n {
            let t = r.i64()?;
            e.rate.times.push_back(t);
        }
        let no = r.len(8 + 4 + 2 + 16 + 1 + 4 + 24)?;
        for _ in 0..no {
            let client_id = r.u64()?;
            let instrument = r.u32()?;
            let side = Side::from_u8(r.u8()?).ok_or_else(|| bad("bad side"))?;
            let kind = OrderKind::from_u8(r.u8()?).ok_or_else(|| bad("bad order type"))?;
            let price = r.i64()?;
            let qty = r.i64()?;
            let reduce_only = r.bool()?;
            let strategy = r.u32()?;
            let leaves = r.i64()?;
            let filled = r.i64()?;
            let ts = r.i64()?;
            if instrument as usize >= e.instruments.len() || strategy as usize >= e.strategies.len() {
                return Err(bad("open order refers to an unknown instrument or strategy"));
            }
            if price <= 0
                || price > MAX_SAFE
                || qty <= 0
                || qty > MAX_SAFE
                || leaves <= 0
                || filled < 0
                || leaves.checked_add(filled) != Some(qty)
            {
                return Err(bad("open order quantities are inconsistent"));
            }
            let o = Order { client_id, instrument, side, kind, price, qty, reduce_only, strategy };
            if e.open.insert(client_id, OpenOrder { order: o, leaves, filled, ts }).is_some() {
                return Err(bad("duplicate open order id"));
            }
            let st = &mut e.instruments[instrument as usize];
            let open_lots = match side {
                Side::Buy => st.open_buy,
                Side::Sell => st.open_sell,
            };
            // Open lots of a side stay far below this in a live engine (position limits
            // are at most 2^53 - 1 lots); more means the snapshot was forged.
            if open_lots.checked_add(leaves).filter(|&v| v <= 1 << 60).is_none() {
                return Err(bad("open lots overflow"));
            }
            st.add_open(&o, leaves);
            if kind == OrderKind::Limit {
                let book = if side == Side::Buy { &mut st.own_bids } else { &mut st.own_asks };
                *book.entry(price).or_insert(0) += 1;
            }
        }
        let nc = r.len(8)?;
        for _ in 0..nc {
            let id = r.u64()?;
            if e.closed_ids.insert(id) {
                e.closed_fifo.push_back(id);
            }
        }
        let np = r.len(8 + 4 * 16)?;
        for _ in 0..np {
            let i = r.u32()?;
            let s = r.u32()?;
            if i as usize >= e.instruments.len() || s as usize >= e.strategies.len() {
                return Err(bad("strategy position refers to an unknown instrument or strategy"));
            }
            let position = read_position(&mut r)?;
            let trip_pnl = r.f64()?;
            e.strat_pos.insert((i, s), StrategyPosition { position, trip_pnl });
        }
        let nd = r.len(20)?;
        for _ in 0..nd {
            let d = r.i64()?;
            let s = r.u32()?;
            let v = r.f64()?;
            if s as usize >= e.strategies.len() {
                return Err(bad("daily PnL refers to an unknown strategy"));
            }
            e.daily_by_strategy.insert((d, s), v);
        }
        r.end()?;
        for id in 0..e.instruments.len() as u32 {
            e.refresh(id);
        }
        Ok(e)
    }

    /// Replaces this engine's state with a snapshot's; on error this engine is unchanged.
    pub fn restore(&mut self, data: &[u8]) -> Result<(), SnapshotError> {
        *self = RiskEngine::from_snapshot(data)?;
        Ok(())
    }
}

fn instrument_key(r: &Instrument) -> String {
    if r.venue.is_empty() {
        r.symbol.clone()
    } else {
        format!("{}:{}", r.venue, r.symbol)
    }
}

fn validate_limits(l: &InstrumentLimits) -> Result<(), EngineError> {
    if l.max_position < 0 || l.max_position > MAX_SAFE {
        return Err(EngineError::Invalid(format!("maxPosition must be in [0, 2^53 - 1] lots, got {}", l.max_position)));
    }
    if l.max_notional.is_nan() || l.max_notional <= 0.0 {
        return Err(EngineError::Invalid(format!("maxNotional must be > 0, got {}", l.max_notional)));
    }
    if l.max_orders_per_window > 1_000_000 {
        return Err(EngineError::Invalid("maxOrdersPerWindow must be <= 1000000".into()));
    }
    Ok(())
}

fn validate_account(a: &AccountLimits) -> Result<(), EngineError> {
    let ok = |x: f64| x == f64::INFINITY || (x > 0.0 && x <= money::MAX_LIMIT);
    if !ok(a.max_gross_exposure) {
        return Err(EngineError::Invalid(format!("maxGrossExposure must be in (0, 1e12] or Infinity, got {}", a.max_gross_exposure)));
    }
    if !ok(a.daily_loss_limit) {
        return Err(EngineError::Invalid(format!("dailyLossLimit must be in (0, 1e12] or Infinity, got {}", a.daily_loss_limit)));
    }
    if a.rate_window_ms <= 0 || a.rate_window_ms > DAY_MS {
        return Err(EngineError::Invalid(format!("rateWindowMs must be in [1, 86400000], got {}", a.rate_window_ms)));
    }
    if a.max_orders_per_window > 1_000_000 {
        return Err(EngineError::Invalid("maxOrdersPerWindow must be <= 1000000".into()));
    }
    if a.id_history > 10_000_000 {
        return Err(EngineError::Invalid("idHistory must be <= 10000000".into()));
    }
    Ok(())
}

fn write_account(w: &mut Writer, a: &AccountLimits) {
    w.u32(a.max_open_orders);
    w.f64(a.max_gross_exposure);
    w.f64(a.daily_loss_limit);
    w.u32(a.max_orders_per_window);
    w.i64(a.rate_window_ms);
    w.u32(a.id_history);
}

fn read_account(r: &mut Reader) -> Result<AccountLimits, SnapshotError> {
    Ok(AccountLimits {
        max_open_orders: r.u32()?,
        max_gross_exposure: r.f64()?,
        daily_loss_limit: r.f64()?,
        max_orders_per_window: r.u32()?,
        rate_window_ms: r.i64()?,
        id_history: r.u32()?,
    })
}

fn write_dec(w: &mut Writer, d: Decimal) {
    w.i128(d.mant);
    w.u32(d.scale);
}

fn read_dec(r: &mut Reader) -> Result<Decimal, SnapshotError> {
    let d = Decimal::new(r.i128()?, r.u32()?);
    // What Decimal::parse can produce: at most 60 fractional digits.
    if d.scale > 60 {
        return Err(SnapshotError::Corrupt(format!("decimal scale {} is out of range", d.scale)));
    }
    Ok(d)
}

fn write_rules(w: &mut Writer, i: &Instrument) {
    w.str(&i.symbol);
    w.str(&i.venue);
    write_dec(w, i.tick.decimal());
    write_dec(w, i.lot.decimal());
    w.i64(i.min_price);
    w.i64(i.max_price);
    w.i64(i.min_qty);
    w.i64(i.max_qty);
    w.i64(i.max_mkt_qty);
    write_dec(w, i.min_notional_value);
    w.f64(i.price_band.unwrap_or(f64::NAN));
}

fn read_rules(r: &mut Reader) -> Result<Instrument, SnapshotError> {
    let symbol = r.str()?;
    let venue = r.str()?;
    let tick = read_dec(r)?;
    let lot = read_dec(r)?;
    let (min_price, max_price, min_qty, max_qty, max_mkt_qty) = (r.i64()?, r.i64()?, r.i64()?, r.i64()?, r.i64()?);
    let mnv = read_dec(r)?;
    let band = r.f64()?;
    let tick_step = crate::decimal::Step::new(tick).map_err(|e| SnapshotError::Corrupt(format!("tick size: {e}")))?;
    let lot_step = crate::decimal::Step::new(lot).map_err(|e| SnapshotError::Corrupt(format!("qty step: {e}")))?;
    // Rebuild through the validating constructor from the grid values.
    let input = crate::instrument::RulesInput {
        symbol,
        venue,
        tick_size: Some(tick),
        min_price: Some(Decimal::new(min_price as i128 * tick_step.units as i128, tick_step.scale)),
        max_price: Some(Decimal::new(max_price as i128 * tick_step.units as i128, tick_step.scale)),
        qty_step: Some(lot),
        min_order_qty: Some(Decimal::new(min_qty as i128 * lot_step.units as i128, lot_step.scale)),
        max_order_qty: Some(Decimal::new(max_qty as i128 * lot_step.units as i128, lot_step.scale)),
        max_mkt_order_qty: Some(Decimal::new(max_mkt_qty as i128 * lot_step.units as i128, lot_step.scale)),
        min_notional_value: Some(mnv),
        price_band: if band.is_nan() { None } else { Some(band) },
    };
    let inst = Instrument::from_input(&input).map_err(|e| SnapshotError::Corrupt(format!("instrument rules: {e}")))?;
    if inst.min_price != min_price
        || inst.max_price != max_price
        || inst.min_qty != min_qty
        || inst.max_qty != max_qty
        || inst.max_mkt_qty != max_mkt_qty
    {
        return Err(SnapshotError::Corrupt("instrument bounds are inconsistent".into()));
    }
    Ok(inst)
}

fn write_position(w: &mut Writer, p: &Position) {
    w.i64(p.qty);
    w.i128(p.cost);
    w.i128(p.realized);
    w.f64(p.fees);
    w.i64(p.last_price);
    w.u64(p.fills);
    w.i128(p.volume);
}

fn read_position(r: &mut Reader) -> Result<Position, SnapshotError> {
    let p = Position {
        qty: r.i64()?,
        cost: r.i128()?,
        realized: r.i128()?,
        fees: r.f64()?,
        last_price: r.i64()?,
        fills: r.u64()?,
        volume: r.i128()?,
    };
    // The entry cost is at most |qty| lots at the highest price (2^53 - 1 ticks).
    if p.cost < 0
        || (p.qty == 0 && p.cost != 0)
        || p.qty.unsigned_abs() > MAX_SAFE as u64
        || p.cost > p.qty.unsigned_abs() as i128 * MAX_SAFE as i128
        || !(0..=MAX_SAFE).contains(&p.last_price)
        || p.volume < 0
    {
        return Err(SnapshotError::Corrupt("position is inconsistent".into()));
    }
    Ok(p)
}
