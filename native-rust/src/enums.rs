//! The enums and bit layouts that cross into JavaScript, each listed once.
//!
//! Each `*_list!` macro hands its list to a macro it is given: this crate defines its Rust
//! enums with [`define_code_enum!`], and the napi binding defines its `#[napi]` enums from
//! the same list, from which napi-rs writes the TypeScript declarations that
//! `scripts/gen-enums.mjs` turns into `src/trading/enums.gen.ts`. Adding a code here is the
//! whole change. An item is `Variant = code` with, where JavaScript spells it differently,
//! `as "JS_NAME"`.

/// The JS name of a list item: its `as` literal, else the variant's own name.
#[doc(hidden)]
#[macro_export]
macro_rules! js_name {
    ($v:ident) => {
        stringify!($v)
    };
    ($v:ident, $js:literal) => {
        $js
    };
}

/// Defines a `#[repr(u8)]` enum from a list, with `ALL`, `name()` (the JS name) and `from_u8`.
#[doc(hidden)]
#[macro_export]
macro_rules! define_code_enum {
    ($(#[doc = $ed:literal])* $name:ident; $( $(#[doc = $d:literal])* $v:ident = $n:literal $(as $js:literal)? ),* $(,)?) => {
        $(#[doc = $ed])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $name {
            $( $(#[doc = $d])* $v = $n, )*
        }
        impl $name {
            /// Every value, in code order.
            pub const ALL: &'static [$name] = &[$($name::$v),*];
            /// The name JavaScript uses for this value.
            pub fn name(self) -> &'static str {
                match self { $($name::$v => $crate::js_name!($v $(, $js)?),)* }
            }
            /// The value with this code.
            pub fn from_u8(v: u8) -> Option<$name> {
                match v { $($n => Some($name::$v),)* _ => None }
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// Why an order was rejected (or `Accepted`): the codes written into batch outputs.
#[macro_export]
macro_rules! reason_code_list {
    ($m:ident) => {
        $m! {
            /// Why an order was rejected (or `Accepted`). The numeric values are the codes
            /// written into batch outputs; the names are what JS switches on.
            ReasonCode;
            /// Passed every check.
            Accepted = 0,
            /// The instrument id is not registered.
            UnknownInstrument = 1,
            /// Trading state is HALTED: no new orders.
            TradingHalted = 2,
            /// Trading state is REDUCING and the order, with the open orders on its side,
            /// could grow or flip the position if all filled.
            TradingReducing = 3,
            /// Price not finite or not positive.
            InvalidPrice = 4,
            /// Quantity not finite or not positive.
            InvalidQuantity = 5,
            /// Price is not a whole number of ticks.
            PriceOffTick = 6,
            /// Quantity is not a whole number of qty steps.
            QtyOffStep = 7,
            /// Price outside the instrument's [minPrice, maxPrice].
            PriceOutOfRange = 8,
            /// Quantity under minOrderQty.
            QtyBelowMin = 9,
            /// Limit-order quantity over maxOrderQty.
            QtyAboveMax = 10,
            /// Market-order quantity over maxMktOrderQty.
            QtyAboveMaxMarket = 11,
            /// Notional under minNotionalValue.
            NotionalBelowMin = 12,
            /// Notional over the per-order maximum.
            NotionalAboveMax = 13,
            /// Limit price outside the band around the mark price (fat finger).
            PriceBandExceeded = 14,
            /// A market order, or a price band, needs a mark price and there is none.
            NoReferencePrice = 15,
            /// A reduce-only order, with the open reduce-only orders on its side, could
            /// grow or flip the position if all filled.
            ReduceOnlyWouldIncrease = 16,
            /// Position (plus open orders on that side) would exceed the symbol's limit.
            PositionLimit = 17,
            /// Gross exposure across symbols would exceed the account limit.
            GrossExposureLimit = 18,
            /// Too many open orders.
            MaxOpenOrders = 19,
            /// The daily loss limit was breached: the account is REDUCING until the next UTC day.
            DailyLossLimit = 20,
            /// Account order rate over the limit (sliding window).
            RateLimitAccount = 21,
            /// Symbol order rate over the limit (sliding window).
            RateLimitSymbol = 22,
            /// The client order id is open or was used recently.
            DuplicateClientOrderId = 23,
            /// The order would cross one of our own resting orders.
            SelfTrade = 24,
            /// Malformed input: side/type code, flags, client order id, strategy id.
            InvalidInput = 25,
            /// A cancel or fill for an order that is not open.
            UnknownOrder = 26,
        }
    };
}

/// What happened to an order-book message.
#[macro_export]
macro_rules! book_status_list {
    ($m:ident) => {
        $m! {
            /// Result of applying an order-book message.
            BookStatus;
            /// Applied.
            Ok = 0,
            /// Ignored: the book is stale and waits for a snapshot.
            Stale = 1,
            /// The update id did not follow: the book is now stale.
            Gap = 2,
            /// The message would cross the book: rolled back, the book is now stale.
            Crossed = 3,
            /// A level was malformed (price/size not finite, negative, off grid, bad side):
            /// rolled back, the book is now stale.
            Invalid = 4,
            /// The update id is not newer than the book's: ignored (a duplicate).
            Old = 5,
        }
    };
}

/// The account's trading state (the kill switch).
#[macro_export]
macro_rules! trading_state_list {
    ($m:ident) => {
        $m! {
            /// Account trading state (the kill switch).
            TradingState;
            /// All checks apply.
            Active = 0 as "ACTIVE",
            /// Only orders that shrink a position pass, and only as far as flat: each order
            /// plus the open orders on its side must fit in the position.
            Reducing = 1 as "REDUCING",
            /// No new orders pass (cancels still do).
            Halted = 2 as "HALTED",
        }
    };
}

/// The bits of an order's flags: one layout for the single-order hot path
/// (`riskCheck`/`checkRaw`, which also carries the strategy id from bit
/// [`ORDER_STRATEGY_SHIFT`]) and the per-order `flags` column of a batch.
#[macro_export]
macro_rules! order_flag_list {
    ($m:ident) => {
        $m! {
            /// Bits of an order's flags word (hot path and batch `flags` column alike).
            OrderFlag;
            /// A sell (clear: a buy). In a batch, where `sides` gives the side, a set bit
            /// must agree with it.
            Sell = 1,
            /// A market order (clear: a limit order).
            Market = 2,
            /// Reduce-only.
            ReduceOnly = 4,
        }
    };
}

reason_code_list!(define_code_enum);
book_status_list!(define_code_enum);
trading_state_list!(define_code_enum);
order_flag_list!(define_code_enum);

/// First bit of the strategy id in a hot-path flags word (16 bits: ids 0–65535).
pub const ORDER_STRATEGY_SHIFT: u32 = 8;
/// The flag bits an order may carry; any other bit below the strategy id is malformed.
pub const ORDER_FLAG_MASK: u32 = OrderFlag::Sell as u32 | OrderFlag::Market as u32 | OrderFlag::ReduceOnly as u32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_round_trip() {
        for (i, c) in ReasonCode::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "reason codes are dense from 0");
            assert_eq!(ReasonCode::from_u8(i as u8), Some(*c));
        }
        assert_eq!(ReasonCode::from_u8(ReasonCode::ALL.len() as u8), None);
        assert_eq!(TradingState::Reducing.name(), "REDUCING");
        assert_eq!(BookStatus::Crossed.name(), "Crossed");
        assert_eq!(ORDER_FLAG_MASK, 7);
    }
}
