//! Property tests over random order / fill / cancel / mark sequences.
mod common;
use common::*;
use hean_core::*;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

#[derive(Clone, Debug)]
enum Op {
    Order { inst: u32, buy: bool, market: bool, reduce: bool, px: i64, qty: i64, strat: u32, dt: i64 },
    Fill { pick: usize, frac: u8, px_off: i64, fee_bp: i64 },
    Cancel { pick: usize },
    Mark { inst: u32, px: i64, dt: i64 },
    State { s: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0u32..3, any::<bool>(), prop::bool::weighted(0.1), prop::bool::weighted(0.15), 280_000i64..320_000, 1i64..3_000, 0u32..3, 0i64..120)
            .prop_map(|(inst, buy, market, reduce, px, qty, strat, dt)| Op::Order { inst, buy, market, reduce, px, qty, strat, dt }),
        4 => (any::<usize>(), 1u8..=4, -50i64..50, -2i64..10).prop_map(|(pick, frac, px_off, fee_bp)| Op::Fill { pick, frac, px_off, fee_bp }),
        2 => any::<usize>().prop_map(|pick| Op::Cancel { pick }),
        2 => (0u32..3, 285_000i64..315_000, 0i64..30_000_000).prop_map(|(inst, px, dt)| Op::Mark { inst, px, dt }),
        1 => (0u8..6).prop_map(|s| Op::State { s }),
    ]
}

/// Dense orders with few fills: exercises MaxOpenOrders and the rate windows.
fn burst_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0u32..3, any::<bool>(), Just(false), Just(false), 290_000i64..310_000, 1i64..200, 0u32..3, 0i64..60)
            .prop_map(|(inst, buy, market, reduce, px, qty, strat, dt)| Op::Order { inst, buy, market, reduce, px, qty, strat, dt }),
        1 => (any::<usize>(), 1u8..=4, -5i64..5, 0i64..3).prop_map(|(pick, frac, px_off, fee_bp)| Op::Fill { pick, frac, px_off, fee_bp }),
        1 => any::<usize>().prop_map(|pick| Op::Cancel { pick }),
    ]
}

/// Positions then stacks of closing orders: many reduce-only orders and REDUCING spells, to
/// hunt for a sequence that grows or flips a position through them.
fn reducing_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u32..2, any::<bool>(), prop::bool::weighted(0.1), prop::bool::weighted(0.6), 295_000i64..305_000, 1i64..400, 0u32..3, 0i64..300)
            .prop_map(|(inst, buy, market, reduce, px, qty, strat, dt)| Op::Order { inst, buy, market, reduce, px, qty, strat, dt }),
        4 => (any::<usize>(), 1u8..=4, -5i64..5, 0i64..3).prop_map(|(pick, frac, px_off, fee_bp)| Op::Fill { pick, frac, px_off, fee_bp }),
        1 => any::<usize>().prop_map(|pick| Op::Cancel { pick }),
        2 => (1u8..4).prop_map(|s| Op::State { s: if s == 3 { 2 } else { s } }),
    ]
}

struct Limits {
    account: AccountLimits,
    inst: [InstrumentLimits; 3],
}

fn setup() -> (RiskEngine, Limits) {
    let account = AccountLimits {
        max_open_orders: 12,
        max_gross_exposure: 120_000.0,
        daily_loss_limit: 2_000.0,
        max_orders_per_window: 10,
        rate_window_ms: 1000,
        id_history: 1000,
    };
    let inst = [
        InstrumentLimits { max_position: 2_000, max_notional: 40_000.0, max_orders_per_window: 4 },
        InstrumentLimits { max_position: 3_000, max_notional: 60_000.0, max_orders_per_window: 0 },
        InstrumentLimits { max_position: 1_500, max_notional: f64::INFINITY, max_orders_per_window: 3 },
    ];
    let mut e = RiskEngine::new(account);
    for (k, v) in ["a", "b", "c"].iter().enumerate() {
        e.add_instrument(btc_rules(v, if k == 2 { Some(0.05) } else { None }), inst[k]).unwrap();
        e.apply(Event::Mark { instrument: k as u32, price: 300_000, ts: T0 }).unwrap();
    }
    e.strategy_id("s1").unwrap();
    e.strategy_id("s2").unwrap();
    (e, Limits { account, inst })
}

