//! Fuzz harnesses for hean-core. Each takes raw fuzz bytes, decodes them into calls on
//! the public API and asserts invariants; any panic (an assertion, an overflow with debug
//! assertions on, an out-of-bounds index) is a finding. Used by the cargo-fuzz targets in
//! fuzz_targets/ and replayed on stable by tests/replay.rs.
use arbitrary::{Result, Unstructured};
use hean_core::codec::{SnapshotKind, Writer};
use hean_core::*;

/// Runs `f` on the input, treating "ran out of bytes" as the end of the case.
fn drive(data: &[u8], f: impl FnOnce(&mut Unstructured) -> Result<()>) {
    let mut u = Unstructured::new(data);
    let _ = f(&mut u);
}

const STEPS: [&str; 10] = ["0.1", "0.01", "1", "0.5", "0.00001", "25", "0.001", "1e-8", "0.000000000000000001", "5000"];

/// A float that is usually meaningful on a grid and sometimes hostile.
fn f64_of(u: &mut Unstructured, step: f64) -> Result<f64> {
    Ok(match u.int_in_range(0u8..=9)? {
        0..=4 => (u.int_in_range(-20i64..=2000)? as f64) * step,
        5 => u.int_in_range(-3i64..=1_000_000)? as f64 * step + u.int_in_range(0u8..=3)? as f64 * step / 3.0,
        6 => [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 0.0, f64::MIN_POSITIVE, 5e-324, f64::MAX, -f64::MAX, 9007199254740993.0]
            [u.int_in_range(0usize..=9)?],
        7 => (1u64 << u.int_in_range(0u32..=63)?) as f64 * step,
        _ => f64::from_bits(u.arbitrary()?),
    })
}

/// A decimal string: grammar-shaped most of the time, raw bytes otherwise.
fn dec_string(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1u8, 4)? {
        let n = u.int_in_range(0usize..=48)?;
        let b: Vec<u8> = (0..n).map(|_| u.arbitrary::<u8>()).collect::<Result<_>>()?;
        return Ok(String::from_utf8_lossy(&b).into_owned());
    }
    let mut s = String::new();
    const PARTS: [&str; 16] = [" ", "+", "-", "0", "1", "9", ".", "e", "E", "-", "00000000000", "99999999999", "inf", "NaN", "5", "\u{a0}"];
    let n = u.int_in_range(1usize..=24)?;
    for _ in 0..n {
        s.push_str(PARTS[u.int_in_range(0usize..=PARTS.len() - 1)?]);
    }
    Ok(s)
}

fn step(u: &mut Unstructured) -> Result<Step> {
    if u.ratio(1u8, 8)? {
        if let Ok(s) = Step::parse(&dec_string(u)?) {
            return Ok(s);
        }
    }
    Ok(Step::parse(STEPS[u.int_in_range(0usize..=STEPS.len() - 1)?]).expect("table step"))
}

const MODES: [Rounding; 4] = [Rounding::Exact, Rounding::Down, Rounding::Up, Rounding::Nearest];

/// Decimal strings and JS numbers onto a grid: parse/format round trips and the f64 fast
/// path against the exact slow path.
pub fn decimal(data: &[u8]) {
    drive(data, |u| {
        for _ in 0..8 {
            let s = dec_string(u)?;
            if let Ok(d) = Decimal::parse(&s) {
                assert!(d.scale <= 60, "{s:?} -> scale {}", d.scale);
                assert_eq!(d, d.normalized(), "{s:?}: parse must normalize");
                let text = d.to_string();
                assert_eq!(Decimal::parse(&text), Ok(d), "{s:?} -> {text:?} must round-trip");
                let _ = d.to_f64();
            }
            let st = step(u)?;
            for m in MODES {
                if let Ok(n) = st.steps_of_str(&s, m) {
                    assert!(n.unsigned_abs() <= (1u64 << 53) - 1);
                    let _ = st.to_string_of(n);
                    let _ = st.to_f64(n);
                }
            }
            if let Ok(s2) = Step::parse(&s) {
                assert!(s2.units > 0);
                let _ = (s2.to_string(), s2.value());
            }
            let x = f64_of(u, st.value())?;
            // The shortest decimal of x reads back as x.
            if let Ok(d) = Decimal::from_f64(x) {
                assert!(d.to_f64() == x, "{x:e} -> {d} -> {:e}", d.to_f64());
            }
            for m in MODES {
                let fast = st.steps_of_f64(x, m);
                let slow = Decimal::from_f64(x).and_then(|d| st.steps_of(d, m));
                // Both must agree whenever the slow path succeeds (the fast path may only
                // succeed where the decimal is too long to read, never disagree).
                if let Ok(n) = slow {
                    assert_eq!(fast, Ok(n), "steps_of_f64({x:e}, {m:?}) on step {st}");
                } else if let Ok(n) = fast {
                    assert!(n.unsigned_abs() <= (1u64 << 53) - 1);
                }
            }
        }
        Ok(())
    });
}

