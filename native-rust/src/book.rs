//! L2 order book of one venue and symbol: prices in ticks, sizes in lots.
//!
//! Snapshot + deltas as in Bybit's orderbook stream: a level with size 0 is deleted, each
//! delta's update id must follow the previous one (otherwise the book is stale until the
//! next snapshot), and a message that would cross the book is rolled back (the book is
//! then stale too, since the feed and our copy disagree).
//!
//! Each side is a Vec sorted so that the best level is last (bids by price, asks by
//! negated price): updates near the top, the common case, move few elements.

use crate::codec::{self, SnapshotError, SnapshotKind, Writer};
use crate::decimal::{Rounding, Step, MAX_SAFE};
use crate::instrument::Side;
use std::fmt;

pub use crate::enums::BookStatus;

/// Why a snapshot was refused (the book is unchanged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookError(pub String);

impl fmt::Display for BookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for BookError {}

/// A level as ticks/lots: price in [1, 2^53 - 1], lots in [0, 2^53 - 1] (what the JS
/// number path accepts), so sums of two prices and price·lots products cannot overflow.
#[inline]
fn level_ok(price: i64, lots: i64) -> bool {
    price > 0 && price <= MAX_SAFE && (0..=MAX_SAFE).contains(&lots)
}

/// One L2 book. Two books are equal when their visible state is (the rollback scratch
/// left by the last message does not count).
#[derive(Clone, Debug)]
pub struct OrderBook {
    pub venue: String,
    pub symbol: String,
    pub tick: Step,
    pub lot: Step,
    /// (key, lots) with key = price for bids, -price for asks; ascending, best last.
    bids: Vec<(i64, i64)>,
    asks: Vec<(i64, i64)>,
    last_update: u64,
    stale: bool,
    /// Scratch for rolling back a message: (side, price, previous lots).
    undo: Vec<(Side, i64, i64)>,
}

impl PartialEq for OrderBook {
    fn eq(&self, o: &OrderBook) -> bool {
        self.venue == o.venue
            && self.symbol == o.symbol
            && self.tick == o.tick
            && self.lot == o.lot
            && self.bids == o.bids
            && self.asks == o.asks
            && self.last_update == o.last_update
            && self.stale == o.stale
    }
}

/// Result of walking the book for a quantity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FillEstimate {
    /// Volume-weighted average price (NaN when nothing fills).
    pub avg_price: f64,
    /// Lots that the visible book can fill.
    pub filled: i64,
    /// Price of the last (worst) level touched, in ticks (0 when nothing fills).
    pub worst_price: i64,
}

impl OrderBook {
    /// An empty book (stale until the first snapshot).
    pub fn new(venue: &str, symbol: &str, tick: Step, lot: Step) -> OrderBook {
        OrderBook {
            venue: venue.to_string(),
            symbol: symbol.to_string(),
            tick,
            lot,
            bids: Vec::with_capacity(64),
            asks: Vec::with_capacity(64),
            last_update: 0,
            stale: true,
            undo: Vec::new(),
        }
    }

    /// True until a snapshot arrives, and after a gap, crossed or malformed message.
    pub fn is_stale(&self) -> bool {
        self.stale
    }
    /// Update id of the last applied message.
    pub fn last_update_id(&self) -> u64 {
        self.last_update
    }
    /// Number of bid / ask levels.
    pub fn len(&self, side: Side) -> usize {
        self.side_vec(side).len()
    }
    /// True when both sides are empty.
    pub fn is_empty(&self) -> bool {
        self.bids.is_empty() && self.asks.is_empty()
    }

    #[inline]
    fn side_vec(&self, side: Side) -> &Vec<(i64, i64)> {
        match side {
            Side::Buy => &self.bids,
            Side::Sell => &self.asks,
        }
    }

    #[inline]
    fn key(side: Side, price: i64) -> i64 {
        match side {
            Side::Buy => price,
            Side::Sell => -price,
        }
    }

    /// Sets a level (0 deletes it); returns the previous size.
    #[inline]
    fn set_level(&mut self, side: Side, price: i64, lots: i64) -> i64 {
        let key = Self::key(side, price);
        let v = match side {
            Side::Buy => &mut self.bids,
            Side::Sell => &mut self.asks,
        };
        // Fast path: the top level.
        if let Some(last) = v.last_mut() {
            if last.0 == key {
                let old = last.1;
                if lots == 0 {
                    v.pop();
                } else {
                    last.1 = lots;
                }
                return old;
            }
        }
        match v.binary_search_by(|e| e.0.cmp(&key)) {
            Ok(i) => {
                let old = v[i].1;
                if lots == 0 {
                    v.remove(i);
                } else {
                    v[i].1 = lots;
                }
                old
            }
            Err(i) => {
                if lots != 0 {
                    v.insert(i, (key, lots));
                }
                0
            }
        }
    }

