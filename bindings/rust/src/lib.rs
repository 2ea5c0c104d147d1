//! Thin napi-rs binding of hean-core. Argument checks turn bad input into a JS error
//! (status InvalidArg, which the TypeScript layer rethrows as a RangeError) or a reject
//! code; every export is wrapped in `catch_unwind`, so a panic would become a JS error
//! rather than crossing into Node. Nothing here holds logic of its own.
#![deny(clippy::all)]
#![allow(clippy::too_many_arguments)]

use hean_core::book::FillEstimate;
use hean_core::router::RiskContext;
use hean_core::{
    self as core, AccountLimits, BookStatus, Decimal, Event, InstrumentLimits, OrderInput, OrderKind, ReasonCode, Rounding, RulesInput,
    Side, Step, TradingState, OrderFlag, ORDER_FLAG_MASK, ORDER_STRATEGY_SHIFT, REASON_CODES,
};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use std::cell::RefCell;
use std::rc::Rc;

/// ABI of this addon; the loader refuses a binary whose value differs from what the
/// TypeScript expects.
#[napi]
#[allow(non_upper_case_globals)]
pub const abiVersion: u32 = 1;

/// Snapshot format version written and read by this build.
#[napi]
#[allow(non_upper_case_globals)]
pub const snapshotVersion: u32 = core::SNAPSHOT_VERSION as u32;

fn invalid(msg: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, msg.into())
}

fn ts_of(x: f64, what: &str) -> Result<i64> {
    if x.is_finite() && x.abs() < 9.0e15 {
        Ok(x.floor() as i64)
    } else {
        Err(invalid(format!("{what} must be a finite timestamp in ms, got {x}")))
    }
}

fn id_of(x: f64, what: &str) -> Result<u64> {
    if x.is_finite() && x >= 0.0 && x <= core::decimal::MAX_SAFE as f64 && x.fract() == 0.0 {
        Ok(x as u64)
    } else {
        Err(invalid(format!("{what} must be a safe integer >= 0, got {x}")))
    }
}

fn dec_of(v: &Either<String, f64>, what: &str) -> Result<Decimal> {
    match v {
        Either::A(s) => Decimal::parse(s),
        Either::B(x) => Decimal::from_f64(*x),
    }
    .map_err(|e| invalid(format!("{what}: {e}")))
}

fn opt_dec(v: &Option<Either<String, f64>>, what: &str) -> Result<Option<Decimal>> {
    v.as_ref().map(|x| dec_of(x, what)).transpose()
}

/// The enums JavaScript sees, generated from the core's lists (native-rust/src/enums.rs):
/// napi-rs writes them into hean_rust.d.ts, from which scripts/gen-enums.mjs writes
/// src/trading/enums.gen.ts. Numeric lists become `#[napi]` enums; lists whose items carry
/// JS names (`as "ACTIVE"`) become string enums, in code order.
mod js {
    use napi_derive::napi;