fn check_book(b: &OrderBook) {
    for side in [Side::Buy, Side::Sell] {
        let lv: Vec<(i64, i64)> = b.levels(side, usize::MAX).collect();
        assert_eq!(lv.len(), b.len(side));
        for w in lv.windows(2) {
            match side {
                Side::Buy => assert!(w[0].0 > w[1].0, "bids out of order"),
                Side::Sell => assert!(w[0].0 < w[1].0, "asks out of order"),
            }
        }
        assert!(lv.iter().all(|&(p, q)| p > 0 && q > 0), "non-positive level");
        for i in 0..lv.len() + 1 {
            assert_eq!(b.level_at(side, i), lv.get(i).copied());
        }
    }
    if !b.is_stale() {
        if let (Some((bp, _)), Some((ap, _))) = (b.best(Side::Buy), b.best(Side::Sell)) {
            assert!(bp < ap, "a live book is crossed");
        }
    }
    let _ = (b.best_bid(), b.best_ask(), b.mid(), b.spread_ticks(), b.imbalance(5), b.imbalance(usize::MAX));
}

fn book_levels(b: &OrderBook) -> (Vec<(i64, i64)>, Vec<(i64, i64)>, u64) {
    (b.levels(Side::Buy, usize::MAX).collect(), b.levels(Side::Sell, usize::MAX).collect(), b.last_update_id())
}

fn ticks(u: &mut Unstructured) -> Result<i64> {
    Ok(match u.int_in_range(0u8..=7)? {
        0..=5 => u.int_in_range(-2i64..=300)?,
        6 => [0, -1, i64::MIN, i64::MAX, (1 << 53) - 1, 1 << 53][u.int_in_range(0usize..=5)?],
        _ => u.arbitrary()?,
    })
}

