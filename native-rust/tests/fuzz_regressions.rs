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

fn one_lot_one_tick() -> Instrument {
    let d = |s: &str| Some(Decimal::parse(s).unwrap());
    Instrument::from_input(&RulesInput { symbol: "X".into(), tick_size: d("1"), qty_step: d("1"), ..Default::default() }).unwrap()
}

fn limit_order(id: f64, side: Side, price: f64, qty: f64) -> OrderInput {
    OrderInput { client_id: id, instrument: 0, side, kind: OrderKind::Limit, price, qty, reduce_only: false, strategy: 0 }
}

/// The entry cost share of a partial close was cost·close / open in i128, which overflows
/// for large positions (2^100 · 2^49): a panic with overflow checks, garbage PnL without.
#[test]
fn partial_close_of_a_huge_position() {
    let mut e = RiskEngine::default();
    e.add_instrument(one_lot_one_tick(), InstrumentLimits::default()).unwrap();
    let p = (1u64 << 50) as f64;
    e.mark_f64(0, p, 1).unwrap();
    e.submit(&limit_order(1.0, Side::Buy, p, p), 2).unwrap();
    e.fill_f64(1, p, p, 0.0, 3).unwrap();
    // Sell half 1000 ticks higher: realised = 2^49 lots · 1000 ticks.
    e.submit(&limit_order(2.0, Side::Sell, p + 1000.0, p / 2.0), 4).unwrap();
    e.fill_f64(2, p / 2.0, p + 1000.0, 0.0, 5).unwrap();
    assert_eq!(e.realized_of(0), (1u64 << 49) as f64 * 1000.0);
    let pos = &e.instrument(0).unwrap().position;
    assert_eq!((pos.qty, pos.cost), (1 << 49, 1i128 << 99));
    // Uneven shares still add up to the exact total.
    let mut q = Position::default();
    q.apply_fill(Side::Buy, 3, 7, 0.0);
    q.apply_fill(Side::Buy, 4, 9, 0.0);
    let a = q.apply_fill(Side::Sell, 2, 10, 0.0).realized;
    let b = q.apply_fill(Side::Sell, 5, 10, 0.0).realized;
    assert_eq!(a + b, 70 - (21 + 36));
}

/// maxPosition beyond 2^53 - 1 lots let open lots grow until i64 overflowed.
#[test]
fn max_position_is_bounded() {
    let mut e = RiskEngine::default();
    let big = InstrumentLimits { max_position: i64::MAX, ..Default::default() };
    assert!(e.add_instrument(one_lot_one_tick(), big).is_err());
    e.add_instrument(one_lot_one_tick(), InstrumentLimits::default()).unwrap();
    assert!(e.apply(Event::SetInstrumentLimits { instrument: 0, limits: big }).is_err());
}

/// A market order accepted as an event with a price past 2^53 - 1 ticks made an engine whose
/// snapshot it could not read back.
#[test]
fn accepted_order_prices_are_bounded() {
    let mut e = RiskEngine::default();
    e.add_instrument(one_lot_one_tick(), InstrumentLimits::default()).unwrap();
    e.mark_f64(0, 100.0, 1).unwrap();
    let order = Order {
        client_id: 1,
        instrument: 0,
        side: Side::Buy,
        kind: OrderKind::Market,
        price: i64::MAX,
        qty: 1,
        reduce_only: false,
        strategy: 0,
    };
    match e.apply(Event::Accept { order, ts: 2 }) {
        Err(EngineError::Rejected(r)) => assert_eq!(r.code, ReasonCode::InvalidPrice),
        other => panic!("{other:?}"),
    }
    e.apply(Event::Accept { order: Order { price: 100, ..order }, ts: 2 }).unwrap();
    let s = e.snapshot();
    assert_eq!(RiskEngine::from_snapshot(&s).unwrap().snapshot(), s);
}

/// A forged snapshot (valid checksum) whose open order has leaves near i64::MAX overflowed
/// `leaves + filled` while being validated.
#[test]
fn forged_open_order_quantities_are_refused() {
    let mut e = RiskEngine::default();
    e.add_instrument(one_lot_one_tick(), InstrumentLimits::default()).unwrap();
    e.mark_f64(0, 100.0, 1).unwrap();
    const ID: u64 = 0x0011_2233_4455_6677;
    e.submit(&limit_order(ID as f64, Side::Buy, 99.0, 5.0), 2).unwrap();
    e.fill_f64(ID, 1.0, 99.0, 0.0, 3).unwrap();
    let good = e.snapshot();
    let at = good.windows(8).position(|w| w == ID.to_le_bytes()).expect("order record");
    let leaves_at = at + 8 + 4 + 1 + 1 + 8 + 8 + 1 + 4;
    assert_eq!(&good[leaves_at..leaves_at + 8], &4i64.to_le_bytes());
    let forge = |leaves: i64, filled: i64| {
        let mut b = good.clone();
        b[leaves_at..leaves_at + 8].copy_from_slice(&leaves.to_le_bytes());
        b[leaves_at + 8..leaves_at + 16].copy_from_slice(&filled.to_le_bytes());
        let n = b.len();
        let c = hean_core::codec::crc32(&b[..n - 4]);
        b[n - 4..].copy_from_slice(&c.to_le_bytes());
        b
    };
    assert!(RiskEngine::from_snapshot(&forge(4, 1)).is_ok());
    let mut before = RiskEngine::from_snapshot(&good).unwrap();
    let err = before.restore(&forge(i64::MAX, 1)).unwrap_err();
    assert!(err.to_string().contains("inconsistent"), "{err}");
    assert_eq!(before.snapshot(), good, "a refused restore leaves the engine as it was");
}

