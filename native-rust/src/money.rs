//! Exact quote-currency amounts for the account limits (gross exposure, daily loss): whole
//! numbers of 10^-18 quote in an i128, so that no limit is decided by float rounding.
//!
//! A notional in ticks·lots converts exactly when the instrument's tickSize·qtyStep has at
//! most 18 decimals (every listed exchange instrument we know of); a finer one is rounded
//! in the cautious direction (exposure up, PnL down). Magnitudes are clamped at
//! [`QUOTE_CAP`] (about 1.27e12 quote), above every limit the engine accepts
//! ([`MAX_LIMIT`]), so a clamped amount still compares correctly against any limit and a
//! sum of clamped amounts over the engine's instruments cannot overflow.

use crate::decimal::{div_round, steps_i128, Decimal, Rounding};

/// Decimals of a [`Quote`].
pub const QUOTE_SCALE: u32 = 18;
/// One quote unit as a [`Quote`].
pub const ONE: Quote = 1_000_000_000_000_000_000;
/// Largest magnitude an amount is kept at (2^100 · 10^-18 ≈ 1.27e12 quote).
pub const QUOTE_CAP: Quote = 1 << 100;
/// Largest finite account limit (quote); above it a limit must be `Infinity`.
pub const MAX_LIMIT: f64 = 1e12;

/// An amount of quote currency in units of 10^-18.
pub type Quote = i128;

/// Clamps to ±[`QUOTE_CAP`].
#[inline]
pub fn clamp(x: i128) -> Quote {
    x.clamp(-QUOTE_CAP, QUOTE_CAP)
}

/// An exact decimal as a [`Quote`], rounded with `mode` past 18 decimals (clamped).
pub fn from_decimal(d: Decimal, mode: Rounding) -> Quote {
    match steps_i128(d, 1, QUOTE_SCALE, mode) {
        Ok(q) => clamp(q),
        Err(_) => {
            if d.mant < 0 {
                -QUOTE_CAP
            } else {
                QUOTE_CAP
            }
        }
    }
}

/// A JS number (read as its shortest decimal, the digits JS prints) as a [`Quote`];
/// None when it is not finite.
pub fn from_f64(x: f64, mode: Rounding) -> Option<Quote> {
    if !x.is_finite() {
        return None;
    }
    if x.abs() >= 1e30 {
        return Some(if x < 0.0 { -QUOTE_CAP } else { QUOTE_CAP });
    }
    Decimal::from_f64(x).ok().map(|d| from_decimal(d, mode))
}

/// A [`Quote`] as the nearest-ish f64 (for reports and messages only).
#[inline]
pub fn to_f64(q: Quote) -> f64 {
    q as f64 / ONE as f64
}

/// Converts ticks·lots notionals of one instrument to [`Quote`]: `units · mult / div`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteFactor {
    mult: i128,
    div: i128,
}

impl QuoteFactor {
    /// For a tick of `tick_units·10^-tick_scale` and a lot of `lot_units·10^-lot_scale`.
    pub fn new(tick_units: i64, tick_scale: u32, lot_units: i64, lot_scale: u32) -> QuoteFactor {
        let u = tick_units as i128 * lot_units as i128;
        let s = tick_scale + lot_scale;
        if s <= QUOTE_SCALE {
            let p = 10i128.pow(QUOTE_SCALE - s);
            // u ≤ 2^106, so u·10^18 may overflow: then every nonzero notional is over the cap.
            QuoteFactor { mult: u.checked_mul(p).unwrap_or(QUOTE_CAP), div: 1 }
        } else {
            // s ≤ 36, so 10^(s-18) ≤ 10^18 fits.
            QuoteFactor { mult: u, div: 10i128.pow(s - QUOTE_SCALE) }
        }
    }

    /// `units` ticks·lots in quote, rounded with `mode` where inexact, clamped.
    #[inline]
    pub fn of(&self, units: i128, mode: Rounding) -> Quote {
        match units.checked_mul(self.mult) {
            Some(p) if self.div == 1 => clamp(p),
            Some(p) => clamp(div_round(p, self.div, mode).unwrap_or(p / self.div)),
            None => {
                if (units < 0) != (self.mult < 0) {
                    -QUOTE_CAP
                } else {
                    QUOTE_CAP
                }
            }
        }
    }

    /// True when every conversion is exact (tickSize·qtyStep has at most 18 decimals).
    pub fn exact(&self) -> bool {
        self.div == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_are_exact_on_decimal_inputs() {
        assert_eq!(from_f64(27.0003, Rounding::Down), Some(27_000_300_000_000_000_000));
        assert_eq!(from_f64(0.1, Rounding::Up), Some(ONE / 10));
        assert_eq!(from_f64(f64::NAN, Rounding::Up), None);
        assert_eq!(from_f64(1e40, Rounding::Up), Some(QUOTE_CAP));
        // tick 0.1 · lot 0.001: 270003 units of 1e-4 = 27.0003.
        let f = QuoteFactor::new(1, 1, 1, 3);
        assert!(f.exact());
        assert_eq!(f.of(270_003, Rounding::Up), from_f64(27.0003, Rounding::Down).unwrap());
        // A unit of 1e-20: 3 units round up to 1e-18, down to 0.
        let g = QuoteFactor::new(1, 10, 1, 10);
        assert!(!g.exact());
        assert_eq!(g.of(3, Rounding::Up), 1);
        assert_eq!(g.of(3, Rounding::Down), 0);
        assert_eq!(f.of(i128::MAX / 2, Rounding::Up), QUOTE_CAP);
        assert_eq!(f.of(-(i128::MAX / 2), Rounding::Down), -QUOTE_CAP);
    }
}
