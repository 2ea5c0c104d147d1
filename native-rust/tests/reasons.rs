//! One test per reason code, plus the state machine around them.
mod common;
use common::*;
use hean_core::*;

fn code(e: &RiskEngine, o: &OrderInput, now: i64) -> ReasonCode {
    match e.check(o, now) {
        Ok(_) => ReasonCode::Accepted,
        Err(r) => {
            assert!(!r.message().is_empty());
            r.code
        }
    }
}

#[test]
fn accepted() {
    let e = engine();
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 30000.0, 0.01), T0), ReasonCode::Accepted);
    assert_eq!(code(&e, &market(1, 0, Side::Sell, 0.01), T0), ReasonCode::Accepted);
}

#[test]
fn unknown_instrument() {
    let e = engine();
    assert_eq!(code(&e, &limit(1, 7, Side::Buy, 30000.0, 0.01), T0), ReasonCode::UnknownInstrument);
}

#[test]
fn trading_halted_but_cancels_pass() {
    let mut e = engine();
    e.submit(&limit(1, 0, Side::Buy, 29000.0, 0.01), T0).unwrap();
    e.apply(Event::SetState { state: TradingState::Halted, ts: T0 }).unwrap();
    assert_eq!(code(&e, &limit(2, 0, Side::Buy, 30000.0, 0.01), T0), ReasonCode::TradingHalted);
    assert_eq!(e.check_cancel(1), ReasonCode::Accepted);
    e.apply(Event::Cancel { client_id: 1, ts: T0 }).unwrap();
    assert_eq!(e.open_order_count(), 0);
}

#[test]
fn trading_reducing_only_shrinks() {
    let mut e = engine();
    trade(&mut e, 1, Side::Buy, 30000.0, 0.5, T0);
    e.apply(Event::SetState { state: TradingState::Reducing, ts: T0 }).unwrap();
    assert_eq!(code(&e, &limit(2, 0, Side::Buy, 30000.0, 0.01), T0), ReasonCode::TradingReducing);
    assert_eq!(code(&e, &limit(2, 0, Side::Sell, 30000.0, 0.6), T0), ReasonCode::TradingReducing, "a flip does not shrink");
    assert_eq!(code(&e, &limit(2, 0, Side::Sell, 30000.0, 0.5), T0), ReasonCode::Accepted);
}

#[test]
fn invalid_price_and_quantity() {
    let e = engine();
    for p in [f64::NAN, f64::INFINITY, 0.0, -1.0] {
        assert_eq!(code(&e, &limit(1, 0, Side::Buy, p, 0.01), T0), ReasonCode::InvalidPrice, "{p}");
    }
    for q in [f64::NAN, f64::NEG_INFINITY, 0.0, -0.01] {
        assert_eq!(code(&e, &limit(1, 0, Side::Buy, 30000.0, q), T0), ReasonCode::InvalidQuantity, "{q}");
    }
}

#[test]
fn off_grid() {
    let e = engine();
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 30000.05, 0.01), T0), ReasonCode::PriceOffTick);
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 0.1 + 0.2, 0.01), T0), ReasonCode::PriceOffTick);
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 30000.1, 0.0105), T0), ReasonCode::QtyOffStep);
}

#[test]
fn price_out_of_range() {
    let e = engine();
    assert_eq!(code(&e, &limit(1, 0, Side::Sell, 200000.0, 0.01), T0), ReasonCode::PriceOutOfRange);
    assert_eq!(code(&e, &limit(1, 0, Side::Sell, 1e20, 0.01), T0), ReasonCode::PriceOutOfRange);
}

#[test]
fn quantity_bounds_limit_vs_market() {
    let e = engine();
    let mut r = btc_rules("", None);
    r.min_qty = 10; // 0.01
    let mut e2 = RiskEngine::default();
    e2.add_instrument(r, InstrumentLimits::default()).unwrap();
    assert_eq!(code(&e2, &limit(1, 0, Side::Buy, 30000.0, 0.005), T0), ReasonCode::QtyBelowMin);
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 30000.0, 100.001), T0), ReasonCode::QtyAboveMax);
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 1000.0, 60.0), T0), ReasonCode::Accepted);
    assert_eq!(code(&e, &market(1, 0, Side::Buy, 60.0), T0), ReasonCode::QtyAboveMaxMarket);
}