/// L2 book: snapshots and deltas (as JS numbers and as ticks), batches, snapshot bytes.
pub fn book(data: &[u8]) {
    drive(data, |u| {
        let (tick, lot) = (step(u)?, step(u)?);
        let mut b = OrderBook::new("v", "S", tick, lot);
        let (tv, lv) = (tick.value(), lot.value());
        for _ in 0..64 {
            let before = book_levels(&b);
            match u.int_in_range(0u8..=6)? {
                0 => {
                    let nb = u.int_in_range(0usize..=12)?;
                    let na = u.int_in_range(0usize..=12)?;
                    let col = |u: &mut Unstructured, n: usize, s: f64| -> Result<Vec<f64>> { (0..n).map(|_| f64_of(u, s)).collect() };
                    let odd = usize::from(u.ratio(1u8, 16)?); // mismatched column lengths
                    let bp = col(u, nb, tv)?;
                    let bs = col(u, nb + odd, lv)?;
                    let (ap, asz) = (col(u, na, tv)?, col(u, na, lv)?);
                    let id = u.arbitrary()?;
                    if b.apply_snapshot(id, &bp, &bs, &ap, &asz).is_err() {
                        assert_eq!(book_levels(&b), before, "a refused snapshot changed the book");
                    }
                }
                1 => {
                    let mut side = |u: &mut Unstructured| -> Result<Vec<(i64, i64)>> {
                        let n = u.int_in_range(0usize..=12)?;
                        (0..n).map(|_| Ok((ticks(u)?, ticks(u)?))).collect()
                    };
                    let (bids, asks) = (side(u)?, side(u)?);
                    if b.apply_snapshot_ticks(u.arbitrary()?, &bids, &asks).is_err() {
                        assert_eq!(book_levels(&b), before, "a refused snapshot changed the book");
                    }
                }
                2 | 3 => {
                    let n = u.int_in_range(0usize..=8)?;
                    let id = if u.ratio(7u8, 8)? { b.last_update_id().wrapping_add(1) } else { u.arbitrary()? };
                    let st = if u.ratio(1u8, 2)? {
                        let mut sides = Vec::new();
                        let (mut px, mut sz) = (Vec::new(), Vec::new());
                        for _ in 0..n {
                            sides.push(u.int_in_range(0u8..=2)?);
                            px.push(f64_of(u, tv)?);
                            sz.push(f64_of(u, lv)?);
                        }
                        if u.ratio(1u8, 32)? {
                            sz.pop();
                        }
                        b.apply_delta(id, &sides, &px, &sz)
                    } else {
                        let lv: Vec<(Side, i64, i64)> = (0..n)
                            .map(|_| Ok((if u.arbitrary()? { Side::Buy } else { Side::Sell }, ticks(u)?, ticks(u)?)))
                            .collect::<Result<_>>()?;
                        b.apply_delta_ticks(id, &lv)
                    };
                    if st != BookStatus::Ok {
                        let after = book_levels(&b);
                        assert_eq!((&after.0, &after.1), (&before.0, &before.1), "a refused delta ({st:?}) changed the levels");
                    } else {
                        assert_eq!(b.last_update_id(), id);
                    }
                }
                4 => {
                    let m = u.int_in_range(0usize..=6)?;
                    let mut ids = Vec::new();
                    let mut counts = Vec::new();
                    let (mut sides, mut px, mut sz) = (Vec::new(), Vec::new(), Vec::new());
                    let mut next = b.last_update_id() as f64 + 1.0;
                    for _ in 0..m {
                        ids.push(if u.ratio(6u8, 8)? { next } else { f64_of(u, 1.0)? });
                        next += 1.0;
                        let c = u.int_in_range(0u32..=4)?;
                        counts.push(if u.ratio(1u8, 64)? { u.arbitrary()? } else { c });
                        for _ in 0..c {
                            sides.push(u.int_in_range(0u8..=1)?);
                            px.push(f64_of(u, tv)?);
                            sz.push(f64_of(u, lv)?);
                        }
                    }
                    let mut out = vec![0u8; m.saturating_sub(usize::from(u.ratio(1u8, 32)?))];
                    if let Ok(applied) = b.apply_deltas(&ids, &counts, &sides, &px, &sz, &mut out) {
                        assert!(applied <= m);
                        assert_eq!(applied, out.iter().filter(|&&s| s == BookStatus::Ok as u8).count());
                    } else {
                        assert_eq!(book_levels(&b), before, "a refused batch changed the book");
                    }
                }
                5 => {
                    let bytes = b.snapshot();
                    let back = OrderBook::from_snapshot(&bytes).expect("own snapshot reads back");
                    assert_eq!(back, b);
                    assert_eq!(back.snapshot(), bytes);
                    // A damaged copy is refused or reads as some valid book.
                    let mut bad = bytes.clone();
                    if !bad.is_empty() {
                        let at = u.int_in_range(0usize..=bad.len() - 1)?;
                        bad[at] ^= u.int_in_range(1u8..=255)?;
                        if let Ok(x) = OrderBook::from_snapshot(&bad[..u.int_in_range(0usize..=bad.len())?]) {
                            check_book(&x);
                        }
                    }
                }
                _ => {
                    let side = if u.arbitrary()? { Side::Buy } else { Side::Sell };
                    let lots = ticks(u)?;
                    let fe = b.fill_estimate(side, lots);
                    assert!(fe.filled >= 0 && fe.filled <= lots.max(0));
                }
            }
            check_book(&b);
        }
        Ok(())
    });
}

/// Wraps `payload` in a valid container (so mutations reach the payload readers).
fn container(payload: &[u8], kind: SnapshotKind) -> Vec<u8> {
    let mut w = Writer::default();
    w.buf.extend_from_slice(payload);
    w.finish(kind)
}