/// Independent checks of the limits an accepted order must respect, from engine reads.
fn assert_within_limits(e: &RiskEngine, lim: &Limits, o: &Order, now: i64, accept_log: &[(i64, u32)]) {
    let st = e.instrument(o.instrument).unwrap();
    let r = &st.rules;
    assert!(o.price >= r.min_price && o.price <= r.max_price || o.kind == OrderKind::Market);
    assert!(o.qty >= r.min_qty);
    assert!(o.qty <= if o.kind == OrderKind::Market { r.max_mkt_qty } else { r.max_qty });
    let notional = o.price as i128 * o.qty as i128;
    assert!(o.reduce_only || notional >= r.min_notional);
    let l = &lim.inst[o.instrument as usize];
    assert!(r.notional_f64(notional) <= l.max_notional + 1e-9);
    // Worst case on the order's side, including the order (the engine state is after it).
    let long = st.position.qty + st.open_buy;
    let short = st.open_sell - st.position.qty;
    let worst = long.max(short);
    let before = match o.side {
        Side::Buy => (long - o.qty).max(short),
        Side::Sell => long.max(short - o.qty),
    };
    assert!(worst <= l.max_position || worst <= before, "position limit: worst {worst} > {}", l.max_position);
    assert!(e.open_order_count() <= lim.account.max_open_orders as usize);
    assert_ne!(e.state(), TradingState::Halted);
    // Rates: accepts in (now - 1000, now].
    let acct = accept_log.iter().filter(|(t, _)| now - t < 1000).count();
    assert!(acct <= lim.account.max_orders_per_window as usize, "account rate {acct}");
    if l.max_orders_per_window > 0 {
        let sym = accept_log.iter().filter(|(t, i)| now - t < 1000 && *i == o.instrument).count();
        assert!(sym <= l.max_orders_per_window as usize, "symbol rate {sym}");
    }
    if let (Some(b), true) = (r.price_band, o.kind == OrderKind::Limit) {
        let m = st.mark as f64;
        let p = o.price as f64;
        assert!(p >= m * (1.0 - b) - 1e-9 && p <= m * (1.0 + b) + 1e-9, "band");
    }
}

