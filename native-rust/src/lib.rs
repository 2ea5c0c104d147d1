//! hean-core: instrument rules on an integer grid, a pre-trade risk engine with positions
//! and PnL, L2 order books and a fee-aware smart order router. Pure Rust; the Node binding
//! lives in `bindings/rust`. No function here reads a clock: time is always passed in.

#![allow(clippy::neg_cmp_op_on_partial_ord)] // `!(x > 0.0)` is how NaN is refused

pub mod book;
pub mod codec;
pub mod decimal;
pub mod enums;
pub mod instrument;
pub mod money;
pub mod position;
pub mod risk;
pub mod router;

pub use book::{BookError, BookStatus, FillEstimate, OrderBook};
pub use codec::{SnapshotError, SNAPSHOT_VERSION};
pub use decimal::{Decimal, DecimalError, Rounding, Step};
pub use instrument::{Instrument, RulesInput, Side};
pub use position::{Position, StrategyStats};
pub use risk::{
    AccountLimits, EngineError, Event, InstrumentLimits, OpenOrder, Order, OrderInput, OrderKind, ReasonCode, Reject, RiskEngine,
    TradingState, REASON_CODES,
};
pub use enums::{OrderFlag, ORDER_FLAG_MASK, ORDER_STRATEGY_SHIFT};
pub use router::{ChildOrder, DroppedChild, RiskContext, RouteError, RoutePlan, Router, Venue};