/// A snapshot read back must write the same bytes, read again equal, and survive use.
fn check_engine_snapshot(e: &RiskEngine) {
    let s = e.snapshot();
    let back = match RiskEngine::from_snapshot(&s) {
        Ok(b) => b,
        Err(err) => {
            let rules: Vec<_> = (0..e.instrument_count() as u32).map(|i| &e.instrument(i).unwrap().rules).collect();
            panic!("an engine's own snapshot must read back: {err}\naccount {:?}\nrules {rules:#?}", e.account_limits());
        }
    };
    assert_eq!(back.snapshot(), s, "snapshot -> restore -> snapshot changed the bytes");
}

/// Exercises an engine that came from untrusted bytes: reads and a few events.
fn poke_engine(e: &mut RiskEngine) {
    let _ = (e.gross_exposure(), e.unrealized(), e.daily_pnl(), e.state(), e.open_order_count());
    let ids: Vec<u64> = e.open_orders().map(|o| o.order.client_id).collect();
    for id in ids.iter().take(4) {
        let oo = *e.open_order(*id).unwrap();
        let _ = e.apply(Event::Fill { client_id: *id, qty: oo.leaves, price: oo.order.price, fee: 0.5, ts: e.now() });
    }
    for i in 0..e.instrument_count().min(4) as u32 {
        let _ = e.apply(Event::Mark { instrument: i, price: 1, ts: e.now().saturating_add(1) });
        let _ = e.apply(Event::Mark { instrument: i, price: (1 << 53) - 1, ts: e.now() });
        let _ = (e.realized_of(i), e.unrealized_of(i));
        let inst = e.instrument(i).unwrap();
        let (p, q) = (inst.rules.price_f64(inst.rules.min_price), inst.rules.qty_f64(inst.rules.min_qty));
        let o = OrderInput {
            client_id: 9e15,
            instrument: i,
            side: Side::Buy,
            kind: OrderKind::Limit,
            price: p,
            qty: q,
            reduce_only: false,
            strategy: 0,
        };
        let _ = e.submit(&o, e.now());
        let _ = e.check(&OrderInput { side: Side::Sell, kind: OrderKind::Market, ..o }, e.now());
    }
    let _ = e.apply(Event::Tick { ts: e.now().saturating_add(86_400_000) });
    check_engine_snapshot(e);
}

/// Snapshot restore from hostile bytes: raw, re-wrapped in a valid container, or a real
/// snapshot with bytes changed and the checksum fixed up.
pub fn snapshot(data: &[u8]) {
    drive(data, |u| {
        let mode = u.int_in_range(0u8..=3)?;
        let rest = u.bytes(u.len())?;
        let bytes = match mode {
            0 => rest.to_vec(),
            1 => container(rest, SnapshotKind::RiskEngine),
            2 => container(rest, SnapshotKind::OrderBook),
            _ => {
                // A populated engine's snapshot with edits, checksum recomputed.
                let mut e = sample_engine();
                let s = e.snapshot();
                let mut payload = s[20..s.len() - 4].to_vec();
                let mut v = Unstructured::new(rest);
                while !v.is_empty() && !payload.is_empty() {
                    let at = v.int_in_range(0usize..=payload.len() - 1)?;
                    match v.int_in_range(0u8..=3)? {
                        0 => payload[at] = v.arbitrary()?,
                        1 => {
                            let w: [u8; 8] = v.arbitrary()?;
                            let end = (at + 8).min(payload.len());
                            payload[at..end].copy_from_slice(&w[..end - at]);
                        }
                        2 => payload.truncate(at),
                        _ => payload.insert(at, v.arbitrary()?),
                    }
                }
                let _ = e.restore(&container(&payload, SnapshotKind::RiskEngine));
                container(&payload, SnapshotKind::RiskEngine)
            }
        };
        let mut e = sample_engine();
        let before = e.snapshot();
        match e.restore(&bytes) {
            Ok(()) => poke_engine(&mut e),
            Err(err) => {
                let _ = err.to_string();
                assert_eq!(e.snapshot(), before, "a refused restore changed the engine");
            }
        }
        if let Ok(b) = OrderBook::from_snapshot(&bytes) {
            check_book(&b);
            assert_eq!(OrderBook::from_snapshot(&b.snapshot()).as_ref(), Ok(&b));
        }
        Ok(())
    });
}