#[test]
fn notional_bounds() {
    let mut e = engine();
    // 0.001 · 3000 = 3 < 5 USDT.
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 3000.0, 0.001), T0), ReasonCode::NotionalBelowMin);
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 5000.0, 0.001), T0), ReasonCode::Accepted, "exactly 5");
    e.apply(Event::SetInstrumentLimits { instrument: 0, limits: InstrumentLimits { max_notional: 10_000.0, ..Default::default() } })
        .unwrap();
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 30000.0, 0.4), T0), ReasonCode::NotionalAboveMax);
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 25000.0, 0.4), T0), ReasonCode::Accepted, "exactly 10000");
}

#[test]
fn price_band_and_reference() {
    let mut e = RiskEngine::default();
    e.add_instrument(btc_rules("", Some(0.05)), InstrumentLimits::default()).unwrap();
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 30000.0, 0.01), T0), ReasonCode::NoReferencePrice);
    assert_eq!(code(&e, &market(1, 0, Side::Buy, 0.01), T0), ReasonCode::NoReferencePrice);
    e.mark_f64(0, 30000.0, T0).unwrap();
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 31500.0, 0.01), T0), ReasonCode::Accepted);
    assert_eq!(code(&e, &limit(1, 0, Side::Buy, 31500.1, 0.01), T0), ReasonCode::PriceBandExceeded);
    assert_eq!(code(&e, &limit(1, 0, Side::Sell, 28499.9, 0.01), T0), ReasonCode::PriceBandExceeded);
    assert_eq!(code(&e, &limit(1, 0, Side::Sell, 28500.0, 0.01), T0), ReasonCode::Accepted);
}

#[test]
fn reduce_only() {
    let mut e = engine();
    let mut o = limit(1, 0, Side::Sell, 30000.0, 0.01);
    o.reduce_only = true;
    assert_eq!(code(&e, &o, T0), ReasonCode::ReduceOnlyWouldIncrease, "flat");
    trade(&mut e, 10, Side::Buy, 30000.0, 0.02, T0);
    assert_eq!(code(&e, &o, T0), ReasonCode::Accepted);
    o.qty = 0.03;
    assert_eq!(code(&e, &o, T0), ReasonCode::ReduceOnlyWouldIncrease, "would flip");
    o.side = Side::Buy;
    o.qty = 0.01;
    assert_eq!(code(&e, &o, T0), ReasonCode::ReduceOnlyWouldIncrease, "same side");
    // Reduce-only skips the minimum notional.
    let mut small = limit(2, 0, Side::Sell, 1000.0, 0.001);
    small.reduce_only = true;
    assert_eq!(code(&e, &small, T0), ReasonCode::Accepted);
}

#[test]
fn position_limit_counts_open_orders() {
    let mut e = engine();
    e.apply(Event::SetInstrumentLimits { instrument: 0, limits: InstrumentLimits { max_position: 100, ..Default::default() } }).unwrap(); // 0.1 BTC
    trade(&mut e, 1, Side::Buy, 30000.0, 0.05, T0);
    e.submit(&limit(2, 0, Side::Buy, 29000.0, 0.03), T0).unwrap();
    assert_eq!(code(&e, &limit(3, 0, Side::Buy, 29000.0, 0.03), T0), ReasonCode::PositionLimit);
    assert_eq!(code(&e, &limit(3, 0, Side::Buy, 29000.0, 0.02), T0), ReasonCode::Accepted);
    // Selling down to -0.1 worst case is fine, beyond is not.
    assert_eq!(code(&e, &limit(3, 0, Side::Sell, 31000.0, 0.15), T0), ReasonCode::Accepted);
    assert_eq!(code(&e, &limit(3, 0, Side::Sell, 31000.0, 0.151), T0), ReasonCode::PositionLimit);
}