/// Runs a sequence and checks every invariant after each step.
fn run_sequence(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let (mut e, lim) = setup();
    let mut now = T0;
    let mut next_id = 1u64;
    let mut accept_log: Vec<(i64, u32)> = Vec::new();
    // Sum of fills per instrument (signed lots) and per (instrument, strategy).
    let mut filled = [0i64; 3];
    let mut filled_strat = std::collections::BTreeMap::<(u32, u32), i64>::new();
    let mut fees = [0.0f64; 3];
    for op in ops {
        match op {
            Op::Order { inst, buy, market, reduce, px, qty, strat, dt } => {
                now += dt;
                let st = e.instrument(inst).unwrap();
                let input = OrderInput {
                    client_id: next_id as f64,
                    instrument: inst,
                    side: if buy { Side::Buy } else { Side::Sell },
                    kind: if market { OrderKind::Market } else { OrderKind::Limit },
                    price: st.rules.price_f64(px),
                    qty: st.rules.qty_f64(qty),
                    reduce_only: reduce,
                    strategy: strat,
                };
                next_id += 1;
                let gross_before = e.gross_exposure();
                let before = e.clone();
                match e.submit(&input, now) {
                    Ok(o) => {
                        accept_log.push((now, inst));
                        if std::env::var("HEAN_PROP_DEBUG").is_ok() {
                            eprintln!("ACC {:?}", o.kind);
                        }
                        assert_within_limits(&e, &lim, &o, now, &accept_log);
                        // REDUCING and reduce-only, against the state before the order:
                        // the order and the open orders on its side (reduce-only ones for
                        // reduce-only) must fit in the position, on the closing side, so no
                        // fills of them can grow or flip it.
                        let b = before.instrument(inst).unwrap();
                        let pos = b.position.qty;
                        let closes = (pos > 0 && o.side == Side::Sell) || (pos < 0 && o.side == Side::Buy);
                        // (A loss-limit REDUCING ends with its UTC day, even before an event rolls it.)
                        let expired = before.reducing_by_loss_limit() && hean_core::risk::utc_day(now) > before.day();
                        if before.state() != TradingState::Active && !expired {
                            prop_assert_eq!(before.state(), TradingState::Reducing, "accepted while HALTED");
                            let side_open: i64 = before.open_orders().filter(|x| x.order.instrument == inst && x.order.side == o.side).map(|x| x.leaves).sum();
                            prop_assert!(closes && side_open + o.qty <= pos.abs(), "REDUCING accepted {:?} {} with {} open on its side, position {}", o.side, o.qty, side_open, pos);
                        }
                        if o.reduce_only {
                            let ro_open: i64 = before
                                .open_orders()
                                .filter(|x| x.order.instrument == inst && x.order.side == o.side && x.order.reduce_only)
                                .map(|x| x.leaves)
                                .sum();
                            prop_assert!(closes && ro_open + o.qty <= pos.abs(), "reduce-only accepted {:?} {} with {} reduce-only open, position {}", o.side, o.qty, ro_open, pos);
                        }
                        let g = e.gross_exposure();
                        prop_assert!(g <= lim.account.max_gross_exposure + 1e-6 || g <= gross_before + 1e-6, "gross {g}");
                    }
                    Err(rej) => {
                        if std::env::var("HEAN_PROP_DEBUG").is_ok() {
                            eprintln!("REJ {:?}", rej.code);
                        }
                        prop_assert_ne!(rej.code, ReasonCode::Accepted);
                        prop_assert_eq!(&e, &before, "a rejected order changed the engine");
                    }
                }
            }
            Op::Fill { pick, frac, px_off, fee_bp } => {
                let mut ids: Vec<u64> = e.open_orders().map(|o| o.order.client_id).collect();
                if ids.is_empty() {
                    continue;
                }
                ids.sort_unstable();
                let oo = *e.open_order(ids[pick % ids.len()]).unwrap();
                let q = (oo.leaves * frac as i64 / 4).max(1);
                let px = (oo.order.price + px_off).max(1);
                let inst = &e.instrument(oo.order.instrument).unwrap().rules;
                let fee = inst.notional_f64(px as i128 * q as i128) * fee_bp as f64 / 10_000.0;
                e.apply(Event::Fill { client_id: oo.order.client_id, qty: q, price: px, fee, ts: now }).unwrap();
                let i = oo.order.instrument as usize;
                filled[i] += oo.order.side.sign() * q;
                *filled_strat.entry((oo.order.instrument, oo.order.strategy)).or_default() += oo.order.side.sign() * q;
                fees[i] += fee;
            }
            Op::Cancel { pick } => {
                let mut ids: Vec<u64> = e.open_orders().map(|o| o.order.client_id).collect();
                if ids.is_empty() {
                    continue;
                }
                ids.sort_unstable();
                e.apply(Event::Cancel { client_id: ids[pick % ids.len()], ts: now }).unwrap();
            }
            Op::Mark { inst, px, dt } => {
                now += dt;
                e.apply(Event::Mark { instrument: inst, price: px, ts: now }).unwrap();
            }
            Op::State { s } => {
                let st = match s {
                    0 => TradingState::Halted,
                    1 => TradingState::Reducing,
                    _ => TradingState::Active,
                };
                e.apply(Event::SetState { state: st, ts: now }).unwrap();
            }
        }
        // Invariants after every step.
        for i in 0..3u32 {
            let st = e.instrument(i).unwrap();
            prop_assert_eq!(st.position.qty, filled[i as usize]);
            prop_assert!((st.position.fees - fees[i as usize]).abs() < 1e-6);
            let ob: i64 = e.open_orders().filter(|o| o.order.instrument == i && o.order.side == Side::Buy).map(|o| o.leaves).sum();
            let os: i64 = e.open_orders().filter(|o| o.order.instrument == i && o.order.side == Side::Sell).map(|o| o.leaves).sum();
            prop_assert_eq!(st.open_buy, ob);
            prop_assert_eq!(st.open_sell, os);
            let strat_sum: i64 = e.strategy_positions().iter().filter(|((ii, _), _)| *ii == i).map(|(_, p)| p.position.qty).sum();
            prop_assert_eq!(strat_sum, filled[i as usize]);
        }
        for ((i, s), sp) in e.strategy_positions() {
            prop_assert_eq!(sp.position.qty, *filled_strat.get(&(*i, *s)).unwrap_or(&0));
        }
    }
    // Realised + unrealised at a common mark equals the cash flow of the fills.
    let bytes = e.snapshot();
    let r = RiskEngine::from_snapshot(&bytes).unwrap();
    prop_assert_eq!(r.snapshot(), bytes);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn accepted_orders_respect_limits_and_positions_equal_fills(ops in prop::collection::vec(op(), 1..250)) {
        run_sequence(ops)?;
    }

    #[test]
    fn reducing_and_reduce_only_orders_never_grow_or_flip_a_position(ops in prop::collection::vec(reducing_op(), 1..300)) {
        run_sequence(ops)?;
    }

    #[test]
    fn bursts_hit_rate_and_open_order_limits_without_breaking_them(ops in prop::collection::vec(burst_op(), 1..200)) {
        run_sequence(ops)?;
    }

    #[test]
    fn snapshot_round_trip_preserves_decisions(ops in prop::collection::vec(op(), 1..120), probe in (0u32..3, any::<bool>(), 280_000i64..320_000, 1i64..3_000)) {
        let (mut e, _) = setup();
        let mut now = T0;
        let mut id = 1u64;
        for op in ops {
            match op {
                Op::Order { inst, buy, px, qty, dt, .. } => {
                    now += dt;
                    let st = e.instrument(inst).unwrap();
                    let o = limit(id, inst, if buy { Side::Buy } else { Side::Sell }, st.rules.price_f64(px), st.rules.qty_f64(qty));
                    id += 1;
                    let _ = e.submit(&o, now);
                }
                Op::Fill { pick, .. } => {
                    let mut ids: Vec<u64> = e.open_orders().map(|o| o.order.client_id).collect();
                    if ids.is_empty() { continue; }
                    ids.sort_unstable();
                    let oo = *e.open_order(ids[pick % ids.len()]).unwrap();
                    e.apply(Event::Fill { client_id: oo.order.client_id, qty: oo.leaves, price: oo.order.price, fee: 0.1, ts: now }).unwrap();
                }
                Op::Mark { inst, px, dt } => { now += dt; e.apply(Event::Mark { instrument: inst, price: px, ts: now }).unwrap(); }
                _ => {}
            }
        }
        let bytes = e.snapshot();
        let r = RiskEngine::from_snapshot(&bytes).unwrap();
        let (inst, buy, px, qty) = probe;
        let st = e.instrument(inst).unwrap();
        let o = limit(id, inst, if buy { Side::Buy } else { Side::Sell }, st.rules.price_f64(px), st.rules.qty_f64(qty));
        prop_assert_eq!(e.check(&o, now).map_err(|x| x.code), r.check(&o, now).map_err(|x| x.code));
        prop_assert_eq!(e.open_order_count(), r.open_order_count());
        prop_assert!((e.daily_pnl() - r.daily_pnl()).abs() < 1e-6);
        prop_assert!((e.gross_exposure() - r.gross_exposure()).abs() < 1e-6);
    }

    #[test]
    fn corrupt_snapshots_are_rejected_and_leave_engine_unchanged(cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), bit in 0u8..8) {
        let (mut e, _) = setup();
        trade(&mut e, 1, Side::Buy, 30000.0, 0.05, T0);
        e.submit(&limit(2, 0, Side::Sell, 30500.0, 0.02), T0).unwrap();
        let bytes = e.snapshot();
        let mut target = engine();
        let before = target.clone();
        let n = cut.index(bytes.len());
        prop_assert!(target.restore(&bytes[..n]).is_err());
        let mut b = bytes.clone();
        let i = flip.index(b.len());
        b[i] ^= 1 << bit;
        prop_assert!(target.restore(&b).is_err());
        prop_assert_eq!(&target, &before);
    }

    #[test]
    fn decimal_grid_is_exact(units in 1i64..1_000_000, scale in 0u32..10, n in -1_000_000_000i64..1_000_000_000) {
        let step = Step::new(Decimal::new(units as i128, scale)).unwrap();
        let s = step.to_string_of(n);
        prop_assert_eq!(step.steps_of_str(&s, Rounding::Exact), Ok(n));
        let x = step.to_f64(n);
        prop_assert_eq!(step.steps_of_f64(x, Rounding::Exact), Ok(n));
        prop_assert_eq!(step.steps_of_f64(x, Rounding::Down), Ok(n));
        prop_assert_eq!(step.steps_of_f64(x, Rounding::Up), Ok(n));
    }

    #[test]
    fn book_matches_a_model(levels in prop::collection::vec((any::<bool>(), 1i64..60, 0i64..5), 1..300)) {
        let tick = Step::parse("0.5").unwrap();
        let lot = Step::parse("1").unwrap();
        let mut b = OrderBook::new("v", "s", tick, lot);
        b.apply_snapshot_ticks(1, &[(100, 1)], &[(101, 1)]).unwrap();
        let mut model_b = std::collections::BTreeMap::from([(100i64, 1i64)]);
        let mut model_a = std::collections::BTreeMap::from([(101i64, 1i64)]);
        let mut id = 1u64;
        for (bid, off, q) in levels {
            id += 1;
            let (side, p) = if bid { (Side::Buy, 101 - off) } else { (Side::Sell, 100 + off) };
            let (mut nb, mut na) = (model_b.clone(), model_a.clone());
            let m = if bid { &mut nb } else { &mut na };
            if q == 0 { m.remove(&p); } else { m.insert(p, q); }
            let crossed = matches!((nb.last_key_value(), na.first_key_value()), (Some((bb, _)), Some((aa, _))) if bb >= aa);
            let st = b.apply_delta_ticks(id, &[(side, p, q)]);
            if crossed {
                prop_assert_eq!(st, BookStatus::Crossed);
                b.apply_snapshot_ticks(id, &model_b.iter().map(|(a, b)| (*a, *b)).collect::<Vec<_>>(), &model_a.iter().map(|(a, b)| (*a, *b)).collect::<Vec<_>>()).unwrap();
            } else {
                prop_assert_eq!(st, BookStatus::Ok);
                model_b = nb;
                model_a = na;
            }
            let got_b: Vec<_> = b.levels(Side::Buy, usize::MAX).collect();
            let want_b: Vec<_> = model_b.iter().rev().map(|(a, b)| (*a, *b)).collect();
            prop_assert_eq!(got_b, want_b);
            let got_a: Vec<_> = b.levels(Side::Sell, usize::MAX).collect();
            let want_a: Vec<_> = model_a.iter().map(|(a, b)| (*a, *b)).collect();
            prop_assert_eq!(got_a, want_a);
        }
    }

    #[test]
    fn router_children_are_on_grid_and_fill_at_most_the_parent(
        qty_milli in 1i64..20_000,
        sizes in prop::collection::vec(1i64..500, 5),
        fees in prop::collection::vec(0i64..10, 5),
    ) {
        let steps = ["0.001", "0.01", "0.001", "0.1", "0.001"];
        let mut books = Vec::new();
        let mut rules = Vec::new();
        for (k, st) in steps.iter().enumerate() {
            let mut r = Instrument::simple("X", "0.1", st, st, "1000", "0");
            r.venue = format!("v{k}");
            let mut b = OrderBook::new(&r.venue, "X", r.tick, r.lot);
            let asks: Vec<(i64, i64)> = (0..20).map(|l| (1000 + k as i64 + l * 3, sizes[k] + l)).collect();
            b.apply_snapshot_ticks(1, &[(900, 10)], &asks).unwrap();
            books.push(b);
            rules.push(r);
        }
        let venues: Vec<Venue> = (0..5).map(|k| Venue { book: &books[k], taker_fee: fees[k] as f64 / 10_000.0, rules: &rules[k], instrument: None }).collect();
        let qty = qty_milli as f64 / 1000.0;
        let p = Router::new().route(&venues, Side::Buy, qty, None, None).unwrap();
        let total: f64 = p.children.iter().map(|c| c.qty).sum();
        prop_assert!(total <= qty + 1e-9);
        prop_assert!((total - p.filled).abs() < 1e-9);
        prop_assert!((p.filled + p.unfilled - qty).abs() < 1e-9);
        for c in &p.children {
            prop_assert!(rules[c.venue].lot.steps_of_f64(c.qty, Rounding::Exact).is_ok());
            prop_assert!(c.qty_lots >= rules[c.venue].min_qty);
            let est = books[c.venue].fill_estimate(Side::Buy, c.qty_lots);
            prop_assert_eq!(est.filled, c.qty_lots);
            prop_assert_eq!(est.worst_price, c.price_ticks);
        }
    }
}