fn rules(symbol: &str, tick: &str, lot: &str, band: Option<f64>) -> Instrument {
    let d = |s: &str| Some(Decimal::parse(s).unwrap());
    Instrument::from_input(&RulesInput {
        symbol: symbol.into(),
        venue: "x".into(),
        tick_size: d(tick),
        min_price: d(tick),
        max_price: d("1000000"),
        qty_step: d(lot),
        min_order_qty: d(lot),
        max_order_qty: d("1000"),
        max_mkt_order_qty: d("100"),
        min_notional_value: d("1"),
        price_band: band,
    })
    .unwrap()
}

/// An engine with two instruments, two strategies, open orders, fills and marks.
pub fn sample_engine() -> RiskEngine {
    let mut e = RiskEngine::new(AccountLimits { max_open_orders: 50, max_orders_per_window: 100, ..Default::default() });
    e.add_instrument(rules("BTC", "0.1", "0.001", None), InstrumentLimits::default()).unwrap();
    e.add_instrument(
        rules("ETH", "0.01", "0.01", Some(0.1)),
        InstrumentLimits { max_position: 100_000, max_notional: 1e6, max_orders_per_window: 20 },
    )
    .unwrap();
    let t = 1_700_000_000_000;
    e.mark_f64(0, 30000.0, t).unwrap();
    e.mark_f64(1, 2000.0, t).unwrap();
    let s = e.strategy_id("alpha").unwrap();
    let o = |id: f64, inst: u32, side, price, qty, strategy| OrderInput {
        client_id: id,
        instrument: inst,
        side,
        kind: OrderKind::Limit,
        price,
        qty,
        reduce_only: false,
        strategy,
    };
    e.submit(&o(1.0, 0, Side::Buy, 29990.0, 0.5, 0), t).unwrap();
    e.submit(&o(2.0, 0, Side::Sell, 30010.0, 0.2, s), t + 1).unwrap();
    e.submit(&o(3.0, 1, Side::Buy, 1990.0, 3.0, s), t + 2).unwrap();
    e.fill_f64(1, 0.2, 29990.0, 0.1, t + 3).unwrap();
    e.fill_f64(3, 3.0, 1990.0, -0.05, t + 4).unwrap();
    e.apply(Event::Cancel { client_id: 2, ts: t + 5 }).unwrap();
    e
}

fn side(u: &mut Unstructured) -> Result<Side> {
    Ok(if u.arbitrary()? { Side::Buy } else { Side::Sell })
}

fn rules_input(u: &mut Unstructured) -> Result<RulesInput> {
    let d = |u: &mut Unstructured| -> Result<Option<Decimal>> {
        Ok(match u.int_in_range(0u8..=5)? {
            0 => None,
            1 => Decimal::parse(&dec_string(u)?).ok(),
            2 => Decimal::from_f64(f64_of(u, 1.0)?).ok(),
            _ => Some(Decimal::parse(STEPS[u.int_in_range(0usize..=STEPS.len() - 1)?]).unwrap()),
        })
    };
    Ok(RulesInput {
        symbol: format!("S{}", u.int_in_range(0u8..=5)?),
        venue: if u.arbitrary()? { String::new() } else { "v".into() },
        tick_size: d(u)?,
        min_price: d(u)?,
        max_price: d(u)?,
        qty_step: d(u)?,
        min_order_qty: d(u)?,
        max_order_qty: d(u)?,
        max_mkt_order_qty: d(u)?,
        min_notional_value: d(u)?,
        price_band: if u.arbitrary()? { None } else { Some(f64_of(u, 0.01)?) },
    })
}

fn pick_f64(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0u8..=3)? {
        0 => f64::INFINITY,
        1 => u.int_in_range(1u32..=1_000_000)? as f64,
        _ => f64_of(u, 100.0)?,
    })
}

fn limits(u: &mut Unstructured) -> Result<InstrumentLimits> {
    Ok(InstrumentLimits {
        max_position: if u.arbitrary()? { (1 << 53) - 1 } else { ticks(u)? },
        max_notional: pick_f64(u)?,
        max_orders_per_window: if u.arbitrary()? { 0 } else { u.int_in_range(0u32..=1_000_001)? },
    })
}

