//! Regression tests for what the fuzzers (native-rust/fuzz, scripts/fuzz-rust.sh) found.
use hean_core::codec::{SnapshotKind, Writer};
use hean_core::*;

/// Rounding::Nearest doubled the remainder, which overflowed i128 when the divisor was near
/// i128::MAX (a decimal with many more fractional digits than the step): a panic with
/// overflow checks, and a wrong result (-1 for a tiny negative value) without them.
#[test]
fn nearest_rounding_of_a_tiny_value_on_a_coarse_step() {
    let one = Step::parse("1").unwrap();
    let tiny_neg = Decimal::new(-1, 45); // -1e-45: 10^45 overflows i128 as a divisor
    assert_eq!(one.steps_of(tiny_neg, Rounding::Nearest), Ok(0));
    assert_eq!(one.steps_of(tiny_neg, Rounding::Down), Ok(-1));
    assert_eq!(one.steps_of(tiny_neg, Rounding::Up), Ok(0));
    assert_eq!(one.steps_of(Decimal::new(1, 45), Rounding::Nearest), Ok(0));
    assert_eq!(one.steps_of_str("-0.000000000000000000000000000000000000000000001", Rounding::Nearest), Ok(0));
    // Large divisors that still fit: ties and near-ties.
    let fine = Step::parse("1e-18").unwrap();
    assert_eq!(fine.steps_of(Decimal::new(5, 19), Rounding::Nearest), Ok(1));
    assert_eq!(fine.steps_of(Decimal::new(-5, 19), Rounding::Nearest), Ok(-1)); // ties away from zero
    assert_eq!(fine.steps_of(Decimal::new(-4, 19), Rounding::Nearest), Ok(0));
}

fn book() -> OrderBook {
    OrderBook::new("v", "S", Step::parse("0.1").unwrap(), Step::parse("0.001").unwrap())
}

/// Tick-level book input took any positive i64, so best bid + best ask (mid) overflowed.
#[test]
fn book_tick_levels_are_bounded_by_2_pow_53() {
    const MAX: i64 = (1 << 53) - 1;
    let mut b = book();
    assert!(b.apply_snapshot_ticks(1, &[(i64::MAX - 1, 1)], &[(i64::MAX, 1)]).is_err());
    assert!(b.apply_snapshot_ticks(1, &[(10, i64::MAX)], &[]).is_err());
    b.apply_snapshot_ticks(1, &[(MAX - 1, 1)], &[(MAX, 1)]).unwrap();
    assert!(b.mid().unwrap().is_finite());
    assert_eq!(b.apply_delta_ticks(2, &[(Side::Sell, MAX + 1, 1)]), BookStatus::Invalid);
    assert!(b.is_stale());
    // Same levels through a snapshot with a valid checksum: refused.
    let mut w = Writer::default();
    w.str("v");
    w.str("S");
    w.i128(1);
    w.u32(1);
    w.i128(1);
    w.u32(3);
    w.u64(1);
    w.bool(false);
    w.len(1);
    w.i64(i64::MAX - 1);
    w.i64(1);
    w.len(1);
    w.i64(-i64::MAX);
    w.i64(1);
    let err = OrderBook::from_snapshot(&w.finish(SnapshotKind::OrderBook)).unwrap_err();
    assert!(err.to_string().contains("2^53"), "{err}");
}

/// Equality of books ignored nothing: the rollback scratch of the last message made a book
/// differ from its own snapshot read back.
#[test]
fn book_equality_ignores_rollback_scratch() {
    let mut b = book();
    b.apply_snapshot_ticks(1, &[(100, 1)], &[(105, 1)]).unwrap();
    assert_eq!(b.apply_delta_ticks(2, &[(Side::Buy, 101, 2), (Side::Sell, 104, 3)]), BookStatus::Ok);
    assert_eq!(OrderBook::from_snapshot(&b.snapshot()).unwrap(), b);
}

/// A maxMktOrderQty under one lot rounded to 0 lots: accepted, but the engine's snapshot
/// of such an instrument was then refused on restore.
#[test]
fn market_cap_below_min_qty_is_refused() {
    let d = |s: &str| Some(Decimal::parse(s).unwrap());
    let r = RulesInput {
        symbol: "S0".into(),
        tick_size: d("0.01"),
        qty_step: d("25"),
        max_order_qty: d("25"),
        max_mkt_order_qty: d("1"),
        ..Default::default()
    };
    let err = Instrument::from_input(&r).unwrap_err();
    assert!(err.to_string().contains("maxMktOrderQty"), "{err}");
    // At one lot it is fine, and the engine round-trips.
    let ok = Instrument::from_input(&RulesInput { max_mkt_order_qty: d("25"), ..r }).unwrap();
    let mut e = RiskEngine::default();
    e.add_instrument(ok, InstrumentLimits::default()).unwrap();
    let s = e.snapshot();
    assert_eq!(RiskEngine::from_snapshot(&s).unwrap().snapshot(), s);
}

/// RiskEngine::new takes limits as given; try_new validates them like SetAccountLimits.
#[test]
fn try_new_validates_account_limits() {
    let bad = AccountLimits { id_history: 20_000_000, ..Default::default() };
    assert!(RiskEngine::try_new(bad).is_err());
    assert!(RiskEngine::try_new(AccountLimits { rate_window_ms: 0, ..Default::default() }).is_err());
    let e = RiskEngine::try_new(AccountLimits::default()).unwrap();
    let s = e.snapshot();
    assert_eq!(RiskEngine::from_snapshot(&s).unwrap().snapshot(), s);
}