    macro_rules! napi_code_enum {
        ($(#[doc = $ed:literal])* $name:ident; $( $(#[doc = $d:literal])* $v:ident = $n:literal ),* $(,)?) => {
            $(#[doc = $ed])*
            #[napi]
            pub enum $name { $( $(#[doc = $d])* $v = $n, )* }
        };
    }
    macro_rules! napi_name_enum {
        ($(#[doc = $ed:literal])* $name:ident; $( $(#[doc = $d:literal])* $v:ident = $n:literal as $js:literal ),* $(,)?) => {
            $(#[doc = $ed])*
            #[napi(string_enum)]
            pub enum $name { $( $(#[doc = $d])* #[napi(value = $js)] $v, )* }
        };
    }
    hean_core::reason_code_list!(napi_code_enum);
    hean_core::book_status_list!(napi_code_enum);
    hean_core::order_flag_list!(napi_code_enum);
    hean_core::trading_state_list!(napi_name_enum);
}

/// First bit of the strategy id in an order's flags word (see OrderFlag).
#[napi]
#[allow(non_upper_case_globals)]
pub const orderStrategyShift: u32 = core::ORDER_STRATEGY_SHIFT;

/// Names of the reason codes, indexed by code.
#[napi(catch_unwind)]
pub fn reason_names() -> Vec<String> {
    REASON_CODES.iter().map(|c| c.name().to_string()).collect()
}

/// Message for a reason code (without the numbers of a particular order).
#[napi(catch_unwind)]
pub fn reason_message(code: u32) -> Result<String> {
    let c = u8::try_from(code).ok().and_then(ReasonCode::from_u8).ok_or_else(|| invalid(format!("unknown reason code {code}")))?;
    Ok(core::Reject { code: c, value: f64::NAN, limit: f64::NAN }.message())
}

/// Names of the book statuses, indexed by status.
#[napi(catch_unwind)]
pub fn book_status_names() -> Vec<String> {
    BookStatus::ALL.iter().map(|s| s.name().to_string()).collect()
}

/// Instrument fields as Bybit v5 instruments-info sends them (strings or numbers).
#[napi(object)]
pub struct InstrumentRules {
    pub symbol: String,
    pub venue: Option<String>,
    pub tick_size: Either<String, f64>,
    pub min_price: Option<Either<String, f64>>,
    pub max_price: Option<Either<String, f64>>,
    pub qty_step: Either<String, f64>,
    pub min_order_qty: Option<Either<String, f64>>,
    pub max_order_qty: Option<Either<String, f64>>,
    pub max_mkt_order_qty: Option<Either<String, f64>>,
    pub min_notional_value: Option<Either<String, f64>>,
    pub price_band: Option<f64>,
}

fn rules_of(r: &InstrumentRules) -> Result<core::Instrument> {
    let input = RulesInput {
        symbol: r.symbol.clone(),
        venue: r.venue.clone().unwrap_or_default(),
        tick_size: Some(dec_of(&r.tick_size, "tickSize")?),
        min_price: opt_dec(&r.min_price, "minPrice")?,
        max_price: opt_dec(&r.max_price, "maxPrice")?,
        qty_step: Some(dec_of(&r.qty_step, "qtyStep")?),
        min_order_qty: opt_dec(&r.min_order_qty, "minOrderQty")?,
        max_order_qty: opt_dec(&r.max_order_qty, "maxOrderQty")?,
        max_mkt_order_qty: opt_dec(&r.max_mkt_order_qty, "maxMktOrderQty")?,
        min_notional_value: opt_dec(&r.min_notional_value, "minNotionalValue")?,
        price_band: r.price_band,
    };
    core::Instrument::from_input(&input).map_err(|e| invalid(e.to_string()))
}

/// Instrument rules on the grid, as decimal strings (exact) and numbers.
#[napi(object)]
pub struct InstrumentInfo {
    pub id: u32,
    pub symbol: String,
    pub venue: String,
    pub tick_size: String,
    pub qty_step: String,
    pub min_price: String,
    pub max_price: String,
    pub min_order_qty: String,
    pub max_order_qty: String,
    pub max_mkt_order_qty: String,
    pub min_notional_value: String,
    pub price_band: Option<f64>,
    pub max_position: f64,
    pub max_notional: f64,
    pub max_orders_per_window: u32,
    pub mark: Option<f64>,
}

/// Per-instrument limits (quantities in the instrument's units).
#[napi(object)]
pub struct InstrumentLimitsInput {
    pub max_position: Option<f64>,
    pub max_notional: Option<f64>,
    pub max_orders_per_window: Option<u32>,
}

/// Account limits.
#[napi(object)]
pub struct AccountLimitsInput {
    pub max_open_orders: Option<u32>,
    pub max_gross_exposure: Option<f64>,
    pub daily_loss_limit: Option<f64>,
    pub max_orders_per_window: Option<u32>,
    pub rate_window_ms: Option<f64>,
    pub id_history: Option<u32>,
}

/// Account limits: the given fields over `base` (the defaults, or the current limits for a patch).
fn account_of(a: Option<AccountLimitsInput>, base: &AccountLimits) -> Result<AccountLimits> {
    let d = base.clone();
    let Some(a) = a else { return Ok(d) };
    Ok(AccountLimits {
        max_open_orders: a.max_open_orders.unwrap_or(d.max_open_orders),
        max_gross_exposure: a.max_gross_exposure.unwrap_or(d.max_gross_exposure),
        daily_loss_limit: a.daily_loss_limit.unwrap_or(d.daily_loss_limit),
        max_orders_per_window: a.max_orders_per_window.unwrap_or(d.max_orders_per_window),
        rate_window_ms: match a.rate_window_ms {
            None => d.rate_window_ms,
            Some(x) if x.is_finite() && x >= 1.0 && x.fract() == 0.0 && x <= 86_400_000.0 => x as i64,
            Some(x) => return Err(invalid(format!("rateWindowMs must be an integer in [1, 86400000], got {x}"))),
        },
        id_history: a.id_history.unwrap_or(d.id_history),
    })
}

/// Instrument limits: the given fields over `base` (the defaults, or the current limits for a patch).
fn limits_of(rules: &core::Instrument, l: Option<InstrumentLimitsInput>, base: &InstrumentLimits) -> Result<InstrumentLimits> {
    let d = base.clone();
    let Some(l) = l else { return Ok(d) };
    let max_position = match l.max_position {
        None => d.max_position,
        Some(x) if x.is_finite() && x >= 0.0 => {
            rules.lot.steps_of_f64(x, Rounding::Down).map_err(|e| invalid(format!("maxPosition: {e}")))?
        }
        Some(x) if x == f64::INFINITY => InstrumentLimits::default().max_position,
        Some(x) => return Err(invalid(format!("maxPosition must be >= 0, got {x}"))),
    };
    Ok(InstrumentLimits {
        max_position,
        max_notional: l.max_notional.unwrap_or(d.max_notional),
        max_orders_per_window: l.max_orders_per_window.unwrap_or(d.max_orders_per_window),
    })
}

/// A position (account, or one strategy tag) on one instrument.
#[napi(object)]
pub struct PositionInfo {
    pub instrument: u32,
    pub symbol: String,
    pub venue: String,
    /// Strategy tag, or undefined for the account position.
    pub strategy: Option<String>,
    pub qty: f64,
    /// Exact quantity as a decimal string.
    pub qty_str: String,
    /// Average entry price (NaN when flat).
    pub avg_entry: f64,
    /// Realised PnL net of fees.
    pub realized: f64,
    pub fees: f64,
    /// Unrealised PnL at the instrument's mark.
    pub unrealized: f64,
    pub fills: f64,
    /// Open buy / sell quantity (account positions only).
    pub open_buy: f64,
    pub open_sell: f64,
}

/// An open order.
#[napi(object)]
pub struct OpenOrderInfo {
    pub client_id: f64,
    pub instrument: u32,
    pub side: u32,
    pub kind: u32,
    pub price: f64,
    pub qty: f64,
    pub leaves: f64,
    pub filled: f64,
    pub reduce_only: bool,
    pub strategy: String,
    pub ts: f64,
}

/// Statistics of one strategy tag.
#[napi(object)]
pub struct StrategyStatsInfo {
    pub strategy: String,
    pub trades: f64,
    pub wins: f64,
    pub trade_pnl: f64,
    pub avg_trade_pnl: f64,
    pub realized: f64,
    pub fees: f64,
    pub fills: f64,
    pub volume: f64,
}

/// Realised PnL (net of fees) of one strategy on one UTC day.
#[napi(object)]
pub struct DailyPnlInfo {
    /// UTC day as YYYY-MM-DD.
    pub day: String,
    /// Start of the day in ms.
    pub day_start: f64,
    pub strategy: String,
    pub pnl: f64,
}

/// Account summary.
#[napi(object)]
pub struct AccountInfo {
    pub state: u32,
    pub reducing_by_loss_limit: bool,
    pub daily_pnl: f64,
    pub daily_realized: f64,
    pub unrealized: f64,
    pub gross_exposure: f64,
    pub open_orders: u32,
    pub accepted_total: f64,
    pub now: f64,
}

/// Civil date of a UTC day number (days since 1970-01-01).
fn ymd(day: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{:02}-{:02}", if m <= 2 { y + 1 } else { y }, m, d)
}

fn side_of(v: u32) -> Result<Side> {
    u8::try_from(v).ok().and_then(Side::from_u8).ok_or_else(|| invalid(format!("side must be 0 (buy) or 1 (sell), got {v}")))
}

/// Pre-trade risk engine, positions and PnL.
#[napi]
pub struct RiskEngine {
    inner: Rc<RefCell<core::RiskEngine>>,
    handle: u32,
}

type Shared = Rc<RefCell<core::RiskEngine>>;

thread_local! {
    /// Engines of this JS thread by handle, for the free-function hot paths (a call to a
    /// free function costs less than half of a class method call in napi-rs).
    static ENGINES: RefCell<Vec<Option<Shared>>> = const { RefCell::new(Vec::new()) };
}

fn register(e: &Shared) -> u32 {
    ENGINES.with(|r| {
        let mut v = r.borrow_mut();
        if let Some(i) = v.iter().position(|x| x.is_none()) {
            v[i] = Some(e.clone());
            i as u32
        } else {
            v.push(Some(e.clone()));
            v.len() as u32 - 1
        }
    })
}

impl Drop for RiskEngine {
    fn drop(&mut self) {
        let _ = ENGINES.try_with(|r| {
            if let Ok(mut v) = r.try_borrow_mut() {
                if let Some(slot) = v.get_mut(self.handle as usize) {
                    *slot = None;
                }
            }
        });
    }
}

#[inline]
fn with_engine<R>(handle: u32, dflt: R, f: impl FnOnce(&Shared) -> R) -> R {
    ENGINES.with(|r| match r.borrow().get(handle as usize) {
        Some(Some(e)) => f(e),
        _ => dflt,
    })
}

/// Hot path of RiskEngine.check as a free function on the engine's handle, with the small
/// fields packed into `flags` (the OrderFlag bits, strategy id from bit 8). Returns the
/// reason code; an unknown handle or malformed flags give InvalidInput.
#[napi(catch_unwind)]
pub fn risk_check(handle: u32, client_id: f64, instrument: u32, flags: u32, price: f64, qty: f64, now: f64) -> u32 {
    let (Some(t), Some(o)) = (now_of(now), unpack(client_id, instrument, flags, price, qty)) else {
        return ReasonCode::InvalidInput as u32;
    };
    with_engine(handle, ReasonCode::InvalidInput as u32, |e| code_of(e.borrow().check(&o, t)))
}

/// Hot path of RiskEngine.submit (as riskCheck; an accepted order becomes open).
#[napi(catch_unwind)]
pub fn risk_submit(handle: u32, client_id: f64, instrument: u32, flags: u32, price: f64, qty: f64, now: f64) -> u32 {
    let (Some(t), Some(o)) = (now_of(now), unpack(client_id, instrument, flags, price, qty)) else {
        return ReasonCode::InvalidInput as u32;
    };
    with_engine(handle, ReasonCode::InvalidInput as u32, |e| code_of(e.borrow_mut().submit(&o, t)))
}

/// Hot path of RiskEngine.mark: 0 when applied, else why not (nothing changed):
/// InvalidPrice (not finite or not > 0), UnknownInstrument, or InvalidInput (bad `ts`,
/// unknown handle).
#[napi(catch_unwind)]
pub fn risk_mark(handle: u32, instrument: u32, price: f64, ts: f64) -> u32 {
    let Some(t) = now_of(ts) else { return ReasonCode::InvalidInput as u32 };
    if !(price.is_finite() && price > 0.0) {
        return ReasonCode::InvalidPrice as u32;
    }
    with_engine(handle, ReasonCode::InvalidInput as u32, |e| {
        let mut e = e.borrow_mut();
        if e.instrument(instrument).is_none() {
            return ReasonCode::UnknownInstrument as u32;
        }
        match e.mark_f64(instrument, price, t) {
            Ok(()) => 0,
            Err(_) => ReasonCode::InvalidPrice as u32,
        }
    })
}

#[inline]
fn code_of<T>(r: std::result::Result<T, core::Reject>) -> u32 {
    match r {
        Ok(_) => 0,
        Err(r) => r.code as u32,
    }
}

/// An order from its flags word (OrderFlag bits; strategy id in bits 8–23). None when a bit
/// outside the layout is set.
#[inline]
fn unpack(client_id: f64, instrument: u32, flags: u32, price: f64, qty: f64) -> Option<OrderInput> {
    if flags & !(ORDER_FLAG_MASK | (0xFFFF << ORDER_STRATEGY_SHIFT)) != 0 {
        return None;
    }
    Some(OrderInput {
        client_id,
        instrument,
        side: if flags & OrderFlag::Sell as u32 != 0 { Side::Sell } else { Side::Buy },
        kind: if flags & OrderFlag::Market as u32 != 0 { OrderKind::Market } else { OrderKind::Limit },
        price,
        qty,
        reduce_only: flags & OrderFlag::ReduceOnly as u32 != 0,
        strategy: (flags >> ORDER_STRATEGY_SHIFT) & 0xFFFF,
    })
}

/// A timestamp in whole ms, floored (as every other timestamp: ts_of), or None when not finite.
#[inline]
fn now_of(x: f64) -> Option<i64> {
    if x.is_finite() && x.abs() < 9.0e15 {
        Some(x.floor() as i64)
    } else {
        None
    }
}

/// A strategy tag as given to a batch or a tagged submit: non-empty.
fn tag_of(tag: &Option<String>) -> Result<Option<&str>> {
    match tag.as_deref() {
        Some("") => Err(invalid("strategy must be a non-empty string")),
        t => Ok(t),
    }
}

#[napi]
impl RiskEngine {
    /// An engine in state ACTIVE with the given account limits.
    #[napi(constructor, catch_unwind)]
    pub fn new(limits: Option<AccountLimitsInput>) -> Result<Self> {
        let a = account_of(limits, &AccountLimits::default())?;
        let mut e = core::RiskEngine::default();
        e.apply(Event::SetAccountLimits(a)).map_err(|x| invalid(x.to_string()))?;
        let inner = Rc::new(RefCell::new(e));
        let handle = register(&inner);
        Ok(RiskEngine { inner, handle })
    }

    /// Registers an instrument; returns its id.
    #[napi(catch_unwind)]
    pub fn add_instrument(&self, rules: InstrumentRules, limits: Option<InstrumentLimitsInput>) -> Result<u32> {
        let r = rules_of(&rules)?;
        let l = limits_of(&r, limits, &InstrumentLimits::default())?;
        self.inner.borrow_mut().add_instrument(r, l).map_err(|e| invalid(e.to_string()))
    }

    /// Sets the given instrument limits; the others keep their values (`replace`: the
    /// others return to their defaults).
    #[napi(catch_unwind)]
    pub fn set_instrument_limits(&self, instrument: u32, limits: InstrumentLimitsInput, replace: bool) -> Result<()> {
        let mut e = self.inner.borrow_mut();
        let st = e.instrument(instrument).ok_or_else(|| invalid(format!("unknown instrument id {instrument}")))?;
        let base = if replace { InstrumentLimits::default() } else { st.limits.clone() };
        let l = limits_of(&st.rules, Some(limits), &base)?;
        e.apply(Event::SetInstrumentLimits { instrument, limits: l }).map_err(|x| invalid(x.to_string()))
    }

    /// Sets the given account limits; the others keep their values (`replace`: the others
    /// return to their defaults).
    #[napi(catch_unwind)]
    pub fn set_account_limits(&self, limits: AccountLimitsInput, replace: bool) -> Result<()> {
        let base = if replace { AccountLimits::default() } else { self.inner.borrow().account_limits().clone() };
        let a = account_of(Some(limits), &base)?;
        self.inner.borrow_mut().apply(Event::SetAccountLimits(a)).map_err(|x| invalid(x.to_string()))
    }

    /// Id of a registered strategy tag, without registering it (undefined when unknown).
    #[napi(catch_unwind)]
    pub fn strategy_lookup(&self, name: String) -> Option<u32> {
        self.inner.borrow().strategy_lookup(&name)
    }

    /// Id of a strategy tag (registered on first use).
    #[napi(catch_unwind)]
    pub fn strategy_id(&self, name: String) -> Result<u32> {
        self.inner.borrow_mut().strategy_id(&name).map_err(|e| invalid(e.to_string()))
    }

    /// Instrument id by "symbol" or "venue:symbol" (undefined when unknown).
    #[napi(catch_unwind)]
    pub fn instrument_id(&self, key: String) -> Option<u32> {
        self.inner.borrow().instrument_id(&key)
    }

    /// Handle of this engine for the free-function hot paths (riskCheck, riskSubmit).
    #[napi(getter, catch_unwind)]
    pub fn handle(&self) -> u32 {
        self.handle
    }

    /// Number of instruments.
    #[napi(getter, catch_unwind)]
    pub fn instrument_count(&self) -> u32 {
        self.inner.borrow().instrument_count() as u32
    }

    /// Rules and limits of an instrument.
    #[napi(catch_unwind)]
    pub fn instrument(&self, id: u32) -> Result<InstrumentInfo> {
        let e = self.inner.borrow();
        let st = e.instrument(id).ok_or_else(|| invalid(format!("unknown instrument id {id}")))?;
        let r = &st.rules;
        Ok(InstrumentInfo {
            id,
            symbol: r.symbol.clone(),
            venue: r.venue.clone(),
            tick_size: r.tick.to_string(),
            qty_step: r.lot.to_string(),
            min_price: r.tick.to_string_of(r.min_price),
            max_price: r.tick.to_string_of(r.max_price),
            min_order_qty: r.lot.to_string_of(r.min_qty),
            max_order_qty: r.lot.to_string_of(r.max_qty),
            max_mkt_order_qty: r.lot.to_string_of(r.max_mkt_qty),
            min_notional_value: r.min_notional_value.to_string(),
            price_band: r.price_band,
            max_position: r.qty_f64(st.limits.max_position),
            max_notional: st.limits.max_notional,
            max_orders_per_window: st.limits.max_orders_per_window,
            mark: if st.mark > 0 { Some(r.price_f64(st.mark)) } else { None },
        })
    }

    /// Rounds a price onto the instrument's tick, side-aware (buy down, sell up); mode 2
    /// rounds to nearest. Returns NaN for a non-finite price.
    #[napi(catch_unwind)]
    pub fn round_price(&self, instrument: u32, price: f64, side: u32) -> Result<f64> {
        let e = self.inner.borrow();
        let r = &e.instrument(instrument).ok_or_else(|| invalid(format!("unknown instrument id {instrument}")))?.rules;
        let mode = match side {
            0 => Rounding::Down,
            1 => Rounding::Up,
            2 => Rounding::Nearest,
            _ => return Err(invalid(format!("side must be 0, 1 (or 2 = nearest), got {side}"))),
        };
        Ok(r.tick.steps_of_f64(price, mode).map(|t| r.price_f64(t)).unwrap_or(f64::NAN))
    }

    /// Rounds a quantity down to the instrument's step (NaN for a non-finite quantity).
    #[napi(catch_unwind)]
    pub fn round_qty(&self, instrument: u32, qty: f64) -> Result<f64> {
        let e = self.inner.borrow();
        let r = &e.instrument(instrument).ok_or_else(|| invalid(format!("unknown instrument id {instrument}")))?.rules;
        Ok(r.lot.steps_of_f64(qty, Rounding::Down).map(|t| r.qty_f64(t)).unwrap_or(f64::NAN))
    }

    /// Exact decimal string of a price rounded side-aware to the tick (mode as roundPrice).
    #[napi(catch_unwind)]
    pub fn price_string(&self, instrument: u32, price: Either<String, f64>, side: u32) -> Result<String> {
        let e = self.inner.borrow();
        let r = &e.instrument(instrument).ok_or_else(|| invalid(format!("unknown instrument id {instrument}")))?.rules;
        let mode = match side {
            0 => Rounding::Down,
            1 => Rounding::Up,
            2 => Rounding::Nearest,
            _ => return Err(invalid(format!("side must be 0, 1 (or 2 = nearest), got {side}"))),
        };
        let d = dec_of(&price, "price")?;
        let t = r.tick.steps_of(d, mode).map_err(|x| invalid(format!("price: {x}")))?;
        Ok(r.tick.to_string_of(t))
    }

    /// Exact decimal string of a quantity rounded down to the step.
    #[napi(catch_unwind)]
    pub fn qty_string(&self, instrument: u32, qty: Either<String, f64>) -> Result<String> {
        let e = self.inner.borrow();
        let r = &e.instrument(instrument).ok_or_else(|| invalid(format!("unknown instrument id {instrument}")))?.rules;
        let d = dec_of(&qty, "qty")?;
        let t = r.lot.steps_of(d, Rounding::Down).map_err(|x| invalid(format!("qty: {x}")))?;
        Ok(r.lot.to_string_of(t))
    }

    /// Runs every check; returns the reason code (0 = accepted). Never throws. `flags`:
    /// OrderFlag bits and the strategy id from bit 8, as riskCheck.
    #[napi(catch_unwind)]
    pub fn check(&self, client_id: f64, instrument: u32, flags: u32, price: f64, qty: f64, now: f64) -> u32 {
        let (Some(t), Some(o)) = (now_of(now), unpack(client_id, instrument, flags, price, qty)) else {
            return ReasonCode::InvalidInput as u32;
        };
        code_of(self.inner.borrow().check(&o, t))
    }

    /// Like check, and an accepted order becomes open. Returns the reason code.
    #[napi(catch_unwind)]
    pub fn submit(&self, client_id: f64, instrument: u32, flags: u32, price: f64, qty: f64, now: f64) -> u32 {
        let (Some(t), Some(o)) = (now_of(now), unpack(client_id, instrument, flags, price, qty)) else {
            return ReasonCode::InvalidInput as u32;
        };
        code_of(self.inner.borrow_mut().submit(&o, t))
    }

    /// check for an order of strategy tag `tag`, known or not: an unknown tag is checked as
    /// a new strategy and is not registered (a check changes nothing). Strategy bits of
    /// `flags` are ignored.
    #[napi(catch_unwind)]
    pub fn check_tagged(&self, client_id: f64, instrument: u32, flags: u32, price: f64, qty: f64, tag: String, now: f64) -> Result<u32> {
        let tag = Some(tag);
        let tag = tag_of(&tag)?;
        let (Some(t), Some(o)) = (now_of(now), unpack(client_id, instrument, flags & 0xFF, price, qty)) else {
            return Ok(ReasonCode::InvalidInput as u32);
        };
        let e = self.inner.borrow();
        Ok(match e.strategy_for_check(tag) {
            Ok(sid) => code_of(e.check(&OrderInput { strategy: sid, ..o }, t)),
            Err(r) => r.code as u32,
        })
    }

    /// submit for an order of strategy tag `tag`: a new tag is registered only if the order
    /// is accepted. Strategy bits of `flags` are ignored.
    #[napi(catch_unwind)]
    pub fn submit_tagged(&self, client_id: f64, instrument: u32, flags: u32, price: f64, qty: f64, tag: String, now: f64) -> Result<u32> {
        let tag = Some(tag);
        let tag = tag_of(&tag)?;
        let (Some(t), Some(o)) = (now_of(now), unpack(client_id, instrument, flags & 0xFF, price, qty)) else {
            return Ok(ReasonCode::InvalidInput as u32);
        };
        Ok(code_of(self.inner.borrow_mut().submit_tagged(&o, tag, t)))
    }

    /// The check's message for this order ("accepted" when it passes); an unknown `tag` is
    /// explained as check_tagged checks it.
    #[napi(catch_unwind)]
    pub fn explain(&self, client_id: f64, instrument: u32, flags: u32, price: f64, qty: f64, tag: Option<String>, now: f64) -> String {
        let f = if tag.is_some() { flags & 0xFF } else { flags };
        let (Some(t), Some(o)) = (now_of(now), unpack(client_id, instrument, f, price, qty)) else {
            return format!("malformed order input: flags {flags:#x} (allowed bits: {ORDER_FLAG_MASK:#x} and the strategy id from bit {ORDER_STRATEGY_SHIFT}), now {now}");
        };
        let e = self.inner.borrow();
        let sid = match e.strategy_for_check(tag.as_deref()) {
            Ok(s) => if tag.is_some() { s } else { o.strategy },
            Err(r) => return r.message(),
        };
        match e.check(&OrderInput { strategy: sid, ..o }, t) {
            Ok(_) => "accepted".into(),
            Err(r) => r.message(),
        }
    }

    /// Checks a batch (each against the current state, none accepted); writes codes to
    /// `out` and returns the number accepted. `flags`: per order the OrderFlag bits (Sell
    /// must agree with `sides`). An unknown `tag` is checked as a new strategy and not
    /// registered.
    #[napi(catch_unwind)]
    pub fn check_batch(
        &self,
        ids: &[f64],
        instruments: &[u32],
        sides: &[u8],
        prices: &[f64],
        qtys: &[f64],
        flags: Option<&[u8]>,
        tag: Option<String>,
        now: f64,
        mut out: Uint8ArraySlice,
    ) -> Result<u32> {
        let cols = Batch { ids, instruments, sides, prices, qtys, flags };
        // SAFETY: JS cannot run while this synchronous call holds the view.
        let (out, t, tag) = cols.validate(unsafe { out.as_mut() }, now, &tag)?;
        let e = self.inner.borrow();
        let sid = e.strategy_for_check(tag);
        Ok(cols.run(out, |o| match &sid {
            Ok(s) => code_of(e.check(&OrderInput { strategy: *s, ..o }, t)) as u8,
            Err(r) => r.code as u8,
        }))
    }

    /// Submits a batch in order (later orders see the earlier accepted ones); writes codes
    /// to `out` and returns the number accepted. A new `tag` is registered with the first
    /// accepted order. Throws (changing nothing) for mismatched lengths, a short `out`, a
    /// bad `now` or an empty tag.
    #[napi(catch_unwind)]
    pub fn submit_batch(
        &self,
        ids: &[f64],
        instruments: &[u32],
        sides: &[u8],
        prices: &[f64],
        qtys: &[f64],
        flags: Option<&[u8]>,
        tag: Option<String>,
        now: f64,
        mut out: Uint8ArraySlice,
    ) -> Result<u32> {
        let cols = Batch { ids, instruments, sides, prices, qtys, flags };
        // SAFETY: JS cannot run while this synchronous call holds the view.
        let (out, t, tag) = cols.validate(unsafe { out.as_mut() }, now, &tag)?;
        let mut e = self.inner.borrow_mut();
        Ok(cols.run(out, |o| code_of(e.submit_tagged(&o, tag, t)) as u8))
    }

    /// Whether a cancel may be sent: 0 if the order is open (in any trading state),
    /// else UnknownOrder.
    #[napi(catch_unwind)]
    pub fn check_cancel(&self, client_id: f64) -> u32 {
        match id_of(client_id, "clientId") {
            Ok(id) => self.inner.borrow().check_cancel(id) as u32,
            Err(_) => ReasonCode::InvalidInput as u32,
        }
    }

    /// The exchange filled `qty` of an open order at `price` with `fee` (quote).
    #[napi(catch_unwind)]
    pub fn fill(&self, client_id: f64, qty: f64, price: f64, fee: f64, ts: f64) -> Result<()> {
        let id = id_of(client_id, "clientId")?;
        let t = ts_of(ts, "ts")?;
        self.inner.borrow_mut().fill_f64(id, qty, price, fee, t).map_err(|e| invalid(e.to_string()))
    }

    /// The exchange cancelled an open order.
    #[napi(catch_unwind)]
    pub fn cancel(&self, client_id: f64, ts: f64) -> Result<()> {
        let id = id_of(client_id, "clientId")?;
        let t = ts_of(ts, "ts")?;
        self.inner.borrow_mut().apply(Event::Cancel { client_id: id, ts: t }).map_err(|e| invalid(e.to_string()))
    }

    /// The exchange rejected an order we had accepted.
    #[napi(catch_unwind)]
    pub fn exchange_reject(&self, client_id: f64, ts: f64) -> Result<()> {
        let id = id_of(client_id, "clientId")?;
        let t = ts_of(ts, "ts")?;
        self.inner.borrow_mut().apply(Event::ExchangeReject { client_id: id, ts: t }).map_err(|e| invalid(e.to_string()))
    }

    /// A new mark price (rounded to the nearest tick).
    #[napi(catch_unwind)]
    pub fn mark(&self, instrument: u32, price: f64, ts: f64) -> Result<()> {
        let t = ts_of(ts, "ts")?;
        if !(price.is_finite() && price > 0.0) {
            return Err(invalid(format!("mark price must be a finite number > 0, got {price}")));
        }
        self.inner.borrow_mut().mark_f64(instrument, price, t).map_err(|e| invalid(e.to_string()))
    }

    /// Sets the trading state: 0 ACTIVE, 1 REDUCING, 2 HALTED.
    #[napi(catch_unwind)]
    pub fn set_state(&self, state: u32, ts: f64) -> Result<()> {
        let s = u8::try_from(state)
            .ok()
            .and_then(TradingState::from_u8)
            .ok_or_else(|| invalid(format!("state must be 0, 1 or 2, got {state}")))?;
        let t = ts_of(ts, "ts")?;
        self.inner.borrow_mut().apply(Event::SetState { state: s, ts: t }).map_err(|e| invalid(e.to_string()))
    }

    /// Moves the clock (rolls the UTC day when it changes).
    #[napi(catch_unwind)]
    pub fn tick(&self, ts: f64) -> Result<()> {
        let t = ts_of(ts, "ts")?;
        self.inner.borrow_mut().apply(Event::Tick { ts: t }).map_err(|e| invalid(e.to_string()))
    }

    /// Account summary.
    #[napi(catch_unwind)]
    pub fn account(&self) -> AccountInfo {
        let e = self.inner.borrow();
        AccountInfo {
            state: e.state() as u32,
            reducing_by_loss_limit: e.reducing_by_loss_limit(),
            daily_pnl: e.daily_pnl(),
            daily_realized: e.daily_realized(),
            unrealized: e.unrealized(),
            gross_exposure: e.gross_exposure(),
            open_orders: e.open_order_count() as u32,
            accepted_total: e.accepted_total as f64,
            now: if e.now() == i64::MIN { f64::NAN } else { e.now() as f64 },
        }
    }

    /// Account positions, one per instrument (flat ones included).
    #[napi(catch_unwind)]
    pub fn positions(&self) -> Vec<PositionInfo> {
        let e = self.inner.borrow();
        (0..e.instrument_count() as u32)
            .map(|i| {
                let st = e.instrument(i).expect("in range");
                let r = &st.rules;
                let p = &st.position;
                PositionInfo {
                    instrument: i,
                    symbol: r.symbol.clone(),
                    venue: r.venue.clone(),
                    strategy: None,
                    qty: r.qty_f64(p.qty),
                    qty_str: r.lot.to_string_of(p.qty),
                    avg_entry: p.avg_entry_ticks() * r.tick.value(),
                    realized: e.realized_of(i),
                    fees: p.fees,
                    unrealized: e.unrealized_of(i),
                    fills: p.fills as f64,
                    open_buy: r.qty_f64(st.open_buy),
                    open_sell: r.qty_f64(st.open_sell),
                }
            })
            .collect()
    }

    /// Positions per (instrument, strategy tag).
    #[napi(catch_unwind)]
    pub fn strategy_positions(&self) -> Vec<PositionInfo> {
        let e = self.inner.borrow();
        e.strategy_positions()
            .iter()
            .map(|(&(i, s), sp)| {
                let st = e.instrument(i).expect("known instrument");
                let r = &st.rules;
                let p = &sp.position;
                PositionInfo {
                    instrument: i,
                    symbol: r.symbol.clone(),
                    venue: r.venue.clone(),
                    strategy: Some(e.strategies()[s as usize].clone()),
                    qty: r.qty_f64(p.qty),
                    qty_str: r.lot.to_string_of(p.qty),
                    avg_entry: p.avg_entry_ticks() * r.tick.value(),
                    realized: r.notional_f64(p.realized) - p.fees,
                    fees: p.fees,
                    unrealized: r.notional_f64(p.unrealized_units(st.mark)),
                    fills: p.fills as f64,
                    open_buy: 0.0,
                    open_sell: 0.0,
                }
            })
            .collect()
    }

    /// Open orders, by client id.
    #[napi(catch_unwind)]
    pub fn open_orders(&self) -> Vec<OpenOrderInfo> {
        let e = self.inner.borrow();
        let mut v: Vec<_> = e.open_orders().copied().collect();
        v.sort_by_key(|o| o.order.client_id);
        v.iter()
            .map(|oo| {
                let o = &oo.order;
                let r = &e.instrument(o.instrument).expect("known").rules;
                OpenOrderInfo {
                    client_id: o.client_id as f64,
                    instrument: o.instrument,
                    side: o.side as u32,
                    kind: o.kind as u32,
                    price: r.price_f64(o.price),
                    qty: r.qty_f64(o.qty),
                    leaves: r.qty_f64(oo.leaves),
                    filled: r.qty_f64(oo.filled),
                    reduce_only: o.reduce_only,
                    strategy: e.strategies()[o.strategy as usize].clone(),
                    ts: oo.ts as f64,
                }
            })
            .collect()
    }

    /// Statistics per strategy tag.
    #[napi(catch_unwind)]
    pub fn strategy_stats(&self) -> Vec<StrategyStatsInfo> {
        let e = self.inner.borrow();
        e.strategies()
            .iter()
            .zip(e.strategy_stats())
            .map(|(name, s)| StrategyStatsInfo {
                strategy: name.clone(),
                trades: s.trades as f64,
                wins: s.wins as f64,
                trade_pnl: s.trade_pnl,
                avg_trade_pnl: if s.trades > 0 { s.trade_pnl / s.trades as f64 } else { 0.0 },
                realized: s.realized,
                fees: s.fees,
                fills: s.fills as f64,
                volume: s.volume,
            })
            .collect()
    }

    /// Realised PnL net of fees per UTC day and strategy, oldest first.
    #[napi(catch_unwind)]
    pub fn daily_pnl(&self) -> Vec<DailyPnlInfo> {
        let e = self.inner.borrow();
        e.daily_pnl_by_strategy()
            .iter()
            .map(|(&(d, s), &v)| DailyPnlInfo {
                day: ymd(d),
                day_start: (d * core::risk::DAY_MS) as f64,
                strategy: e.strategies()[s as usize].clone(),
                pnl: v,
            })
            .collect()
    }

    /// The whole state as versioned, checksummed bytes.
    #[napi(catch_unwind)]
    pub fn snapshot(&self) -> Buffer {
        self.inner.borrow().snapshot().into()
    }

    /// Replaces the state with a snapshot's; a truncated, corrupt or version-skewed
    /// snapshot throws and leaves the engine unchanged.
    #[napi(catch_unwind)]
    pub fn restore(&self, data: &[u8]) -> Result<()> {
        let fresh = core::RiskEngine::from_snapshot(data).map_err(|e| invalid(e.to_string()))?;
        *self.inner.borrow_mut() = fresh;
        Ok(())
    }
}

fn batch_lengths(ids: usize, inst: usize, sides: usize, prices: usize, qtys: usize, flags: Option<usize>, out: usize) -> Result<()> {
    if inst != ids || sides != ids || prices != ids || qtys != ids || flags.is_some_and(|f| f != ids) {
        return Err(invalid(format!(
            "batch columns differ in length: ids {ids}, instruments {inst}, sides {sides}, prices {prices}, qtys {qtys}{}",
            flags.map_or(String::new(), |f| format!(", flags {f}"))
        )));
    }
    if out < ids {
        return Err(invalid(format!("out holds {out} codes, the batch has {ids} orders")));
    }
    Ok(())
}

/// The columns of an order batch.
struct Batch<'a> {
    ids: &'a [f64],
    instruments: &'a [u32],
    sides: &'a [u8],
    prices: &'a [f64],
    qtys: &'a [f64],
    flags: Option<&'a [u8]>,
}

impl Batch<'_> {
    /// Checks everything that makes the call throw, before anything changes: lengths, `now`, the tag.
    fn validate<'o, 't>(&self, out: &'o mut [u8], now: f64, tag: &'t Option<String>) -> Result<(&'o mut [u8], i64, Option<&'t str>)> {
        batch_lengths(self.ids.len(), self.instruments.len(), self.sides.len(), self.prices.len(), self.qtys.len(), self.flags.map(|f| f.len()), out.len())?;
        let t = now_of(now).ok_or_else(|| invalid(format!("now must be a finite timestamp, got {now}")))?;
        Ok((out, t, tag_of(tag)?))
    }

    /// Decides each order in turn (a malformed one is InvalidInput); returns the number accepted.
    fn run(&self, out: &mut [u8], mut decide: impl FnMut(OrderInput) -> u8) -> u32 {
        let mut n = 0;
        for i in 0..self.ids.len() {
            let f = self.flags.map_or(self.sides[i] & 1, |f| f[i]);
            let code = match batch_order(self.ids[i], self.instruments[i], self.sides[i], self.prices[i], self.qtys[i], f) {
                Some(o) => decide(o),
                None => ReasonCode::InvalidInput as u8,
            };
            n += (code == 0) as u32;
            out[i] = code;
        }
        n
    }
}

#[inline]
fn batch_order(id: f64, inst: u32, side: u8, price: f64, qty: f64, flags: u8) -> Option<OrderInput> {
    // One layout with the hot path's flags word: the Sell bit must agree with `sides`.
    if side > 1 || (flags & OrderFlag::Sell as u8) != side {
        return None;
    }
    unpack(id, inst, flags as u32, price, qty)
}

fn step_of(v: &Either<String, f64>, what: &str) -> Result<Step> {
    Step::new(dec_of(v, what)?).map_err(|e| invalid(format!("{what}: {e}")))
}

/// L2 order book of one venue and symbol.
#[napi]
pub struct OrderBook {
    inner: Rc<RefCell<core::OrderBook>>,
}

#[napi]
impl OrderBook {
    /// An empty book (stale until the first snapshot).
    #[napi(constructor, catch_unwind)]
    pub fn new(venue: String, symbol: String, tick_size: Either<String, f64>, qty_step: Either<String, f64>) -> Result<Self> {
        let t = step_of(&tick_size, "tickSize")?;
        let l = step_of(&qty_step, "qtyStep")?;
        Ok(OrderBook { inner: Rc::new(RefCell::new(core::OrderBook::new(&venue, &symbol, t, l))) })
    }

    /// Replaces the book; a crossed or malformed snapshot throws and changes nothing.
    #[napi(catch_unwind)]
    pub fn apply_snapshot(
        &self,
        update_id: f64,
        bid_prices: &[f64],
        bid_sizes: &[f64],
        ask_prices: &[f64],
        ask_sizes: &[f64],
    ) -> Result<()> {
        let id = id_of(update_id, "updateId")?;
        self.inner.borrow_mut().apply_snapshot(id, bid_prices, bid_sizes, ask_prices, ask_sizes).map_err(|e| invalid(e.to_string()))
    }

    /// Applies one delta message; returns its status (0 Ok, 1 Stale, 2 Gap, 3 Crossed, 4 Invalid, 5 Old).
    #[napi(catch_unwind)]
    pub fn apply_delta(&self, update_id: f64, sides: &[u8], prices: &[f64], sizes: &[f64]) -> u32 {
        match id_of(update_id, "updateId") {
            Ok(id) => self.inner.borrow_mut().apply_delta(id, sides, prices, sizes) as u32,
            Err(_) => BookStatus::Invalid as u32,
        }
    }

    /// Applies many delta messages in one call; message m has id ids[m] and the next
    /// counts[m] levels. Statuses go to out; returns the number applied.
    #[napi(catch_unwind)]
    pub fn apply_deltas(
        &self,
        ids: &[f64],
        counts: &[u32],
        sides: &[u8],
        prices: &[f64],
        sizes: &[f64],
        mut out: Uint8ArraySlice,
    ) -> Result<u32> {
        // SAFETY: JS cannot run while this synchronous call holds the view.
        let out = unsafe { out.as_mut() };

        self.inner.borrow_mut().apply_deltas(ids, counts, sides, prices, sizes, out).map(|n| n as u32).map_err(|e| invalid(e.to_string()))
    }

    /// True until a snapshot, and after a gap / crossed / malformed message.
    #[napi(getter, catch_unwind)]
    pub fn stale(&self) -> bool {
        self.inner.borrow().is_stale()
    }

    /// Update id of the last applied message.
    #[napi(getter, catch_unwind)]
    pub fn last_update_id(&self) -> f64 {
        self.inner.borrow().last_update_id() as f64
    }

    /// Writes [bestBid, bidSize, bestAsk, askSize, mid, spread] into out (NaN where absent),
    /// then, when out has room for 8, the number of bid and ask levels.
    #[napi(catch_unwind)]
    pub fn top(&self, mut out: Float64ArraySlice) -> Result<()> {
        // SAFETY: JS cannot run while this synchronous call holds the view.
        let out = unsafe { out.as_mut() };

        if out.len() < 6 {
            return Err(invalid("out must hold 6 numbers"));
        }
        let b = self.inner.borrow();
        let t = b.tick;
        let l = b.lot;
        let (bp, bs) = b.best(Side::Buy).map_or((f64::NAN, f64::NAN), |(p, q)| (t.to_f64(p), l.to_f64(q)));
        let (ap, az) = b.best(Side::Sell).map_or((f64::NAN, f64::NAN), |(p, q)| (t.to_f64(p), l.to_f64(q)));
        out[0] = bp;
        out[1] = bs;
        out[2] = ap;
        out[3] = az;
        out[4] = b.mid().unwrap_or(f64::NAN);
        out[5] = b.spread_ticks().map_or(f64::NAN, |s| t.to_f64(s));
        if out.len() >= 8 {
            out[6] = b.len(Side::Buy) as f64;
            out[7] = b.len(Side::Sell) as f64;
        }
        Ok(())
    }

    /// Writes the top levels of a side (0 bids, 1 asks), best first, into prices/sizes;
    /// returns how many were written.
    #[napi(catch_unwind)]
    pub fn depth(&self, side: u32, mut prices: Float64ArraySlice, mut sizes: Float64ArraySlice) -> Result<u32> {
        // SAFETY: JS cannot run while this synchronous call holds the view.
        let prices = unsafe { prices.as_mut() };
        // SAFETY: JS cannot run while this synchronous call holds the view.
        let sizes = unsafe { sizes.as_mut() };

        let s = side_of(side)?;
        let b = self.inner.borrow();
        let n = prices.len().min(sizes.len());
        let mut k = 0;
        for (p, q) in b.levels(s, n) {
            prices[k] = b.tick.to_f64(p);
            sizes[k] = b.lot.to_f64(q);
            k += 1;
        }
        Ok(k as u32)
    }

    /// Walks the book for a taker of `side` (0 buy → asks) and quantity `qty`; writes
    /// [avgPrice, filledQty, worstPrice] into out.
    #[napi(catch_unwind)]
    pub fn fill_estimate(&self, side: u32, qty: f64, mut out: Float64ArraySlice) -> Result<()> {
        // SAFETY: JS cannot run while this synchronous call holds the view.
        let out = unsafe { out.as_mut() };

        let s = side_of(side)?;
        if out.len() < 3 {
            return Err(invalid("out must hold 3 numbers"));
        }
        if !(qty.is_finite() && qty > 0.0) {
            return Err(invalid(format!("qty must be a finite number > 0, got {qty}")));
        }
        let b = self.inner.borrow();
        let lots = b.lot.steps_of_f64(qty, Rounding::Down).map_err(|e| invalid(format!("qty: {e}")))?;
        let FillEstimate { avg_price, filled, worst_price } = b.fill_estimate(s, lots);
        out[0] = avg_price;
        out[1] = b.lot.to_f64(filled);
        out[2] = if filled > 0 { b.tick.to_f64(worst_price) } else { f64::NAN };
        Ok(())
    }

    /// (bid size − ask size) / (bid size + ask size) over the top n levels (NaN if empty).
    #[napi(catch_unwind)]
    pub fn imbalance(&self, levels: u32) -> f64 {
        self.inner.borrow().imbalance(levels.max(1) as usize)
    }

    /// Bytes of the book (versioned, checksummed).
    #[napi(catch_unwind)]
    pub fn snapshot(&self) -> Buffer {
        self.inner.borrow().snapshot().into()
    }

    /// Replaces the book with a snapshot's; throws on a bad snapshot and changes nothing.
    #[napi(catch_unwind)]
    pub fn restore(&self, data: &[u8]) -> Result<()> {
        let b = core::OrderBook::from_snapshot(data).map_err(|e| invalid(e.to_string()))?;
        *self.inner.borrow_mut() = b;
        Ok(())
    }
}

struct VenueEntry {
    book: Rc<RefCell<core::OrderBook>>,
    fee: f64,
    rules: core::Instrument,
    instrument: Option<u32>,
}

/// Smart order router over several venues' books.
#[napi]
pub struct Router {
    router: core::Router,
    venues: Vec<VenueEntry>,
    engine: Option<Rc<RefCell<core::RiskEngine>>>,
}

/// Numbers in the header of route()'s output.
pub const ROUTE_HEADER: usize = 9;
/// Numbers per child in route()'s output.
pub const ROUTE_CHILD: usize = 5;
/// Numbers per dropped child.
pub const ROUTE_DROPPED: usize = 3;

#[napi]
impl Router {
    /// A router; with an engine, every child is risk-checked.
    #[napi(constructor, catch_unwind)]
    pub fn new(engine: Option<&RiskEngine>) -> Self {
        Router { router: core::Router::new(), venues: Vec::new(), engine: engine.map(|e| e.inner.clone()) }
    }

    /// Adds a venue: its book, taker fee ratio, and either the engine instrument id (its
    /// rules are used and children are risk-checked) or explicit rules. Returns its index.
    #[napi(catch_unwind)]
    pub fn add_venue(&mut self, book: &OrderBook, taker_fee: f64, instrument: Option<u32>, rules: Option<InstrumentRules>) -> Result<u32> {
        if !(taker_fee.is_finite() && taker_fee > -0.01 && taker_fee < 0.1) {
            return Err(invalid(format!("takerFee must be a ratio in (-0.01, 0.1), got {taker_fee}")));
        }
        let r = match (instrument, rules) {
            (Some(id), _) => {
                let e = self.engine.as_ref().ok_or_else(|| invalid("an instrument id needs a router built with an engine"))?;
                let e = e.borrow();
                e.instrument(id).ok_or_else(|| invalid(format!("unknown instrument id {id}")))?.rules.clone()
            }
            (None, Some(r)) => rules_of(&r)?,
            (None, None) => {
                let b = book.inner.borrow();
                core::Instrument::from_input(&RulesInput {
                    symbol: b.symbol.clone(),
                    venue: b.venue.clone(),
                    tick_size: Some(b.tick.decimal()),
                    qty_step: Some(b.lot.decimal()),
                    ..Default::default()
                })
                .map_err(|e| invalid(e.to_string()))?
            }
        };
        {
            let b = book.inner.borrow();
            if b.tick != r.tick || b.lot != r.lot {
                return Err(invalid(format!(
                    "the book's tick/step ({}/{}) differ from the instrument's ({}/{})",
                    b.tick, b.lot, r.tick, r.lot
                )));
            }
        }
        self.venues.push(VenueEntry { book: book.inner.clone(), fee: taker_fee, rules: r, instrument });
        Ok(self.venues.len() as u32 - 1)
    }

    /// Number of venues.
    #[napi(getter, catch_unwind)]
    pub fn venue_count(&self) -> u32 {
        self.venues.len() as u32
    }

    /// Routes a parent order. Writes into out: a header [filled, unfilled, avgPrice, fees,
    /// totalCost, passes, children, dropped, optimal (1 or 0)], then per child [venue, price, qty, avgPrice,
    /// fee], then per dropped child [venue, qty, reason]. Returns the number of children.
    /// limit: NaN for none. With an engine, children are checked at `now` as `strategy`.
    #[napi(catch_unwind)]
    pub fn route(&mut self, side: u32, qty: f64, limit: f64, now: f64, strategy: u32, mut out: Float64ArraySlice) -> Result<u32> {
        // SAFETY: JS cannot run while this synchronous call holds the view.
        let out = unsafe { out.as_mut() };

        let s = side_of(side)?;
        let t = ts_of(now, "now")?;
        let limit = if limit.is_nan() { None } else { Some(limit) };
        let books: Vec<std::cell::Ref<core::OrderBook>> = self.venues.iter().map(|v| v.book.borrow()).collect();
        let venues: Vec<core::Venue> = self
            .venues
            .iter()
            .zip(&books)
            .map(|(v, b)| core::Venue { book: b, taker_fee: v.fee, rules: &v.rules, instrument: v.instrument })
            .collect();
        let eng = self.engine.as_ref().map(|e| e.borrow());
        let ctx = eng.as_ref().map(|e| RiskContext { engine: e, now: t, strategy });
        let plan = self.router.route(&venues, s, qty, limit, ctx).map_err(|e| invalid(e.to_string()))?;
        let need = ROUTE_HEADER + plan.children.len() * ROUTE_CHILD + plan.dropped.len() * ROUTE_DROPPED;
        if out.len() < need {
            return Err(invalid(format!("out holds {} numbers, the plan needs {need}", out.len())));
        }
        out[0] = plan.filled;
        out[1] = plan.unfilled;
        out[2] = plan.avg_price;
        out[3] = plan.fees;
        out[4] = plan.total_cost;
        out[5] = plan.passes as f64;
        out[6] = plan.children.len() as f64;
        out[7] = plan.dropped.len() as f64;
        out[8] = plan.optimal as u8 as f64;
        let mut k = ROUTE_HEADER;
        for c in &plan.children {
            out[k..k + ROUTE_CHILD].copy_from_slice(&[c.venue as f64, c.price, c.qty, c.avg_price, c.fee]);
            k += ROUTE_CHILD;
        }
        for d in &plan.dropped {
            out[k..k + ROUTE_DROPPED].copy_from_slice(&[d.venue as f64, d.qty, d.reason as u8 as f64]);
            k += ROUTE_DROPPED;
        }
        Ok(plan.children.len() as u32)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::ymd(0), "1970-01-01");
        assert_eq!(super::ymd(19_675), "2023-11-14");
        assert_eq!(super::ymd(-1), "1969-12-31");
    }
}
