//! Smart order routing: the best split of a parent order across several venues' books.
//!
//! Each venue gets at most one child, an IOC limit at the worst level it takes. A child is
//! a whole number of the venue's qty steps, at least its minimum quantity, at most its
//! maximum (limit-order) quantity, and worth at least its minimum notional at its limit
//! price — what the venue would accept. Among all such splits the router returns one that
//!
//! 1. fills the most quantity (up to the parent), then
//! 2. costs the least after taker fees: Σ price·qty·(1+fee) for a buy, or brings in the
//!    most, Σ price·qty·(1−fee), for a sell.
//!
//! How: a venue's cost of taking n steps is convex and linear within each book level, so
//! the router runs an exact dynamic programme over the filled quantity (in units of the
//! greatest common divisor of the venues' steps), one venue at a time; within a level the
//! best previous state is a sliding-window minimum, so a venue costs O(states · levels).
//! When a request would need more than [`MAX_STATES`] states (a parent of millions of the
//! finest step), quantities are taken in coarser multiples of the steps and the plan says
//! `optimal: false`.
//!
//! With a risk engine, the children are checked in venue order, each as if the earlier
//! ones had been accepted; a venue whose child is rejected is left out and the split is
//! solved again over the others (each such pass is counted in `passes`).

use crate::book::OrderBook;
use crate::decimal::{pow10_i128, Decimal, Rounding, Step};
use crate::instrument::{Instrument, Side};
use crate::risk::{Order, OrderKind, Pending, ReasonCode, RiskEngine};
use std::fmt;

/// Most quantity states the exact programme uses (beyond it, quantities are coarsened).
pub const MAX_STATES: usize = 1 << 18;

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

/// A child that the risk engine rejected, and why (its venue was left out).
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
    /// Children the risk engine rejected (their venues were left out).
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
    /// Number of solves (1 unless the risk engine rejected children).
    pub passes: u32,
    /// True when the split is the exact optimum (false: quantities were coarsened).
    pub optimal: bool,
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

/// Risk context for the children: engine, clock, strategy tag.
#[derive(Clone, Copy)]
pub struct RiskContext<'a> {
    pub engine: &'a RiskEngine,
    pub now: i64,
    pub strategy: u32,
}

/// A stretch of one book level where a child may end: `lo..=hi` units of the venue's
/// programme step, costing `base + per·(i − base_i)`.
#[derive(Clone, Copy, Debug)]
struct Piece {
    lo: i64,
    hi: i64,
    base: f64,
    base_i: i64,
    per: f64,
}

/// One venue prepared for the programme.
#[derive(Clone, Debug, Default)]
struct Prepared {
    /// Lots per programme unit of this venue, and quantity states per unit.
    lots_per: i64,
    width: usize,
    /// Book levels within the limit: (price ticks, cumulative lots).
    levels: Vec<(i64, i64)>,
    pieces: Vec<Piece>,
    /// Qty step in common units.
    step: i64,
}