/// The f64 fast path took a grid value that shares its double with x for x's own decimal:
/// 16 · 5.00599999999999 = 80.09599999999984 is the same double as 80.09599999999983
/// (what String(x) prints), which is off the grid. And Nearest used the rounded quotient,
/// so half-tick prices went either way (0.145 on a 0.01 tick gave 0.14; ties go away from
/// zero, 0.15). Both now agree with the exact decimal path.
#[test]
fn f64_fast_path_agrees_with_the_exact_decimal() {
    let st = Step::parse("5.00599999999999").unwrap();
    let x = 80.09599999999983;
    assert_eq!(st.steps_of_f64(x, Rounding::Exact), Err(DecimalError::OffGrid));
    assert_eq!(st.steps_of_f64(x, Rounding::Down), Ok(15));
    assert_eq!(st.steps_of_f64(x, Rounding::Up), Ok(16));
    let cent = Step::parse("0.01").unwrap();
    assert_eq!(cent.steps_of_f64(0.145, Rounding::Nearest), Ok(15));
    assert_eq!(cent.steps_of_f64(-0.145, Rounding::Nearest), Ok(-15));
    assert_eq!(Step::parse("0.001").unwrap().steps_of_f64(0.5005, Rounding::Nearest), Ok(501));
    // Half-tick and off-grid prices on common ticks: fast path == shortest-decimal path.
    const MODES: [Rounding; 4] = [Rounding::Exact, Rounding::Down, Rounding::Up, Rounding::Nearest];
    for tick in ["0.1", "0.01", "0.5", "0.001", "0.05", "0.25", "0.00001", "5.00599999999999"] {
        let st = Step::parse(tick).unwrap();
        for k in (0..20_000i64).chain([(1 << 49) - 3, 1 << 49]) {
            let g = (k as f64 + 0.5) * st.value();
            // (neighbouring doubles by bits: f64::next_up is newer than the crate's MSRV)
            let (up, down) = (f64::from_bits(g.to_bits() + 1), f64::from_bits(g.to_bits() - 1));
            for x in [g, -g, up, down, (k as f64) * st.value()] {
                for m in MODES {
                    let slow = Decimal::from_f64(x).and_then(|d| st.steps_of(d, m));
                    if slow.is_ok() {
                        assert_eq!(st.steps_of_f64(x, m), slow, "{x:?} {m:?} on {tick}");
                    }
                }
            }
        }
    }
}

/// Normalizing a zero with a huge scale stripped one "trailing zero" per unit of scale:
/// a book snapshot with a zero tick of scale 2^32 - 1 took ~20 s to refuse.
#[test]
fn zero_with_a_huge_scale_is_refused_at_once() {
    let t = std::time::Instant::now();
    assert_eq!(Decimal::new(0, u32::MAX).normalized(), Decimal::ZERO);
    assert!(Step::new(Decimal::new(0, u32::MAX)).is_err());
    assert_eq!(Decimal::new(1, u32::MAX).to_f64(), 0.0);
    assert_eq!(Decimal::new(-7, 4000).to_f64(), 0.0);
    let mut w = Writer::default();
    w.str("v");
    w.str("S");
    w.i128(0);
    w.u32(u32::MAX);
    w.i128(1);
    w.u32(3);
    w.u64(1);
    w.bool(false);
    w.len(0);
    w.len(0);
    assert!(OrderBook::from_snapshot(&w.finish(SnapshotKind::OrderBook)).is_err());
    assert!(t.elapsed().as_secs_f64() < 1.0, "took {:?}", t.elapsed());
}

/// Counters restored from a (forged, checksum-fixed) snapshot at u64::MAX overflowed on the
/// next fill (found by the snapshot fuzz target, which fills after every restore).
#[test]
fn restored_counters_at_their_maximum_saturate() {
    let mut e = RiskEngine::default();
    e.add_instrument(one_lot_one_tick(), InstrumentLimits::default()).unwrap();
    e.mark_f64(0, 100.0, 1).unwrap();
    e.submit(&limit_order(7.0, Side::Buy, 99.0, 5.0), 2).unwrap();
    let mut b = e.snapshot();
    // The "default" strategy's stats: name (u64 length + 7 bytes), trades, wins, trade_pnl,
    // realized, fees, fills.
    let at = b.windows(7).position(|w| w == b"default").unwrap() + 7;
    for off in [0, 8, 40] {
        b[at + off..at + off + 8].copy_from_slice(&u64::MAX.to_le_bytes());
    }
    let n = b.len();
    let c = hean_core::codec::crc32(&b[..n - 4]);
    b[n - 4..].copy_from_slice(&c.to_le_bytes());
    let mut r = RiskEngine::from_snapshot(&b).unwrap();
    assert_eq!(r.strategy_stats()[0].fills, u64::MAX);
    r.fill_f64(7, 5.0, 99.0, 0.0, 3).unwrap();
    assert_eq!(r.strategy_stats()[0].fills, u64::MAX);
}