fn account(u: &mut Unstructured) -> Result<AccountLimits> {
    Ok(AccountLimits {
        max_open_orders: u.int_in_range(0u32..=64)?,
        max_gross_exposure: pick_f64(u)?,
        daily_loss_limit: pick_f64(u)?,
        max_orders_per_window: u.int_in_range(0u32..=64)?,
        rate_window_ms: if u.arbitrary()? { 1000 } else { ticks(u)? },
        id_history: if u.arbitrary()? { u.int_in_range(0u32..=16)? } else { u.arbitrary()? },
    })
}

/// Open lots per side must equal the leaves of the open orders.
fn check_engine(e: &RiskEngine) {
    for i in 0..e.instrument_count() as u32 {
        let st = e.instrument(i).unwrap();
        let (mut b, mut s) = (0i128, 0i128);
        for o in e.open_orders().filter(|o| o.order.instrument == i) {
            assert!(o.leaves > 0 && o.filled >= 0 && o.leaves + o.filled == o.order.qty);
            match o.order.side {
                Side::Buy => b += o.leaves as i128,
                Side::Sell => s += o.leaves as i128,
            }
        }
        assert_eq!((st.open_buy as i128, st.open_sell as i128), (b, s), "open lots drifted from the open orders");
        assert!(st.position.qty.unsigned_abs() <= (1u64 << 53) - 1);
    }
    let _ = (e.gross_exposure(), e.unrealized(), e.daily_pnl());
}