#[test]
fn gross_exposure_across_symbols() {
    let mut e = RiskEngine::new(AccountLimits { max_gross_exposure: 10_000.0, ..Default::default() });
    e.add_instrument(btc_rules("a", None), InstrumentLimits::default()).unwrap();
    e.add_instrument(btc_rules("b", None), InstrumentLimits::default()).unwrap();
    e.mark_f64(0, 30000.0, T0).unwrap();
    e.mark_f64(1, 30000.0, T0).unwrap();
    e.submit(&limit(1, 0, Side::Buy, 30000.0, 0.2), T0).unwrap(); // 6000
    assert_eq!(code(&e, &limit(2, 1, Side::Sell, 30000.0, 0.2), T0), ReasonCode::GrossExposureLimit);
    assert_eq!(code(&e, &limit(2, 1, Side::Sell, 30000.0, 0.13), T0), ReasonCode::Accepted);
    assert!((e.gross_exposure() - 6000.0).abs() < 1e-6);
}

#[test]
fn max_open_orders() {
    let mut e = RiskEngine::new(AccountLimits { max_open_orders: 2, ..Default::default() });
    e.add_instrument(btc_rules("", None), InstrumentLimits::default()).unwrap();
    e.submit(&limit(1, 0, Side::Buy, 29000.0, 0.01), T0).unwrap();
    e.submit(&limit(2, 0, Side::Buy, 29000.0, 0.01), T0).unwrap();
    assert_eq!(code(&e, &limit(3, 0, Side::Buy, 29000.0, 0.01), T0), ReasonCode::MaxOpenOrders);
    e.apply(Event::Cancel { client_id: 1, ts: T0 }).unwrap();
    assert_eq!(code(&e, &limit(3, 0, Side::Buy, 29000.0, 0.01), T0), ReasonCode::Accepted);
}

#[test]
fn daily_loss_limit_switches_to_reducing_until_next_day() {
    let mut e = RiskEngine::new(AccountLimits { daily_loss_limit: 100.0, ..Default::default() });
    e.add_instrument(btc_rules("", None), InstrumentLimits::default()).unwrap();
    e.mark_f64(0, 30000.0, T0).unwrap();
    trade(&mut e, 1, Side::Buy, 30000.0, 1.0, T0);
    e.mark_f64(0, 29950.0, T0 + 1).unwrap(); // -50
    assert_eq!(e.state(), TradingState::Active);
    e.mark_f64(0, 29899.9, T0 + 2).unwrap(); // -100.1
    assert_eq!(e.state(), TradingState::Reducing);
    assert!(e.reducing_by_loss_limit());
    assert_eq!(code(&e, &limit(2, 0, Side::Buy, 29900.0, 0.01), T0 + 3), ReasonCode::DailyLossLimit);
    assert_eq!(code(&e, &limit(2, 0, Side::Sell, 29900.0, 0.5), T0 + 3), ReasonCode::Accepted);
    // Next UTC day: the limit resets and the account is ACTIVE again (checks see it at once).
    let next = (utc_day_ms(T0) + 1) * 86_400_000 + 5;
    assert_eq!(code(&e, &limit(2, 0, Side::Buy, 29900.0, 0.01), next), ReasonCode::Accepted);
    e.apply(Event::Tick { ts: next }).unwrap();
    assert_eq!(e.state(), TradingState::Active);
    assert_eq!(e.daily_pnl(), 0.0);
    assert_eq!(code(&e, &limit(2, 0, Side::Buy, 29900.0, 0.01), next), ReasonCode::Accepted);
}

fn utc_day_ms(ts: i64) -> i64 {
    ts.div_euclid(86_400_000)
}

#[test]
fn rate_limits_sliding_window() {
    let mut e = RiskEngine::new(AccountLimits { max_orders_per_window: 10, ..Default::default() });
    e.add_instrument(btc_rules("a", None), InstrumentLimits { max_orders_per_window: 3, ..Default::default() }).unwrap();
    e.add_instrument(btc_rules("b", None), InstrumentLimits::default()).unwrap();
    for k in 0..3 {
        e.submit(&limit(k, 0, Side::Buy, 29000.0, 0.01), T0 + k as i64 * 100).unwrap();
    }
    assert_eq!(code(&e, &limit(50, 0, Side::Buy, 29000.0, 0.01), T0 + 999), ReasonCode::RateLimitSymbol);
    assert_eq!(code(&e, &limit(50, 0, Side::Buy, 29000.0, 0.01), T0 + 1000), ReasonCode::Accepted, "first one left the window");
    for k in 3..10 {
        e.submit(&limit(k, 1, Side::Buy, 29000.0, 0.01), T0 + 500).unwrap();
    }
    assert_eq!(code(&e, &limit(50, 1, Side::Buy, 29000.0, 0.01), T0 + 600), ReasonCode::RateLimitAccount);
    assert_eq!(code(&e, &limit(50, 1, Side::Buy, 29000.0, 0.01), T0 + 1500), ReasonCode::Accepted);
}

