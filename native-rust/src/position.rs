//! Netting positions: signed quantity in lots, entry cost in ticks·lots (exact), realised
//! PnL in ticks·lots plus fees in quote currency; round-trip ("trade") statistics.

use crate::instrument::Side;

/// One netting position on one instrument (for the account, or for one strategy tag).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Position {
    /// Signed quantity in lots (long > 0).
    pub qty: i64,
    /// Entry cost of the open quantity, in ticks·lots (always ≥ 0).
    pub cost: i128,
    /// Realised PnL before fees, in ticks·lots.
    pub realized: i128,
    /// Fees paid (negative for rebates), in quote currency.
    pub fees: f64,
    /// Price of the last fill, in ticks (0 before any).
    pub last_price: i64,
    /// Number of fills.
    pub fills: u64,
    /// Traded quantity, in lots.
    pub volume: i128,
}

/// What one fill did to a position.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FillEffect {
    /// Realised PnL of the closed part, in ticks·lots.
    pub realized: i128,
    /// Lots closed (0 when the fill only adds).
    pub closed: i64,
    /// True when the position reached zero or flipped through it.
    pub round_trip_ended: bool,
}

impl Position {
    /// Applies a fill of `qty` lots (> 0) at `price` ticks.
    pub fn apply_fill(&mut self, side: Side, qty: i64, price: i64, fee: f64) -> FillEffect {
        let s = side.sign();
        self.fees += fee;
        self.last_price = price;
        self.fills = self.fills.saturating_add(1);
        self.volume = self.volume.saturating_add(qty as i128);
        let mut eff = FillEffect::default();
        if self.qty == 0 || self.qty.signum() == s {
            self.cost += price as i128 * qty as i128;
            self.qty += s * qty;
            return eff;
        }
        let open = self.qty.abs();
        let close = qty.min(open);
        let removed = if close == open {
            self.cost
        } else {
            // Proportional share of the entry cost, round(cost·close / open), rounded to
            // nearest; the remainder stays with the open quantity, so a full close realises
            // the exact total. cost·close can pass i128 (2^106 · 2^53), so with
            // cost = q·open + r it is q·close + round(r·close / open), each term in range.
            let d = open as i128;
            let (q, r) = (self.cost / d, self.cost % d);
            q * close as i128 + (r * close as i128 + d / 2) / d
        };
        let exit = price as i128 * close as i128;
        let pnl = if self.qty > 0 { exit - removed } else { removed - exit };
        self.cost -= removed;
        self.qty += s * close;
        self.realized = self.realized.saturating_add(pnl);
        eff.realized = pnl;
        eff.closed = close;
        let rest = qty - close;
        if rest > 0 {
            self.qty = s * rest;
            self.cost = price as i128 * rest as i128;
        }
        eff.round_trip_ended = self.qty == 0 || rest > 0;
        eff
    }

    /// Average entry price in ticks (fractional), or NaN when flat.
    pub fn avg_entry_ticks(&self) -> f64 {
        if self.qty == 0 {
            f64::NAN
        } else {
            self.cost as f64 / self.qty.unsigned_abs() as f64
        }
    }

    /// Unrealised PnL at `mark` ticks, in ticks·lots.
    pub fn unrealized_units(&self, mark: i64) -> i128 {
        if self.qty == 0 || mark <= 0 {
            return 0;
        }
        let value = mark as i128 * self.qty.unsigned_abs() as i128;
        if self.qty > 0 {
            value - self.cost
        } else {
            self.cost - value
        }
    }
}

/// Statistics of one strategy tag across all instruments.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StrategyStats {
    /// Completed round trips (flat → position → flat, or through a flip).
    pub trades: u64,
    /// Round trips whose PnL net of fees was > 0.
    pub wins: u64,
    /// Sum of the PnL (net of fees) of the completed round trips.
    pub trade_pnl: f64,
    /// All realised PnL net of fees, including partly closed positions.
    pub realized: f64,
    /// Fees paid.
    pub fees: f64,
    /// Fills.
    pub fills: u64,
    /// Traded notional in quote currency.
    pub volume: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_entry_and_realised() {
        let mut p = Position::default();
        p.apply_fill(Side::Buy, 2, 100, 0.0);
        p.apply_fill(Side::Buy, 2, 110, 0.0);
        assert_eq!(p.qty, 4);
        assert_eq!(p.avg_entry_ticks(), 105.0);
        let e = p.apply_fill(Side::Sell, 1, 120, 0.5);
        assert_eq!(e.realized, 15);
        assert_eq!(p.qty, 3);
        assert_eq!(p.unrealized_units(100), -15);
        // Sell 5 more: close 3 (realise 3·(90-105) = -45), open a short of 2 at 90.
        let e = p.apply_fill(Side::Sell, 5, 90, 0.0);
        assert_eq!(e.realized, -45);
        assert!(e.round_trip_ended);
        assert_eq!(p.qty, -2);
        assert_eq!(p.cost, 180);
        assert_eq!(p.realized, -30);
        assert_eq!(p.unrealized_units(80), 20);
        assert_eq!(p.fees, 0.5);
        let e = p.apply_fill(Side::Buy, 2, 95, 0.0);
        assert_eq!(e.realized, -10);
        assert_eq!(p.qty, 0);
        assert_eq!(p.cost, 0);
        assert!(p.avg_entry_ticks().is_nan());
    }

    #[test]
    fn proportional_cost_is_exact_on_full_close() {
        let mut p = Position::default();
        p.apply_fill(Side::Buy, 3, 100, 0.0);
        p.apply_fill(Side::Buy, 3, 101, 0.0); // cost 603 over 6
        let mut total = 0;
        for _ in 0..6 {
            total += p.apply_fill(Side::Sell, 1, 110, 0.0).realized;
        }
        assert_eq!(total, 660 - 603);
        assert_eq!(p.cost, 0);
    }
}
