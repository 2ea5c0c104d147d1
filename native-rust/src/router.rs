//! Smart order routing: a fee-adjusted sweep of several venues' books.
//!
//! Levels of every venue are merged by effective price — `price·(1+fee)` for a buy,
//! `price·(1−fee)` for a sell — and taken best first. A venue only ever takes whole
//! multiples of its own qty step, so each child is on its venue's grid by construction.
//! A child under its venue's minimum quantity (or notional), or one the risk engine
//! rejects, is dropped and the sweep runs again without that venue, so its quantity is
//! merged into the other venues' children.

use crate::book::OrderBook;
use crate::decimal::{pow10_i128, Decimal, Rounding, Step};
use crate::instrument::{Instrument, Side};
use crate::risk::{Order, OrderKind, ReasonCode, RiskEngine};
use std::fmt;

/// One venue offered to the router.
#[derive(Clone, Copy)]
pub struct Venue<'a> {
    pub book: &'a OrderBook,
    /// Taker fee as a ratio (0.00055 = 5.5 bp).
    pub taker_fee: f64,
    /// The venue's rules for this symbol (tick and step must match the book's).
    pub rules: &'a Instrument,
    /// The instrument id in the risk engine, when children are to be risk-checked.
    pub instrument: Option<u32>,
}

/// One child order of a plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChildOrder {
    /// Index of the venue in the input.
    pub venue: usize,
    /// Limit price: the worst level taken (an IOC at this price fills the plan).
    pub price_ticks: i64,
    pub price: f64,
    pub qty_lots: i64,
    pub qty: f64,
    /// Expected average fill price.
    pub avg_price: f64,
    /// Expected taker fee (quote).
    pub fee: f64,
}

/// A child that the plan had to drop, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DroppedChild {
    pub venue: usize,
    pub qty: f64,
    pub reason: ReasonCode,
}

/// The routing plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoutePlan {
    pub children: Vec<ChildOrder>,
    /// Children dropped on the way (under the venue minimum, or rejected by risk).
    pub dropped: Vec<DroppedChild>,
    /// Quantity the children fill, and what is left of the parent.
    pub filled: f64,
    pub unfilled: f64,
    /// Volume-weighted average price before fees (NaN when nothing fills).
    pub avg_price: f64,
    /// Total expected fees (quote).
    pub fees: f64,
    /// Σ price·qty + fees for a buy, Σ price·qty − fees for a sell (quote).
    pub total_cost: f64,
    /// Number of sweep passes (1 unless children were dropped).
    pub passes: u32,
}

/// Why routing could not run.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteError(pub String);

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for RouteError {}

/// Risk context for the children: engine, clock, client ids, strategy tag.
#[derive(Clone, Copy)]
pub struct RiskContext<'a> {
    pub engine: &'a RiskEngine,
    pub now: i64,
    /// Client order id of the first child; the next children count up.
    pub first_client_id: u64,
    pub strategy: u32,
}

#[derive(Clone, Copy, Default)]
struct VenueScratch {
    /// Qty step in common units.
    step: i64,
    /// Cursor into the book side (number of levels consumed) and the qty left on it.
    level: usize,
    level_left: i64,
    level_price: i64,
    eff: f64,
    done: bool,
    excluded: bool,
    /// Allocation in common units and its notional in ticks·common-units.
    alloc: i64,
    notional: i128,
    worst: i64,
}

/// Reusable router (keeps its scratch buffers between calls).
#[derive(Default)]
pub struct Router {
    scratch: Vec<VenueScratch>,
}

impl Router {
    pub fn new() -> Router {
        Router::default()
    }