#[test]
fn duplicate_client_order_id() {
    let mut e = engine();
    e.submit(&limit(7, 0, Side::Buy, 29000.0, 0.01), T0).unwrap();
    assert_eq!(code(&e, &limit(7, 0, Side::Buy, 29000.0, 0.01), T0), ReasonCode::DuplicateClientOrderId);
    e.apply(Event::Cancel { client_id: 7, ts: T0 }).unwrap();
    assert_eq!(code(&e, &limit(7, 0, Side::Buy, 29000.0, 0.01), T0), ReasonCode::DuplicateClientOrderId, "recently used");
}

#[test]
fn self_trade() {
    let mut e = engine();
    e.submit(&limit(1, 0, Side::Sell, 30100.0, 0.01), T0).unwrap();
    e.submit(&limit(2, 0, Side::Buy, 29900.0, 0.01), T0).unwrap();
    assert_eq!(code(&e, &limit(3, 0, Side::Buy, 30100.0, 0.01), T0), ReasonCode::SelfTrade);
    assert_eq!(code(&e, &limit(3, 0, Side::Buy, 30000.0, 0.01), T0), ReasonCode::Accepted);
    assert_eq!(code(&e, &limit(3, 0, Side::Sell, 29900.0, 0.01), T0), ReasonCode::SelfTrade);
    assert_eq!(code(&e, &market(3, 0, Side::Buy, 0.01), T0), ReasonCode::SelfTrade);
}

#[test]
fn invalid_input() {
    let e = engine();
    for id in [-1.0, 1.5, f64::NAN, 1e300] {
        let mut o = limit(0, 0, Side::Buy, 30000.0, 0.01);
        o.client_id = id;
        assert_eq!(code(&e, &o, T0), ReasonCode::InvalidInput, "{id}");
    }
    let mut o = limit(1, 0, Side::Buy, 30000.0, 0.01);
    o.strategy = 9;
    assert_eq!(code(&e, &o, T0), ReasonCode::InvalidInput);
}

#[test]
fn unknown_order() {
    let mut e = engine();
    assert_eq!(e.check_cancel(99), ReasonCode::UnknownOrder);
    let before = e.clone();
    assert_eq!(e.apply(Event::Cancel { client_id: 99, ts: T0 }), Err(EngineError::UnknownOrder(99)));
    assert_eq!(e.apply(Event::Fill { client_id: 99, qty: 1, price: 1, fee: 0.0, ts: T0 }), Err(EngineError::UnknownOrder(99)));
    assert_eq!(e, before);
}

#[test]
fn every_reason_code_has_a_test_and_a_name() {
    // Each code above is exercised; here: names are unique and codes are dense.
    let mut names: Vec<&str> = REASON_CODES.iter().map(|c| c.name()).collect();
    for (i, c) in REASON_CODES.iter().enumerate() {
        assert_eq!(*c as usize, i);
        assert_eq!(ReasonCode::from_u8(i as u8), Some(*c));
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), REASON_CODES.len());
}

#[test]
fn bad_events_leave_engine_unchanged() {
    let mut e = engine();
    e.submit(&limit(1, 0, Side::Buy, 29000.0, 0.01), T0).unwrap();
    let before = e.clone();
    assert!(e.apply(Event::Fill { client_id: 1, qty: 11, price: 290000, fee: 0.0, ts: T0 }).is_err(), "overfill");
    assert!(e.apply(Event::Fill { client_id: 1, qty: 1, price: 0, fee: 0.0, ts: T0 }).is_err());
    assert!(e.apply(Event::Fill { client_id: 1, qty: 1, price: 290000, fee: f64::NAN, ts: T0 }).is_err());
    assert!(e.apply(Event::Mark { instrument: 5, price: 1, ts: T0 }).is_err());
    assert!(e.apply(Event::Mark { instrument: 0, price: -1, ts: T0 }).is_err());
    assert!(e.apply(Event::AddInstrument { rules: btc_rules("", None), limits: InstrumentLimits::default() }).is_err(), "duplicate");
    assert!(e.apply(Event::SetAccountLimits(AccountLimits { daily_loss_limit: -5.0, ..Default::default() })).is_err());
    assert!(e.apply(Event::AddStrategy("default".into())).is_err());
    let dup = Order {
        client_id: 1,
        instrument: 0,
        side: Side::Buy,
        kind: OrderKind::Limit,
        price: 290000,
        qty: 10,
        reduce_only: false,
        strategy: 0,
    };
    assert!(matches!(e.apply(Event::Accept { order: dup, ts: T0 }), Err(EngineError::Rejected(_))));
    assert_eq!(e, before);
}