/// Reusable router (keeps its scratch buffers between calls).
#[derive(Default)]
pub struct Router {
    prepared: Vec<Prepared>,
    excluded: Vec<bool>,
    prev: Vec<f64>,
    cur: Vec<f64>,
    choice: Vec<u32>,
    deque: Vec<usize>,
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl Router {
    pub fn new() -> Router {
        Router::default()
    }

    /// Splits a parent order of `qty` (base units) across the venues. `limit` bounds the
    /// prices taken (None = no bound). With a risk context every child must pass the
    /// engine's checks (see the module docs).
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
        self.excluded.clear();
        self.excluded.extend(venues.iter().map(|v| v.book.is_stale()));
        let mut plan = RoutePlan::default();
        loop {
            plan.passes += 1;
            let (lots, optimal) = self.solve(venues, side, parent, limit, s);
            plan.optimal = optimal;
            // Risk: children in venue order, each as if the earlier ones were accepted.
            let mut rejected = false;
            if let Some(ctx) = risk {
                let mut pending = Pending::default();
                for (k, v) in venues.iter().enumerate() {
                    let (Some(inst), n) = (v.instrument, lots[k]) else { continue };
                    if n == 0 {
                        continue;
                    }
                    let o = Order {
                        client_id: 0,
                        instrument: inst,
                        side,
                        kind: OrderKind::Limit,
                        price: self.worst_price(k, n),
                        qty: n,
                        reduce_only: false,
                        strategy: ctx.strategy,
                    };
                    match ctx.engine.check_order_with(&o, ctx.now, false, &pending) {
                        Ok(()) => pending.add(&o, ctx.engine.exposure_added(&o, &pending)),
                        Err(rej) => {
                            plan.dropped.push(DroppedChild { venue: k, qty: v.book.lot.to_f64(n), reason: rej.code });
                            self.excluded[k] = true;
                            rejected = true;
                            break;
                        }
                    }
                }
            }
            if rejected {
                continue;
            }
            self.build(venues, side, &lots, parent, unit, &mut plan);
            if let Ok(f) = unit.steps_of_f64(plan.filled, Rounding::Nearest) {
                plan.unfilled = unfilled(qty, f, s).unwrap_or(plan.unfilled);
            }
            return Ok(plan);
        }
    }

    /// The limit price of a child of `lots` on prepared venue `k`: the level it ends in.
    fn worst_price(&self, k: usize, lots: i64) -> i64 {
        let lv = &self.prepared[k].levels;
        lv.iter().find(|&&(_, cum)| cum >= lots).or(lv.last()).map_or(0, |&(p, _)| p)
    }