    fn crossed(&self) -> bool {
        match (self.bids.last(), self.asks.last()) {
            (Some(b), Some(a)) => b.0 >= -a.0,
            _ => false,
        }
    }

    /// Converts one level from JS numbers; None when malformed.
    #[inline]
    fn level(&self, side: u8, price: f64, size: f64) -> Option<(Side, i64, i64)> {
        let side = Side::from_u8(side)?;
        if !(price > 0.0) || !(size >= 0.0) {
            return None;
        }
        let p = self.tick.steps_of_f64(price, Rounding::Exact).ok()?;
        let q = self.lot.steps_of_f64(size, Rounding::Exact).ok()?;
        if p <= 0 || p > MAX_SAFE {
            return None;
        }
        Some((side, p, q))
    }

    /// Replaces the book with a snapshot (levels as ticks/lots). A crossed or malformed
    /// snapshot is refused and leaves the book unchanged.
    pub fn apply_snapshot_ticks(&mut self, update_id: u64, bids: &[(i64, i64)], asks: &[(i64, i64)]) -> Result<(), BookError> {
        let mut nb: Vec<(i64, i64)> = Vec::with_capacity(bids.len().max(64));
        let mut na: Vec<(i64, i64)> = Vec::with_capacity(asks.len().max(64));
        for &(p, q) in bids {
            if !level_ok(p, q) {
                return Err(BookError(format!("bid level ({p}, {q}) is not positive or above 2^53 - 1")));
            }
            if q > 0 {
                nb.push((p, q));
            }
        }
        for &(p, q) in asks {
            if !level_ok(p, q) {
                return Err(BookError(format!("ask level ({p}, {q}) is not positive or above 2^53 - 1")));
            }
            if q > 0 {
                na.push((-p, q));
            }
        }
        nb.sort_unstable_by_key(|e| e.0);
        na.sort_unstable_by_key(|e| e.0);
        if nb.windows(2).any(|w| w[0].0 == w[1].0) || na.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(BookError("snapshot repeats a price level".into()));
        }
        if let (Some(b), Some(a)) = (nb.last(), na.last()) {
            if b.0 >= -a.0 {
                return Err(BookError(format!(
                    "snapshot is crossed: best bid {} >= best ask {}",
                    self.tick.to_string_of(b.0),
                    self.tick.to_string_of(-a.0)
                )));
            }
        }
        self.bids = nb;
        self.asks = na;
        self.last_update = update_id;
        self.stale = false;
        Ok(())
    }

    /// Replaces the book with a snapshot given as JS numbers (columns of one side each).
    pub fn apply_snapshot(
        &mut self,
        update_id: u64,
        bid_px: &[f64],
        bid_sz: &[f64],
        ask_px: &[f64],
        ask_sz: &[f64],
    ) -> Result<(), BookError> {
        if bid_px.len() != bid_sz.len() || ask_px.len() != ask_sz.len() {
            return Err(BookError("price and size arrays differ in length".into()));
        }
        let conv = |side: u8, px: &[f64], sz: &[f64]| -> Result<Vec<(i64, i64)>, BookError> {
            px.iter()
                .zip(sz)
                .map(|(&p, &s)| {
                    self.level(side, p, s).map(|(_, a, b)| (a, b)).ok_or_else(|| {
                        BookError(format!(
                            "level ({p}, {s}) must have a price > 0 on the tick {} and a size >= 0 on the step {}",
                            self.tick, self.lot
                        ))
                    })
                })
                .collect()
        };
        let b = conv(0, bid_px, bid_sz)?;
        let a = conv(1, ask_px, ask_sz)?;
        self.apply_snapshot_ticks(update_id, &b, &a)
    }

    /// Applies one delta message (levels as side/ticks/lots; lots 0 deletes).
    pub fn apply_delta_ticks(&mut self, update_id: u64, levels: &[(Side, i64, i64)]) -> BookStatus {
        if let Some(s) = self.sequence(update_id) {
            return s;
        }
        self.undo.clear();
        for &(side, p, q) in levels {
            if !level_ok(p, q) {
                self.rollback();
                self.stale = true;
                return BookStatus::Invalid;
            }
            let old = self.set_level(side, p, q);
            self.undo.push((side, p, old));
        }
        self.finish(update_id)
    }

    #[inline]
    fn sequence(&mut self, update_id: u64) -> Option<BookStatus> {
        if self.stale {
            return Some(BookStatus::Stale);
        }
        if update_id <= self.last_update {
            return Some(BookStatus::Old);
        }
        if update_id != self.last_update + 1 {
            self.stale = true;
            return Some(BookStatus::Gap);
        }
        None
    }

    #[inline]
    fn finish(&mut self, update_id: u64) -> BookStatus {
        if self.crossed() {
            self.rollback();
            self.stale = true;
            return BookStatus::Crossed;
        }
        self.last_update = update_id;
        BookStatus::Ok
    }

    fn rollback(&mut self) {
        while let Some((side, p, old)) = self.undo.pop() {
            self.set_level(side, p, old);
        }
    }

    /// Applies one delta message given as JS columns.
    pub fn apply_delta(&mut self, update_id: u64, sides: &[u8], prices: &[f64], sizes: &[f64]) -> BookStatus {
        if sides.len() != prices.len() || prices.len() != sizes.len() {
            return BookStatus::Invalid;
        }
        if let Some(s) = self.sequence(update_id) {
            return s;
        }
        self.undo.clear();
        for k in 0..prices.len() {
            let Some((side, p, q)) = self.level(sides[k], prices[k], sizes[k]) else {
                self.rollback();
                self.stale = true;
                return BookStatus::Invalid;
            };
            let old = self.set_level(side, p, q);
            self.undo.push((side, p, old));
        }
        self.finish(update_id)
    }

    /// Applies many delta messages in one call: message `m` has update id `ids[m]` and the
    /// next `counts[m]` levels of the columns. Writes each message's status to `out[m]`;
    /// returns the number applied, or Err when the columns do not line up.
    pub fn apply_deltas(
        &mut self,
        ids: &[f64],
        counts: &[u32],
        sides: &[u8],
        prices: &[f64],
        sizes: &[f64],
        out: &mut [u8],
    ) -> Result<usize, BookError> {
        if ids.len() != counts.len() || out.len() < ids.len() {
            return Err(BookError("ids, counts and out must have one entry per message".into()));
        }
        if sides.len() != prices.len() || prices.len() != sizes.len() {
            return Err(BookError("sides, prices and sizes must have the same length".into()));
        }
        let total: u64 = counts.iter().map(|&c| c as u64).sum();
        if total != prices.len() as u64 {
            return Err(BookError(format!("counts add up to {total} levels, the columns hold {}", prices.len())));
        }
        let mut at = 0usize;
        let mut applied = 0;
        for m in 0..ids.len() {
            let n = counts[m] as usize;
            let id = ids[m];
            let st = if !(id.is_finite() && id >= 0.0 && id <= MAX_SAFE as f64 && id.fract() == 0.0) {
                BookStatus::Invalid
            } else {
                self.apply_delta(id as u64, &sides[at..at + n], &prices[at..at + n], &sizes[at..at + n])
            };
            if st == BookStatus::Ok {
                applied += 1;
            }
            out[m] = st as u8;
            at += n;
        }
        Ok(applied)
    }

    /// Best level of a side as (ticks, lots).
    #[inline]
    pub fn best(&self, side: Side) -> Option<(i64, i64)> {
        self.side_vec(side).last().map(|&(k, q)| (Self::key(side, k), q))
    }

    /// Best bid price (f64).
    pub fn best_bid(&self) -> Option<f64> {
        self.best(Side::Buy).map(|(p, _)| self.tick.to_f64(p))
    }
    /// Best ask price (f64).
    pub fn best_ask(&self) -> Option<f64> {
        self.best(Side::Sell).map(|(p, _)| self.tick.to_f64(p))
    }
    /// Mid price (f64), when both sides have levels.
    pub fn mid(&self) -> Option<f64> {
        match (self.best(Side::Buy), self.best(Side::Sell)) {
            (Some((b, _)), Some((a, _))) => Some(self.tick.to_f64(b + a) / 2.0),
            _ => None,
        }
    }
    /// Spread in ticks.
    pub fn spread_ticks(&self) -> Option<i64> {
        match (self.best(Side::Buy), self.best(Side::Sell)) {
            (Some((b, _)), Some((a, _))) => Some(a - b),
            _ => None,
        }
    }

    /// The top `n` levels of a side, best first, as (ticks, lots).
    pub fn levels(&self, side: Side, n: usize) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.side_vec(side).iter().rev().take(n).map(move |&(k, q)| (Self::key(side, k), q))
    }

    /// The `i`-th best level of a side (0 = best), as (ticks, lots).
    #[inline]
    pub fn level_at(&self, side: Side, i: usize) -> Option<(i64, i64)> {
        let v = self.side_vec(side);
        if i < v.len() {
            let (k, q) = v[v.len() - 1 - i];
            Some((Self::key(side, k), q))
        } else {
            None
        }
    }

    /// Walks the side a taker of `taker` would hit (asks for a buy) for `lots`.
    pub fn fill_estimate(&self, taker: Side, lots: i64) -> FillEstimate {
        let mut left = lots.max(0);
        let mut notional: i128 = 0;
        let mut worst = 0;
        for (p, q) in self.levels(taker.opposite(), usize::MAX) {
            if left == 0 {
                break;
            }
            let take = q.min(left);
            notional += p as i128 * take as i128;
            left -= take;
            worst = p;
        }
        let filled = lots.max(0) - left;
        FillEstimate {
            avg_price: if filled > 0 { notional as f64 / filled as f64 * self.tick.value() } else { f64::NAN },
            filled,
            worst_price: worst,
        }
    }

    /// (bid size − ask size) / (bid size + ask size) over the top `n` levels; NaN if empty.
    pub fn imbalance(&self, n: usize) -> f64 {
        let b: i128 = self.levels(Side::Buy, n).map(|(_, q)| q as i128).sum();
        let a: i128 = self.levels(Side::Sell, n).map(|(_, q)| q as i128).sum();
        if a + b == 0 {
            f64::NAN
        } else {
            (b - a) as f64 / (b + a) as f64
        }
    }

    /// Versioned, checksummed bytes of the book.
    pub fn snapshot(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(&self.venue);
        w.str(&self.symbol);
        w.i128(self.tick.units as i128);
        w.u32(self.tick.scale);
        w.i128(self.lot.units as i128);
        w.u32(self.lot.scale);
        w.u64(self.last_update);
        w.bool(self.stale);
        for v in [&self.bids, &self.asks] {
            w.len(v.len());
            for &(k, q) in v.iter() {
                w.i64(k);
                w.i64(q);
            }
        }
        w.finish(SnapshotKind::OrderBook)
    }

    /// Rebuilds a book from [`OrderBook::snapshot`] bytes.
    pub fn from_snapshot(data: &[u8]) -> Result<OrderBook, SnapshotError> {
        let mut r = codec::open(data, SnapshotKind::OrderBook)?;
        let venue = r.str()?;
        let symbol = r.str()?;
        let bad = |m: String| SnapshotError::Corrupt(m);
        let tick = Step::new(crate::decimal::Decimal::new(r.i128()?, r.u32()?)).map_err(|e| bad(format!("tick: {e}")))?;
        let lot = Step::new(crate::decimal::Decimal::new(r.i128()?, r.u32()?)).map_err(|e| bad(format!("lot: {e}")))?;
        let mut b = OrderBook::new(&venue, &symbol, tick, lot);
        b.last_update = r.u64()?;
        b.stale = r.bool()?;
        for side in [Side::Buy, Side::Sell] {
            let n = r.len(16)?;
            let mut v = Vec::with_capacity(n.max(64));
            for _ in 0..n {
                let k = r.i64()?;
                let q = r.i64()?;
                let p = Self::key(side, k);
                if !level_ok(p, q) || q == 0 {
                    return Err(bad("book level is not positive or above 2^53 - 1".into()));
                }
                if v.last().is_some_and(|&(pk, _)| pk >= k) {
                    return Err(bad("book levels are out of order".into()));
                }
                v.push((k, q));
            }
            match side {
                Side::Buy => b.bids = v,
                Side::Sell => b.asks = v,
            }
        }
        r.end()?;
        if b.crossed() {
            return Err(bad("book is crossed".into()));
        }
        Ok(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> OrderBook {
        let mut b = OrderBook::new("bybit", "BTCUSDT", Step::parse("0.1").unwrap(), Step::parse("0.001").unwrap());
        b.apply_snapshot(10, &[100.0, 99.9, 99.5], &[1.0, 2.0, 3.0], &[100.1, 100.2], &[0.5, 1.5]).unwrap();
        b
    }

    #[test]
    fn snapshot_and_queries() {
        let b = book();
        assert!(!b.is_stale());
        assert_eq!(b.best_bid(), Some(100.0));
        assert_eq!(b.best_ask(), Some(100.1));
        assert_eq!(b.spread_ticks(), Some(1));
        assert_eq!(b.mid(), Some(100.05));
        let top: Vec<_> = b.levels(Side::Buy, 2).collect();
        assert_eq!(top, vec![(1000, 1000), (999, 2000)]);
        let e = b.fill_estimate(Side::Buy, 1000);
        assert_eq!(e.filled, 1000);
        assert!((e.avg_price - (100.1 * 0.5 + 100.2 * 0.5)).abs() < 1e-9);
        assert_eq!(e.worst_price, 1002);
        let e = b.fill_estimate(Side::Buy, 5000);
        assert_eq!(e.filled, 2000);
        assert!((b.imbalance(1) - (1.0 - 0.5) / 1.5).abs() < 1e-12);
    }

    #[test]
    fn deltas_delete_gap_cross() {
        let mut b = book();
        assert_eq!(b.apply_delta(11, &[0, 1], &[100.0, 100.3], &[0.0, 4.0]), BookStatus::Ok);
        assert_eq!(b.best_bid(), Some(99.9));
        assert_eq!(b.len(Side::Sell), 3);
        // Crossing: a bid at 100.1 with the ask at 100.1 — rolled back, stale.
        let before = b.clone();
        assert_eq!(b.apply_delta(12, &[0, 1], &[99.8, 100.1], &[1.0, 0.0]), BookStatus::Ok);
        assert_eq!(b.apply_delta(13, &[0], &[100.3], &[1.0]), BookStatus::Crossed);
        assert!(b.is_stale());
        assert_eq!(b.best_bid(), Some(99.9));
        assert_eq!(b.last_update_id(), 12);
        let _ = before;
        assert_eq!(b.apply_delta(14, &[0], &[90.0], &[1.0]), BookStatus::Stale);
        b.apply_snapshot(20, &[100.0], &[1.0], &[100.5], &[1.0]).unwrap();
        assert_eq!(b.apply_delta(20, &[0], &[99.0], &[1.0]), BookStatus::Old);
        assert_eq!(b.apply_delta(22, &[0], &[99.0], &[1.0]), BookStatus::Gap);
        assert!(b.is_stale());
        b.apply_snapshot(30, &[100.0], &[1.0], &[100.5], &[1.0]).unwrap();
        assert_eq!(b.apply_delta(31, &[0, 0], &[99.0, 99.05], &[1.0, 1.0]), BookStatus::Invalid);
        assert_eq!(b.len(Side::Buy), 1, "rolled back");
        assert!(b.is_stale());
    }

    #[test]
    fn snapshot_rejects_crossed_and_keeps_book() {
        let mut b = book();
        let before = b.clone();
        assert!(b.apply_snapshot(50, &[101.0], &[1.0], &[100.0], &[1.0]).is_err());
        assert!(b.apply_snapshot(50, &[f64::NAN], &[1.0], &[], &[]).is_err());
        assert!(b.apply_snapshot(50, &[100.0, 100.0], &[1.0, 2.0], &[], &[]).is_err());
        assert_eq!(b, before);
    }

    #[test]
    fn batch_deltas() {
        let mut b = book();
        let mut out = [9u8; 3];
        let n = b
            .apply_deltas(&[11.0, 12.0, 14.0], &[2, 1, 1], &[0, 1, 0, 0], &[99.7, 100.4, 99.6, 99.0], &[1.0, 1.0, 0.0, 1.0], &mut out)
            .unwrap();
        assert_eq!(n, 2);
        assert_eq!(out, [0, 0, BookStatus::Gap as u8]);
        assert!(b.apply_deltas(&[1.0], &[2], &[0], &[1.0], &[1.0], &mut out).is_err());
    }

    #[test]
    fn book_snapshot_round_trip() {
        let b = book();
        let bytes = b.snapshot();
        assert_eq!(OrderBook::from_snapshot(&bytes).unwrap(), b);
        for cut in [0, 5, 20, bytes.len() - 1] {
            assert!(OrderBook::from_snapshot(&bytes[..cut]).is_err());
        }
    }
}