/// The risk engine driven by hostile event sequences: every refused event leaves the
/// state unchanged, reads never change it, open lots stay consistent, snapshots round-trip.
pub fn risk(data: &[u8]) {
    drive(data, |u| {
        let mut e = if u.arbitrary()? {
            sample_engine()
        } else {
            let a = account(u)?;
            match RiskEngine::try_new(a) {
                Ok(e) => e,
                Err(_) => return Ok(()),
            }
        };
        let mut next_id = 100u64;
        let mut ts: i64 = 1_700_000_000_000;
        for _ in 0..48 {
            ts = match u.int_in_range(0u8..=15)? {
                0 => u.arbitrary()?,
                1 => ts.saturating_add(86_400_000),
                _ => ts.saturating_add(u.int_in_range(-5i64..=2000)?),
            };
            let before = e.snapshot();
            let n_inst = e.instrument_count() as u32;
            let inst = if n_inst > 0 && u.ratio(15u8, 16)? { u.int_in_range(0..=n_inst - 1)? } else { u.arbitrary()? };
            let open: Vec<u64> = e.open_orders().map(|o| o.order.client_id).collect();
            let open_id = |u: &mut Unstructured| -> Result<u64> {
                Ok(if !open.is_empty() && u.ratio(7u8, 8)? { open[u.int_in_range(0..=open.len() - 1)?] } else { u.arbitrary()? })
            };
            let (tv, lv) = e.instrument(inst).map_or((1.0, 1.0), |s| (s.rules.tick.value(), s.rules.lot.value()));
            let result: std::result::Result<(), String> = match u.int_in_range(0u8..=13)? {
                0 => {
                    let r = rules_input(u)?;
                    match Instrument::from_input(&r) {
                        Ok(i) => e.add_instrument(i, limits(u)?).map(|_| ()).map_err(|x| x.to_string()),
                        Err(x) => Err(x.to_string()),
                    }
                }
                1 => e.apply(Event::SetInstrumentLimits { instrument: inst, limits: limits(u)? }).map_err(|x| x.to_string()),
                2 => e.apply(Event::SetAccountLimits(account(u)?)).map_err(|x| x.to_string()),
                3 => {
                    let name = if u.arbitrary()? { format!("s{}", u.int_in_range(0u8..=4)?) } else { String::new() };
                    e.strategy_id(&name).map(|_| ()).map_err(|x| x.to_string())
                }
                4 => {
                    let st = [TradingState::Active, TradingState::Reducing, TradingState::Halted][u.int_in_range(0usize..=2)?];
                    e.apply(Event::SetState { state: st, ts }).map_err(|x| x.to_string())
                }
                5..=7 => {
                    let client_id = if u.ratio(7u8, 8)? {
                        next_id += 1;
                        next_id as f64
                    } else {
                        f64_of(u, 1.0)?
                    };
                    let o = OrderInput {
                        client_id,
                        instrument: inst,
                        side: side(u)?,
                        kind: if u.ratio(1u8, 5)? { OrderKind::Market } else { OrderKind::Limit },
                        price: if u.ratio(3u8, 4)? {
                            e.instrument(inst).map_or(1.0, |s| s.rules.price_f64(s.mark.max(1) + u.int_in_range(-50i64..=50).unwrap_or(0)))
                        } else {
                            f64_of(u, tv)?
                        },
                        qty: f64_of(u, lv)?,
                        reduce_only: u.ratio(1u8, 6)?,
                        strategy: if u.ratio(15u8, 16)? { u.int_in_range(0u32..=2)? } else { u.arbitrary()? },
                    };
                    let snap = e.snapshot();
                    let checked = e.check(&o, ts);
                    assert_eq!(e.snapshot(), snap, "check() changed the engine");
                    if let Err(r) = checked {
                        let _ = r.message();
                    }
                    match e.submit(&o, ts) {
                        Ok(_) => Ok(()),
                        Err(r) => {
                            assert_eq!(Some(r.code), checked.err().map(|c| c.code), "check and submit disagree");
                            Err(r.message())
                        }
                    }
                }
                8 => {
                    let order = Order {
                        client_id: if u.ratio(3u8, 4)? { next_id + 1 } else { u.arbitrary()? },
                        instrument: inst,
                        side: side(u)?,
                        kind: if u.arbitrary()? { OrderKind::Market } else { OrderKind::Limit },
                        price: ticks(u)?,
                        qty: ticks(u)?,
                        reduce_only: u.arbitrary()?,
                        strategy: if u.ratio(15u8, 16)? { u.int_in_range(0u32..=2)? } else { u.arbitrary()? },
                    };
                    next_id += 1;
                    e.apply(Event::Accept { order, ts }).map_err(|x| x.to_string())
                }
                9 | 10 => {
                    let id = open_id(u)?;
                    if u.arbitrary()? {
                        let leaves = e.open_order(id).map_or(1, |o| o.leaves);
                        let qty = if u.ratio(3u8, 4)? { u.int_in_range(1..=leaves.max(1))? } else { ticks(u)? };
                        let price = if u.ratio(3u8, 4)? {
                            e.open_order(id).map_or(1, |o| o.order.price) + u.int_in_range(-9i64..=9)?
                        } else {
                            ticks(u)?
                        };
                        e.apply(Event::Fill { client_id: id, qty, price, fee: f64_of(u, 0.01)?, ts }).map_err(|x| x.to_string())
                    } else {
                        e.fill_f64(id, f64_of(u, lv)?, f64_of(u, tv)?, f64_of(u, 0.01)?, ts).map_err(|x| x.to_string())
                    }
                }
                11 => {
                    let id = open_id(u)?;
                    let ev = if u.arbitrary()? { Event::Cancel { client_id: id, ts } } else { Event::ExchangeReject { client_id: id, ts } };
                    let _ = e.check_cancel(id);
                    e.apply(ev).map_err(|x| x.to_string())
                }
                12 => {
                    if u.arbitrary()? {
                        let p = e.instrument(inst).map_or(1, |s| s.mark.max(1)) + u.int_in_range(-3000i64..=3000)?;
                        e.apply(Event::Mark { instrument: inst, price: if u.ratio(7u8, 8)? { p } else { ticks(u)? }, ts })
                            .map_err(|x| x.to_string())
                    } else {
                        e.mark_f64(inst, f64_of(u, tv)?, ts).map_err(|x| x.to_string())
                    }
                }
                _ => {
                    if u.arbitrary()? {
                        e.apply(Event::Tick { ts }).map_err(|x| x.to_string())
                    } else {
                        check_engine_snapshot(&e);
                        let s = e.snapshot();
                        e.restore(&s).map_err(|x| x.to_string())
                    }
                }
            };
            if result.is_err() {
                assert_eq!(e.snapshot(), before, "a refused event changed the engine: {result:?}");
            }
            check_engine(&e);
        }
        check_engine_snapshot(&e);
        Ok(())
    });
}