    /// Splits a parent order of `qty` (base units) across the venues. `limit` bounds the
    /// prices taken (None = no bound). With a risk context every child must pass the
    /// engine's checks; children that do not are dropped and the quantity re-routed.
    pub fn route(
        &mut self,
        venues: &[Venue<'_>],
        side: Side,
        qty: f64,
        limit: Option<f64>,
        risk: Option<RiskContext<'_>>,
    ) -> Result<RoutePlan, RouteError> {
        if venues.is_empty() {
            return Err(RouteError("no venues".into()));
        }
        if !(qty.is_finite() && qty > 0.0) {
            return Err(RouteError(format!("quantity must be a finite number > 0, got {qty}")));
        }
        if let Some(l) = limit {
            if !(l.is_finite() && l > 0.0) {
                return Err(RouteError(format!("limit price must be a finite number > 0, got {l}")));
            }
        }
        for (k, v) in venues.iter().enumerate() {
            if !(v.taker_fee.is_finite() && v.taker_fee > -0.01 && v.taker_fee < 0.1) {
                return Err(RouteError(format!("venue {k}: taker fee must be a ratio in (-0.01, 0.1), got {}", v.taker_fee)));
            }
            if v.rules.tick != v.book.tick || v.rules.lot != v.book.lot {
                return Err(RouteError(format!("venue {k}: the rules' tick/step differ from the book's")));
            }
        }
        // Common quantity unit: 10^-S with S the finest step scale.
        let s = venues.iter().map(|v| v.book.lot.scale).max().unwrap_or(0);
        let unit = Step::new(Decimal::new(1, s)).map_err(|e| RouteError(e.to_string()))?;
        let parent = unit.steps_of_f64(qty, Rounding::Down).map_err(|e| RouteError(format!("quantity {qty}: {e}")))?;
        if parent <= 0 {
            return Err(RouteError(format!("quantity {qty} is below the finest qty step")));
        }
        self.scratch.clear();
        for v in venues {
            let mult = pow10_i128(s - v.book.lot.scale).unwrap_or(1) * v.book.lot.units as i128;
            self.scratch.push(VenueScratch { step: mult.min(i64::MAX as i128) as i64, excluded: v.book.is_stale(), ..Default::default() });
        }
        let mut plan = RoutePlan::default();
        let tick_limit = |v: &Venue| -> i64 {
            match limit {
                None => match side {
                    Side::Buy => i64::MAX,
                    Side::Sell => 0,
                },
                // A buy never pays above the limit, a sell never gets below it.
                Some(l) => match side {
                    Side::Buy => v.book.tick.steps_of_f64(l, Rounding::Down).unwrap_or(i64::MAX),
                    Side::Sell => v.book.tick.steps_of_f64(l, Rounding::Up).unwrap_or(i64::MAX),
                },
            }
        };
        let limits: Vec<i64> = venues.iter().map(tick_limit).collect();
        let book_side = side.opposite();
        let next_id = risk.map_or(0, |r| r.first_client_id);
        loop {
            plan.passes += 1;
            // Reset cursors of the venues still in play.
            for (k, sc) in self.scratch.iter_mut().enumerate() {
                sc.level = 0;
                sc.alloc = 0;
                sc.notional = 0;
                sc.worst = 0;
                sc.done = sc.excluded;
                if !sc.done {
                    load_level(sc, &venues[k], book_side, side, limits[k]);
                }
            }
            let mut left = parent;
            while left > 0 {
                // Best effective price among the venues' current levels.
                let mut best: Option<usize> = None;
                for (k, sc) in self.scratch.iter().enumerate() {
                    if sc.done || sc.step > left {
                        continue;
                    }
                    best = match best {
                        None => Some(k),
                        Some(b) => {
                            let better = match side {
                                Side::Buy => sc.eff < self.scratch[b].eff,
                                Side::Sell => sc.eff > self.scratch[b].eff,
                            };
                            if better {
                                Some(k)
                            } else {
                                Some(b)
                            }
                        }
                    };
                }
                let Some(k) = best else { break };
                let sc = &mut self.scratch[k];
                let take = sc.level_left.min(left / sc.step * sc.step);
                sc.alloc += take;
                sc.notional += sc.level_price as i128 * take as i128;
                sc.worst = sc.level_price;
                sc.level_left -= take;
                left -= take;
                if sc.level_left == 0 {
                    sc.level += 1;
                    load_level(sc, &venues[k], book_side, side, limits[k]);
                }
            }
            // Validate children: minimum qty / notional, then risk.
            let mut redo = false;
            for (k, sc) in self.scratch.iter_mut().enumerate() {
                if sc.excluded || sc.alloc == 0 {
                    continue;
                }
                let v = &venues[k];
                let lots = sc.alloc / sc.step;
                let r = v.rules;
                let mut reason = ReasonCode::Accepted;
                if lots < r.min_qty {
                    reason = ReasonCode::QtyBelowMin;
                } else if lots > r.max_qty {
                    reason = ReasonCode::QtyAboveMax;
                } else if (sc.worst as i128 * lots as i128) < r.min_notional {
                    reason = ReasonCode::NotionalBelowMin;
                } else if let (Some(ctx), Some(inst)) = (risk, v.instrument) {
                    let o = Order {
                        client_id: next_id,
                        instrument: inst,
                        side,
                        kind: OrderKind::Limit,
                        price: sc.worst,
                        qty: lots,
                        reduce_only: false,
                        strategy: ctx.strategy,
                    };
                    if let Err(rej) = ctx.engine.check_order(&o, ctx.now) {
                        reason = rej.code;
                    }
                }
                if reason != ReasonCode::Accepted {
                    plan.dropped.push(DroppedChild { venue: k, qty: unit.to_f64(sc.alloc), reason });
                    sc.excluded = true;
                    redo = true;
                }
            }
            if !redo {
                break;
            }
        }
        // Build the plan.
        let mut total_units: i64 = 0;
        let mut gross = 0.0;
        for (k, sc) in self.scratch.iter().enumerate() {
            if sc.excluded || sc.alloc == 0 {
                continue;
            }
            let v = &venues[k];
            let lots = sc.alloc / sc.step;
            let q = v.book.lot.to_f64(lots);
            let value = sc.notional as f64 * v.book.tick.value() * unit.value();
            let fee = value * v.taker_fee;
            plan.children.push(ChildOrder {
                venue: k,
                price_ticks: sc.worst,
                price: v.book.tick.to_f64(sc.worst),
                qty_lots: lots,
                qty: q,
                avg_price: value / q,
                fee,
            });
            total_units += sc.alloc;
            gross += value;
            plan.fees += fee;
        }
        plan.filled = unit.to_f64(total_units);
        plan.unfilled = unit.to_f64(parent - total_units);
        plan.avg_price = if total_units > 0 { gross / plan.filled } else { f64::NAN };
        plan.total_cost = match side {
            Side::Buy => gross + plan.fees,
            Side::Sell => gross - plan.fees,
        };
        Ok(plan)
    }
}

/// Loads the venue's level at its cursor (or marks it done).
#[inline]
fn load_level(sc: &mut VenueScratch, v: &Venue, book_side: Side, taker: Side, limit: i64) {
    match v.book.level_at(book_side, sc.level) {
        Some((p, q)) => {
            let beyond = match taker {
                Side::Buy => p > limit,
                Side::Sell => p < limit,
            };
            if beyond {
                sc.done = true;
                return;
            }
            sc.level_price = p;
            sc.level_left = (q as i128 * sc.step as i128).min(i64::MAX as i128) as i64;
            let px = v.book.tick.to_f64(p);
            sc.eff = match taker {
                Side::Buy => px * (1.0 + v.taker_fee),
                Side::Sell => px * (1.0 - v.taker_fee),
            };
        }
        None => sc.done = true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::{InstrumentLimits, RiskEngine};

    fn venue_book(name: &str, asks: &[(f64, f64)], bids: &[(f64, f64)]) -> (OrderBook, Instrument) {
        let mut rules = Instrument::simple("BTCUSDT", "0.01", "0.0001", "0.0001", "100", "0");
        rules.venue = name.into();
        let mut b = OrderBook::new(name, "BTCUSDT", rules.tick, rules.lot);
        let (bp, bs): (Vec<f64>, Vec<f64>) = bids.iter().copied().unzip();
        let (ap, az): (Vec<f64>, Vec<f64>) = asks.iter().copied().unzip();
        b.apply_snapshot(1, &bp, &bs, &ap, &az).unwrap();
        (b, rules)
    }

    #[test]
    fn fee_adjusted_sweep_prefers_cheaper_after_fees() {
        // Venue A quotes 100.0 with a 0.1% fee (eff 100.1); B 100.05 with 0 fee (eff 100.05).
        let (a, ra) = venue_book("a", &[(100.0, 1.0), (100.2, 5.0)], &[(99.0, 1.0)]);
        let (b, rb) = venue_book("b", &[(100.05, 1.0), (100.3, 5.0)], &[(99.0, 1.0)]);
        let venues = [
            Venue { book: &a, taker_fee: 0.001, rules: &ra, instrument: None },
            Venue { book: &b, taker_fee: 0.0, rules: &rb, instrument: None },
        ];
        let mut r = Router::new();
        let p = r.route(&venues, Side::Buy, 1.5, None, None).unwrap();
        assert_eq!(p.children.len(), 2);
        let cb = p.children.iter().find(|c| c.venue == 1).unwrap();
        let ca = p.children.iter().find(|c| c.venue == 0).unwrap();
        assert_eq!(cb.qty, 1.0);
        assert_eq!(ca.qty, 0.5);
        assert_eq!(ca.price, 100.0);
        assert!((p.filled - 1.5).abs() < 1e-12);
        assert_eq!(p.unfilled, 0.0);
        assert!((p.fees - 0.5 * 100.0 * 0.001).abs() < 1e-9);
    }

    #[test]
    fn steps_min_qty_and_limit() {
        let (a, mut ra) = venue_book("a", &[(100.0, 1.0)], &[(99.0, 1.0)]);
        let (b, rb) = venue_book("b", &[(100.1, 3.0)], &[(99.0, 1.0)]);
        ra.min_qty = 15000; // 1.5 BTC minimum on A: its 1.0 child is dropped, B takes it all
        let venues = [
            Venue { book: &a, taker_fee: 0.0, rules: &ra, instrument: None },
            Venue { book: &b, taker_fee: 0.0, rules: &rb, instrument: None },
        ];
        let mut r = Router::new();
        let p = r.route(&venues, Side::Buy, 2.0, None, None).unwrap();
        assert_eq!(p.children.len(), 1);
        assert_eq!(p.children[0].venue, 1);
        assert_eq!(p.children[0].qty, 2.0);
        assert_eq!(p.dropped.len(), 1);
        assert_eq!(p.dropped[0].reason, ReasonCode::QtyBelowMin);
        assert_eq!(p.passes, 2);
        // Limit below B's ask: nothing fills.
        let p = r.route(&venues, Side::Buy, 2.0, Some(100.05), None).unwrap();
        assert_eq!(p.filled, 0.0);
        assert_eq!(p.unfilled, 2.0);
        // Sell sweeps bids.
        let p = r.route(&venues, Side::Sell, 1.5, None, None).unwrap();
        assert!((p.filled - 1.0).abs() < 1e-12, "only B's bid qualifies (A's 1.0 < 1.5 min)");
        assert!(r.route(&venues, Side::Buy, f64::NAN, None, None).is_err());
        assert!(r.route(&[], Side::Buy, 1.0, None, None).is_err());
    }

    #[test]
    fn coarse_step_venue_rounds_down() {
        let (a, ra) = venue_book("a", &[(100.0, 0.0105)], &[(99.0, 1.0)]);
        let mut rb = Instrument::simple("BTCUSDT", "0.01", "0.01", "0.01", "100", "0");
        rb.venue = "b".into();
        let mut b = OrderBook::new("b", "BTCUSDT", rb.tick, rb.lot);
        b.apply_snapshot(1, &[99.0], &[1.0], &[100.0], &[5.0]).unwrap();
        let venues = [
            Venue { book: &a, taker_fee: 0.0, rules: &ra, instrument: None },
            Venue { book: &b, taker_fee: 0.0, rules: &rb, instrument: None },
        ];
        let p = Router::new().route(&venues, Side::Buy, 0.0555, None, None).unwrap();
        let total: f64 = p.children.iter().map(|c| c.qty).sum();
        assert!((total - p.filled).abs() < 1e-12);
        for c in &p.children {
            let step = venues[c.venue].rules.lot;
            assert!(step.steps_of_f64(c.qty, Rounding::Exact).is_ok(), "{c:?}");
        }
        assert!(p.unfilled < 0.01 + 1e-12);
    }

    #[test]
    fn risk_rejected_child_is_rerouted() {
        let (a, ra) = venue_book("a", &[(100.0, 5.0)], &[(99.0, 1.0)]);
        let (b, rb) = venue_book("b", &[(100.2, 5.0)], &[(99.0, 1.0)]);
        let mut e = RiskEngine::default();
        let ia = e.add_instrument(ra.clone(), InstrumentLimits { max_position: 5000, ..Default::default() }).unwrap();
        let ib = e.add_instrument(rb.clone(), InstrumentLimits::default()).unwrap();
        let venues = [
            Venue { book: &a, taker_fee: 0.0, rules: &ra, instrument: Some(ia) },
            Venue { book: &b, taker_fee: 0.0, rules: &rb, instrument: Some(ib) },
        ];
        let ctx = RiskContext { engine: &e, now: 0, first_client_id: 1, strategy: 0 };
        let p = Router::new().route(&venues, Side::Buy, 2.0, None, Some(ctx)).unwrap();
        assert_eq!(p.children.len(), 1);
        assert_eq!(p.children[0].venue, 1);
        assert_eq!(p.dropped[0].reason, ReasonCode::PositionLimit);
    }
}