    /// Prepares the venues and runs the programme; returns lots per venue and whether the
    /// split is exact.
    fn solve(&mut self, venues: &[Venue<'_>], side: Side, parent: i64, limit: Option<f64>, s: u32) -> (Vec<i64>, bool) {
        let nv = venues.len();
        self.prepared.resize_with(nv, Prepared::default);
        let book_side = side.opposite();
        // Prepare each venue: levels within the limit, where a child may end, and its cost.
        let mut g: i128 = 0;
        for (k, v) in venues.iter().enumerate() {
            let p = &mut self.prepared[k];
            p.levels.clear();
            p.pieces.clear();
            p.step = (pow10_i128(s - v.book.lot.scale).unwrap_or(1) * v.book.lot.units as i128).min(i64::MAX as i128) as i64;
            if self.excluded[k] || p.step > parent {
                continue;
            }
            let lim = match limit {
                None => None,
                // A buy never pays above the limit, a sell never gets below it.
                Some(l) => Some(match side {
                    Side::Buy => v.book.tick.steps_of_f64(l, Rounding::Down).unwrap_or(i64::MAX),
                    Side::Sell => v.book.tick.steps_of_f64(l, Rounding::Up).unwrap_or(i64::MAX),
                }),
            };
            let r = v.rules;
            let max_lots = r.max_qty.min(parent / p.step);
            let lot_value = v.book.lot.value();
            let mut cum: i64 = 0;
            let mut cost = 0.0;
            for (price, q) in v.book.levels(book_side, usize::MAX) {
                if let Some(l) = lim {
                    let beyond = match side {
                        Side::Buy => price > l,
                        Side::Sell => price < l,
                    };
                    if beyond {
                        break;
                    }
                }
                if cum >= max_lots {
                    break;
                }
                let px = v.book.tick.to_f64(price);
                // Cost of one lot at this level after fees (negative proceeds for a sell).
                let per = match side {
                    Side::Buy => px * lot_value * (1.0 + v.taker_fee),
                    Side::Sell => -(px * lot_value * (1.0 - v.taker_fee)),
                };
                let end = cum.saturating_add(q).min(max_lots);
                // Smallest child ending in this level that the venue accepts: min qty, and
                // min notional at this level's price (the child's limit price).
                let by_notional = if r.min_notional > 0 { ((r.min_notional + price as i128 - 1) / price as i128).min(i64::MAX as i128) as i64 } else { 0 };
                let lo = (cum + 1).max(r.min_qty).max(by_notional);
                if lo <= end {
                    p.pieces.push(Piece { lo, hi: end, base: cost, base_i: cum, per });
                }
                cost += per * (end - cum) as f64;
                cum = end;
                p.levels.push((price, cum));
            }
            if !p.pieces.is_empty() {
                g = gcd(g, p.step as i128);
            }
        }
        let mut lots = vec![0i64; nv];
        if g == 0 {
            return (lots, true);
        }
        // Programme units: `c` multiples of g; a venue takes `lots_per` lots per its unit.
        let reach: i128 = self.prepared.iter().map(|p| p.pieces.last().map_or(0, |x| x.hi as i128 * p.step as i128)).sum();
        let states = (parent as i128).min(reach) / g;
        let c = ((states + MAX_STATES as i128 - 1) / MAX_STATES as i128).max(1);
        let optimal = c == 1;
        let n = (states / c) as usize;
        for p in self.prepared.iter_mut() {
            if p.pieces.is_empty() {
                continue;
            }
            let w = p.step as i128 / g; // steps in units of g
            let l = w / gcd(w, c) * c; // lcm(w, c): units of g per programme step of this venue
            p.lots_per = (l / w).min(i64::MAX as i128) as i64;
            let width = l / c;
            if width as usize > n || width > i64::MAX as i128 {
                p.pieces.clear();
                continue;
            }
            p.width = width as usize;
            let lp = p.lots_per;
            // Re-express the pieces in programme steps (lots = i·lots_per).
            if lp != 1 {
                p.pieces.retain_mut(|x| {
                    let (lo, hi) = ((x.lo + lp - 1) / lp, x.hi / lp);
                    x.base -= x.per * x.base_i as f64;
                    x.per *= lp as f64;
                    x.base_i = 0;
                    x.lo = lo;
                    x.hi = hi;
                    lo <= hi
                });
            }
        }
        // The programme: best[t] = least cost of filling t units with the venues so far.
        self.prev.clear();
        self.prev.resize(n + 1, f64::INFINITY);
        self.prev[0] = 0.0;
        self.choice.clear();
        self.choice.resize(nv * (n + 1), 0);
        for k in 0..nv {
            let p = &self.prepared[k];
            if p.pieces.is_empty() {
                continue;
            }
            self.cur.clear();
            self.cur.extend_from_slice(&self.prev);
            let choice = &mut self.choice[k * (n + 1)..(k + 1) * (n + 1)];
            let w = p.width;
            for x in &p.pieces {
                for r in 0..w.min(n + 1) {
                    // States r, r+w, r+2w, …: position m takes i = m − j steps from j.
                    let len = (n - r) / w + 1;
                    if (x.lo as usize) >= len {
                        continue;
                    }
                    let dq = &mut self.deque;
                    dq.clear();
                    let mut head = 0;
                    let val = |j: usize| self.prev[r + j * w] - x.per * j as f64;
                    for m in x.lo as usize..len {
                        let j = m - x.lo as usize;
                        if self.prev[r + j * w].is_finite() {
                            let vj = val(j);
                            while dq.len() > head && val(dq[dq.len() - 1]) >= vj {
                                dq.pop();
                            }
                            dq.push(j);
                        }
                        while dq.len() > head && m - dq[head] > x.hi as usize {
                            head += 1;
                        }
                        if dq.len() > head {
                            let j = dq[head];
                            let i = (m - j) as i64;
                            let v = self.prev[r + j * w] + x.base + x.per * (i - x.base_i) as f64;
                            let t = r + m * w;
                            if v < self.cur[t] {
                                self.cur[t] = v;
                                choice[t] = i as u32;
                            }
                        }
                    }
                }
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
        }
        // Most quantity first; its least cost is the programme's value there.
        let mut t = (0..=n).rev().find(|&t| self.prev[t].is_finite()).unwrap_or(0);
        for k in (0..nv).rev() {
            let p = &self.prepared[k];
            if p.pieces.is_empty() {
                continue;
            }
            let i = self.choice[k * (n + 1) + t] as usize;
            lots[k] = i as i64 * p.lots_per;
            t -= i * p.width;
        }
        (lots, optimal)
    }

    /// Fills in the plan's children and totals from lots per venue.
    fn build(&self, venues: &[Venue<'_>], side: Side, lots: &[i64], parent: i64, unit: Step, plan: &mut RoutePlan) {
        let mut total_units: i64 = 0;
        let mut gross = 0.0;
        for (k, v) in venues.iter().enumerate() {
            let n = lots[k];
            if n == 0 {
                continue;
            }
            let p = &self.prepared[k];
            // Exact notional in ticks·lots, level by level.
            let (mut notional, mut prev, mut worst) = (0i128, 0i64, 0i64);
            for &(price, cum) in &p.levels {
                let take = cum.min(n) - prev;
                notional += price as i128 * take as i128;
                worst = price;
                prev = cum;
                if cum >= n {
                    break;
                }
            }
            let q = v.book.lot.to_f64(n);
            let value = notional as f64 * v.book.tick.value() * v.book.lot.value();
            let fee = value * v.taker_fee;
            plan.children.push(ChildOrder {
                venue: k,
                price_ticks: worst,
                price: v.book.tick.to_f64(worst),
                qty_lots: n,
                qty: q,
                avg_price: value / q,
                fee,
            });
            total_units += n * p.step;
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
    }
}

/// The parent minus the filled quantity, exactly in decimal: the part below every step
/// (the parent is floored to the finest step before solving) counts as unfilled. None
/// when the decimals do not fit (then the floored parent's remainder stands).
fn unfilled(qty: f64, filled_units: i64, s: u32) -> Option<f64> {
    let q = Decimal::from_f64(qty).ok()?;
    let scale = q.scale.max(s);
    if scale > 30 {
        return None;
    }
    let qm = q.mant.checked_mul(pow10_i128(scale - q.scale)?)?;
    let fm = (filled_units as i128).checked_mul(pow10_i128(scale - s)?)?;
    Some(Decimal::new(qm.checked_sub(fm)?, scale).to_f64())
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
        assert!(p.optimal);
    }

    #[test]
    fn the_part_below_every_step_is_unfilled() {
        // Steps of 0.0001: a parent of 0.00029 fills 0.0002 and leaves 0.00009 unfilled.
        let (a, ra) = venue_book("a", &[(100.0, 1.0)], &[(99.0, 1.0)]);
        let venues = [Venue { book: &a, taker_fee: 0.0, rules: &ra, instrument: None }];
        let mut r = Router::new();
        let p = r.route(&venues, Side::Buy, 0.00029, None, None).unwrap();
        assert_eq!(p.filled, 0.0002);
        assert_eq!(p.unfilled, 0.00009);
        let p = r.route(&venues, Side::Buy, 0.3, None, None).unwrap();
        assert_eq!((p.filled, p.unfilled), (0.3, 0.0));
    }

    #[test]
    fn minimums_reallocate_instead_of_dropping() {
        let (a, mut ra) = venue_book("a", &[(100.0, 1.0)], &[(99.0, 1.0)]);
        let (b, rb) = venue_book("b", &[(100.1, 3.0)], &[(99.0, 1.0)]);
        ra.min_qty = 15000; // 1.5 BTC minimum on A: B takes it all
        let venues = [
            Venue { book: &a, taker_fee: 0.0, rules: &ra, instrument: None },
            Venue { book: &b, taker_fee: 0.0, rules: &rb, instrument: None },
        ];
        let mut r = Router::new();
        let p = r.route(&venues, Side::Buy, 2.0, None, None).unwrap();
        assert_eq!(p.children.len(), 1);
        assert_eq!(p.children[0].venue, 1);
        assert_eq!(p.children[0].qty, 2.0);
        assert!(p.dropped.is_empty());
        // Limit below B's ask and A can't reach its minimum: nothing fills.
        let p = r.route(&venues, Side::Buy, 2.0, Some(100.05), None).unwrap();
        assert_eq!(p.filled, 0.0);
        assert_eq!(p.unfilled, 2.0);
        // Sell sweeps bids: only B's bid qualifies (A's 1.0 < 1.5 min).
        let p = r.route(&venues, Side::Sell, 1.5, None, None).unwrap();
        assert!((p.filled - 1.0).abs() < 1e-12);
        assert!(r.route(&venues, Side::Buy, f64::NAN, None, None).is_err());
        assert!(r.route(&[], Side::Buy, 1.0, None, None).is_err());
    }

    #[test]
    fn a_venue_under_its_minimum_takes_more_from_a_pricier_level() {
        // A: 0.4 at 100 then 1.0 at 101, min 0.5. B: 0.3 at 100.5. Parent 0.8: the greedy
        // sweep would give A 0.4 (< min) and drop it; the optimum is A 0.5 + B 0.3.
        let (a, mut ra) = venue_book("a", &[(100.0, 0.4), (101.0, 1.0)], &[(99.0, 1.0)]);
        ra.min_qty = 5000;
        let (b, rb) = venue_book("b", &[(100.5, 0.3)], &[(99.0, 1.0)]);
        let venues = [
            Venue { book: &a, taker_fee: 0.0, rules: &ra, instrument: None },
            Venue { book: &b, taker_fee: 0.0, rules: &rb, instrument: None },
        ];
        let p = Router::new().route(&venues, Side::Buy, 0.8, None, None).unwrap();
        assert!((p.filled - 0.8).abs() < 1e-12, "{p:?}");
        let ca = p.children.iter().find(|c| c.venue == 0).unwrap();
        assert_eq!(ca.qty, 0.5);
        assert_eq!(ca.price, 101.0);
        assert!((p.total_cost - (0.4 * 100.0 + 0.1 * 101.0 + 0.3 * 100.5)).abs() < 1e-9);
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
        // 0.05 from B and 0.0055 from A fill it all.
        assert!((p.filled - 0.0555).abs() < 1e-12, "{p:?}");
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
        let ctx = RiskContext { engine: &e, now: 0, strategy: 0 };
        let p = Router::new().route(&venues, Side::Buy, 2.0, None, Some(ctx)).unwrap();
        assert_eq!(p.children.len(), 1);
        assert_eq!(p.children[0].venue, 1);
        assert_eq!(p.dropped[0].reason, ReasonCode::PositionLimit);
        assert_eq!(p.passes, 2);
    }

    #[test]
    fn children_are_checked_together_against_account_limits() {
        // Two venues, each child fine alone, but the account allows one more open order.
        let (a, ra) = venue_book("a", &[(100.0, 1.0)], &[(99.0, 1.0)]);
        let (b, rb) = venue_book("b", &[(100.1, 1.0)], &[(99.0, 1.0)]);
        let mut e = RiskEngine::new(crate::risk::AccountLimits { max_open_orders: 1, ..Default::default() });
        let ia = e.add_instrument(ra.clone(), InstrumentLimits::default()).unwrap();
        let ib = e.add_instrument(rb.clone(), InstrumentLimits::default()).unwrap();
        let venues = [
            Venue { book: &a, taker_fee: 0.0, rules: &ra, instrument: Some(ia) },
            Venue { book: &b, taker_fee: 0.0, rules: &rb, instrument: Some(ib) },
        ];
        let ctx = RiskContext { engine: &e, now: 0, strategy: 0 };
        let p = Router::new().route(&venues, Side::Buy, 2.0, None, Some(ctx)).unwrap();
        assert_eq!(p.children.len(), 1);
        assert_eq!(p.dropped.len(), 1);
        assert_eq!(p.dropped[0].reason, ReasonCode::MaxOpenOrders);
    }

    /// A small random venue: steps, minimums and levels as small integers of a fine unit.
    #[derive(Debug, Clone)]
    struct Small {
        step: &'static str,
        min_qty_steps: i64,
        min_notional: &'static str,
        fee: f64,
        levels: Vec<(i64, i64)>, // (price in ticks of 0.5, lots)
    }

    fn rng(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    /// Brute force: every lots combination; most filled, then least cost.
    fn brute(venues: &[Venue], side: Side, parent_units: i64, unit_scale: u32, limit: Option<i64>) -> (i64, f64) {
        let per_venue: Vec<Vec<(i64, i64, f64)>> = venues
            .iter()
            .map(|v| {
                let step_units = v.book.lot.units * 10i64.pow(unit_scale - v.book.lot.scale);
                let mut opts = vec![(0i64, 0i64, 0.0f64)];
                let lv: Vec<(i64, i64)> = v.book.levels(side.opposite(), 100).collect();
                let total: i64 = lv.iter().map(|l| l.1).sum();
                for n in 1..=total {
                    // Walk levels for n lots.
                    let (mut left, mut cost, mut worst, mut notional) = (n, 0.0, 0i64, 0i128);
                    for &(p, q) in &lv {
                        if left == 0 {
                            break;
                        }
                        let t = left.min(q);
                        let px = v.book.tick.to_f64(p) * v.book.lot.value();
                        cost += match side {
                            Side::Buy => px * (1.0 + v.taker_fee) * t as f64,
                            Side::Sell => -px * (1.0 - v.taker_fee) * t as f64,
                        };
                        notional += p as i128 * t as i128;
                        worst = p;
                        left -= t;
                    }
                    let _ = notional;
                    let within = match (limit, side) {
                        (None, _) => true,
                        (Some(l), Side::Buy) => worst <= l,
                        (Some(l), Side::Sell) => worst >= l,
                    };
                    let r = v.rules;
                    if within && n >= r.min_qty && n <= r.max_qty && (worst as i128 * n as i128) >= r.min_notional && n * step_units <= parent_units {
                        opts.push((n * step_units, n, cost));
                    }
                }
                opts
            })
            .collect();
        let mut best = (0i64, 0.0f64);
        fn rec(i: usize, pv: &[Vec<(i64, i64, f64)>], used: i64, cost: f64, cap: i64, best: &mut (i64, f64)) {
            if i == pv.len() {
                if used > best.0 || (used == best.0 && cost < best.1) {
                    *best = (used, cost);
                }
                return;
            }
            for &(u, _, c) in &pv[i] {
                if used + u <= cap {
                    rec(i + 1, pv, used + u, cost + c, cap, best);
                }
            }
        }
        rec(0, &per_venue, 0, 0.0, parent_units, &mut best);
        best
    }

    #[test]
    fn equals_brute_force_on_random_small_books() {
        let steps = ["0.001", "0.002", "0.003", "0.005", "0.01", "0.004"];
        let mins = ["0", "0", "1", "2.5", "4"];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut checked = 0;
        for case in 0..2500 {
            let nv = 2 + (rng(&mut seed) % 2) as usize;
            let side = if rng(&mut seed) % 2 == 0 { Side::Buy } else { Side::Sell };
            let smalls: Vec<Small> = (0..nv)
                .map(|_| {
                    let nl = 1 + (rng(&mut seed) % 3) as usize;
                    let mut px = 190 + (rng(&mut seed) % 10) as i64;
                    let levels = (0..nl)
                        .map(|_| {
                            px += 1 + (rng(&mut seed) % 3) as i64;
                            (px, 1 + (rng(&mut seed) % 4) as i64)
                        })
                        .collect();
                    Small {
                        step: steps[(rng(&mut seed) % steps.len() as u64) as usize],
                        min_qty_steps: 1 + (rng(&mut seed) % 3) as i64,
                        min_notional: mins[(rng(&mut seed) % mins.len() as u64) as usize],
                        fee: [0.0, 0.0005, 0.001, -0.0002][(rng(&mut seed) % 4) as usize],
                        levels,
                    }
                })
                .collect();
            let mut books = Vec::new();
            for (k, sm) in smalls.iter().enumerate() {
                let d = |x: &str| Some(Decimal::parse(x).unwrap());
                let st = Decimal::parse(sm.step).unwrap();
                let min_q = Decimal::new(st.mant * sm.min_qty_steps as i128, st.scale);
                let rules = Instrument::from_input(&crate::instrument::RulesInput {
                    symbol: "X".into(),
                    venue: format!("v{k}"),
                    tick_size: d("0.5"),
                    qty_step: d(sm.step),
                    min_order_qty: Some(min_q),
                    max_order_qty: d("1000"),
                    min_notional_value: d(sm.min_notional),
                    ..Default::default()
                })
                .unwrap();
                let mut b = OrderBook::new(&format!("v{k}"), "X", rules.tick, rules.lot);
                let lot = rules.lot;
                // Asks rise from the level prices; bids fall from just under them.
                let asks: Vec<(i64, i64)> = sm.levels.clone();
                let bids: Vec<(i64, i64)> = sm.levels.iter().map(|&(p, q)| (380 - p, q)).collect();
                let _ = lot;
                b.apply_snapshot_ticks(1, &bids, &asks).unwrap();
                books.push((b, rules, sm.fee));
            }
            let venues: Vec<Venue> =
                books.iter().map(|(b, r, f)| Venue { book: b, taker_fee: *f, rules: r, instrument: None }).collect();
            let parent_units = 1 + (rng(&mut seed) % 40) as i64; // in 0.001
            let limit = if rng(&mut seed) % 3 == 0 { Some(match side { Side::Buy => 197 + (rng(&mut seed) % 6) as i64, Side::Sell => 183 - (rng(&mut seed) % 6) as i64 }) } else { None };
            let (best_units, best_cost) = brute(&venues, side, parent_units, 3, limit);
            let plan = match Router::new().route(&venues, side, parent_units as f64 / 1000.0, limit.map(|l| l as f64 * 0.5), None) {
                Ok(p) => p,
                Err(e) => {
                    // Only a parent under every venue's step may be refused.
                    assert_eq!(best_units, 0, "case {case}: {e}");
                    continue;
                }
            };
            let filled_units = (plan.filled * 1000.0).round() as i64;
            assert_eq!(filled_units, best_units, "case {case}: {smalls:?} parent {parent_units} side {side:?} limit {limit:?} plan {plan:?}");
            // The plan's own cost by the same measure (fees after, sells as negative proceeds).
            let cost: f64 = plan
                .children
                .iter()
                .map(|c| {
                    let v = &venues[c.venue];
                    let value = c.avg_price * c.qty;
                    match side {
                        Side::Buy => value * (1.0 + v.taker_fee),
                        Side::Sell => -value * (1.0 - v.taker_fee),
                    }
                })
                .sum();
            assert!((cost - best_cost).abs() <= 1e-9 * best_cost.abs().max(1.0), "case {case}: cost {cost} vs {best_cost}; {smalls:?} {plan:?}");
            assert!(plan.optimal);
            for c in &plan.children {
                let r = venues[c.venue].rules;
                assert!(c.qty_lots >= r.min_qty && (c.price_ticks as i128 * c.qty_lots as i128) >= r.min_notional);
            }
            checked += 1;
        }
        assert!(checked >= 2000, "{checked}");
    }

    #[test]
    fn huge_parents_are_coarsened_and_say_so() {
        let (a, ra) = venue_book("a", &[(100.0, 50.0)], &[(99.0, 1.0)]);
        let (b, rb) = venue_book("b", &[(100.5, 50.0)], &[(99.0, 1.0)]);
        let venues = [
            Venue { book: &a, taker_fee: 0.0, rules: &ra, instrument: None },
            Venue { book: &b, taker_fee: 0.0, rules: &rb, instrument: None },
        ];
        // 80 BTC in steps of 0.0001 = 800,000 states > MAX_STATES.
        let p = Router::new().route(&venues, Side::Buy, 80.0, None, None).unwrap();
        assert!(!p.optimal);
        assert!((p.filled - 80.0).abs() < 1e-9, "{p:?}");
        assert_eq!(p.children.iter().find(|c| c.venue == 0).unwrap().qty, 50.0);
    }
}