/// The smart order router over 1-3 venues with hostile books, rules, quantities and limits,
/// with and without a risk context: children stay on their venue's grid and rules, within
/// the limit price, and add up to at most the parent.
pub fn router(data: &[u8]) {
    drive(data, |u| {
        let n = u.int_in_range(1usize..=3)?;
        let mut books = Vec::new();
        let mut rules = Vec::new();
        for k in 0..n {
            let (tick, lot) = (step(u)?, step(u)?);
            let mut r = rules_input(u)?;
            r.symbol = "X".into();
            r.venue = format!("v{k}");
            r.tick_size = Some(tick.decimal());
            r.qty_step = Some(lot.decimal());
            let Ok(inst) = Instrument::from_input(&r) else { return Ok(()) };
            let mut b = OrderBook::new(&r.venue, "X", if u.ratio(1u8, 32)? { step(u)? } else { tick }, lot);
            let mut side = |u: &mut Unstructured, base: i64, dir: i64| -> Result<Vec<(i64, i64)>> {
                let m = u.int_in_range(0usize..=10)?;
                (0..m)
                    .map(|i| {
                        Ok((
                            base.saturating_add(dir * i as i64 * u.int_in_range(1i64..=3)?),
                            if u.ratio(1u8, 8)? { ticks(u)? } else { u.int_in_range(1i64..=5000)? },
                        ))
                    })
                    .collect()
            };
            let mid = if u.ratio(7u8, 8)? { u.int_in_range(20i64..=100_000)? } else { ticks(u)? };
            let (bids, asks) = (side(u, mid.saturating_sub(1), -1)?, side(u, mid.saturating_add(1), 1)?);
            let _ = b.apply_snapshot_ticks(1, &bids, &asks);
            books.push(b);
            rules.push(inst);
        }
        let engine = sample_engine();
        let mut venues = Vec::new();
        for k in 0..n {
            venues.push(Venue {
                book: &books[k],
                taker_fee: if u.ratio(7u8, 8)? { u.int_in_range(0u32..=100)? as f64 * 1e-4 } else { f64_of(u, 0.001)? },
                rules: &rules[k],
                instrument: if u.arbitrary()? { Some(u.int_in_range(0u32..=2)?) } else { None },
            });
        }
        let side = if u.arbitrary()? { Side::Buy } else { Side::Sell };
        let qty = f64_of(u, venues[0].rules.lot.value())?;
        let limit = if u.arbitrary()? { None } else { Some(f64_of(u, venues[0].rules.tick.value())?) };
        let risk = if u.arbitrary()? {
            Some(RiskContext {
                engine: &engine,
                now: 1_700_000_000_100,
                first_client_id: u.arbitrary()?,
                strategy: u.int_in_range(0u32..=3)?,
            })
        } else {
            None
        };
        let mut router = Router::new();
        if let Ok(plan) = router.route(&venues, side, qty, limit, risk) {
            assert!(plan.filled >= 0.0 && plan.unfilled >= 0.0);
            assert!(plan.filled <= qty * (1.0 + 1e-12), "filled {} of {qty}", plan.filled);
            for c in &plan.children {
                let r = venues[c.venue].rules;
                assert!(c.qty_lots >= r.min_qty && c.qty_lots <= r.max_qty, "child off the venue's quantity rules");
                assert!(!venues[c.venue].book.is_stale(), "a stale book got a child");
                if let Some(l) = limit {
                    let lt = match side {
                        Side::Buy => r.tick.steps_of_f64(l, Rounding::Down).unwrap_or(i64::MAX),
                        Side::Sell => r.tick.steps_of_f64(l, Rounding::Up).unwrap_or(i64::MAX),
                    };
                    match side {
                        Side::Buy => assert!(c.price_ticks <= lt, "a buy child above the limit"),
                        Side::Sell => assert!(c.price_ticks >= lt, "a sell child below the limit"),
                    }
                }
            }
        }
        Ok(())
    });
}