#[test]
fn positions_pnl_strategies_and_days() {
    let mut e = engine();
    let s = e.strategy_id("ema").unwrap();
    assert_eq!(s, 1);
    let mut o = limit(1, 0, Side::Buy, 30000.0, 1.0);
    o.strategy = s;
    e.submit(&o, T0).unwrap();
    e.fill_f64(1, 0.4, 30000.0, 1.2, T0).unwrap();
    e.fill_f64(1, 0.6, 30000.0, 1.8, T0).unwrap();
    assert_eq!(e.open_order_count(), 0);
    let mut o = limit(2, 0, Side::Sell, 30100.0, 1.0);
    o.strategy = s;
    e.submit(&o, T0 + 10).unwrap();
    e.fill_f64(2, 1.0, 30100.0, 3.0, T0 + 10).unwrap();
    let st = &e.strategy_stats()[s as usize];
    assert_eq!(st.trades, 1);
    assert_eq!(st.wins, 1);
    assert!((st.trade_pnl - (100.0 - 6.0)).abs() < 1e-9, "{}", st.trade_pnl);
    assert!((st.realized - 94.0).abs() < 1e-9);
    assert!((e.realized_of(0) - 94.0).abs() < 1e-9);
    assert!((e.daily_realized() - 94.0).abs() < 1e-9);
    let day = T0.div_euclid(86_400_000);
    assert!((e.daily_pnl_by_strategy()[&(day, s)] - 94.0).abs() < 1e-9);
    // Unrealised from the mark.
    trade(&mut e, 3, Side::Sell, 30000.0, 0.5, T0 + 20);
    e.mark_f64(0, 29000.0, T0 + 30).unwrap();
    assert!((e.unrealized_of(0) - 500.0).abs() < 1e-9);
    assert!((e.unrealized() - 500.0).abs() < 1e-9);
}

#[test]
fn snapshot_round_trip_and_corruption() {
    let mut e = engine();
    let s = e.strategy_id("mm").unwrap();
    trade(&mut e, 1, Side::Buy, 30000.0, 0.5, T0);
    let mut o = limit(2, 0, Side::Sell, 31000.0, 0.2);
    o.strategy = s;
    e.submit(&o, T0 + 1).unwrap();
    e.fill_f64(2, 0.1, 31000.0, 0.3, T0 + 2).unwrap();
    let bytes = e.snapshot();
    let r = RiskEngine::from_snapshot(&bytes).unwrap();
    assert_eq!(r.snapshot(), bytes);
    assert_eq!(r.open_order_count(), 1);
    assert_eq!(r.instrument(0).unwrap().position, e.instrument(0).unwrap().position);
    assert_eq!(r.strategy_stats(), e.strategy_stats());
    // Same decisions after restore.
    for o in [limit(2, 0, Side::Buy, 30000.0, 0.01), limit(3, 0, Side::Buy, 31000.0, 0.01), limit(3, 0, Side::Buy, 30000.0, 0.01)] {
        assert_eq!(e.check(&o, T0 + 3).map_err(|r| r.code), r.check(&o, T0 + 3).map_err(|r| r.code));
    }
    let mut target = engine();
    let before = target.clone();
    for cut in (0..bytes.len()).step_by(7) {
        assert!(target.restore(&bytes[..cut]).is_err());
    }
    for i in (0..bytes.len()).step_by(3) {
        let mut b = bytes.clone();
        b[i] = b[i].wrapping_add(1);
        assert!(target.restore(&b).is_err(), "byte {i}");
    }
    assert_eq!(target, before);
    target.restore(&bytes).unwrap();
    assert_eq!(target.snapshot(), bytes);
}
