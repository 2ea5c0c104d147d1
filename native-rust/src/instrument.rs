//! Instrument rules in Bybit v5 terms (instruments-info `priceFilter` / `lotSizeFilter`,
//! which ccxt maps to precision and limits), held as integers: prices in ticks,
//! quantities in lots (qty steps), notionals in ticks·lots.

use crate::decimal::{steps_i128, Decimal, DecimalError, Rounding, Step, MAX_SAFE};
use crate::money::{Quote, QuoteFactor};
use std::fmt;

/// Buy or sell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Buy = 0,
    Sell = 1,
}

impl Side {
    /// 0 → Buy, 1 → Sell.
    pub fn from_u8(v: u8) -> Option<Side> {
        match v {
            0 => Some(Side::Buy),
            1 => Some(Side::Sell),
            _ => None,
        }
    }
    /// +1 for a buy, -1 for a sell.
    #[inline]
    pub fn sign(self) -> i64 {
        match self {
            Side::Buy => 1,
            Side::Sell => -1,
        }
    }
    /// The other side.
    pub fn opposite(self) -> Side {
        match self {
            Side::Buy => Side::Sell,
            Side::Sell => Side::Buy,
        }
    }
}

/// The fields of one instrument as an exchange sends them (decimals), before conversion.
#[derive(Clone, Debug, Default)]
pub struct RulesInput {
    pub symbol: String,
    pub venue: String,
    /// `priceFilter.tickSize` (required).
    pub tick_size: Option<Decimal>,
    /// `priceFilter.minPrice`.
    pub min_price: Option<Decimal>,
    /// `priceFilter.maxPrice`.
    pub max_price: Option<Decimal>,
    /// `lotSizeFilter.qtyStep` (required).
    pub qty_step: Option<Decimal>,
    /// `lotSizeFilter.minOrderQty`.
    pub min_order_qty: Option<Decimal>,
    /// `lotSizeFilter.maxOrderQty` (limit orders).
    pub max_order_qty: Option<Decimal>,
    /// `lotSizeFilter.maxMktOrderQty` (market orders).
    pub max_mkt_order_qty: Option<Decimal>,
    /// `lotSizeFilter.minNotionalValue` (quote currency).
    pub min_notional_value: Option<Decimal>,
    /// Largest allowed deviation of a limit price from the mark, as a ratio (0.05 = 5%).
    pub price_band: Option<f64>,
}

/// Why instrument rules were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesError(pub String);

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for RulesError {}

fn field_err(field: &str, e: DecimalError) -> RulesError {
    RulesError(format!("{field}: {e}"))
}

/// Instrument rules on the integer grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Instrument {
    pub symbol: String,
    pub venue: String,
    pub tick: Step,
    pub lot: Step,
    /// Lowest price, in ticks (≥ 1).
    pub min_price: i64,
    /// Highest price, in ticks.
    pub max_price: i64,
    /// Smallest quantity, in lots (≥ 1).
    pub min_qty: i64,
    /// Largest limit-order quantity, in lots.
    pub max_qty: i64,
    /// Largest market-order quantity, in lots.
    pub max_mkt_qty: i64,
    /// Smallest notional, in ticks·lots (0 = none).
    pub min_notional: i128,
    /// Price band ratio around the mark (None = no band).
    pub price_band: Option<f64>,
    /// Value of one tick·lot in quote currency (for reports).
    pub notional_unit: f64,
    /// Exact conversion of ticks·lots to quote amounts (for the account limits).
    pub quote: QuoteFactor,
    /// The price band ratio as the exact decimal of its JS number.
    pub band: Option<Decimal>,
    /// The minimum notional as the exchange sent it.
    pub min_notional_value: Decimal,
}

impl Instrument {
    /// Converts exchange fields to the grid. Bounds that fall between grid points are
    /// tightened (a minimum rounds up, a maximum down).
    pub fn from_input(r: &RulesInput) -> Result<Instrument, RulesError> {
        let tick =
            Step::new(r.tick_size.ok_or_else(|| RulesError("tickSize is required".into()))?).map_err(|e| field_err("tickSize", e))?;
        let lot = Step::new(r.qty_step.ok_or_else(|| RulesError("qtyStep is required".into()))?).map_err(|e| field_err("qtyStep", e))?;
        let bound = |field: &str, v: Option<Decimal>, step: &Step, mode: Rounding, dflt: i64| -> Result<i64, RulesError> {
            match v {
                None => Ok(dflt),
                Some(d) if d.mant < 0 => Err(RulesError(format!("{field} must not be negative"))),
                Some(d) => match step.steps_of(d, mode) {
                    Ok(n) => Ok(n),
                    Err(DecimalError::Overflow) => Ok(MAX_SAFE),
                    Err(e) => Err(field_err(field, e)),
                },
            }
        };
        let min_price = bound("minPrice", r.min_price, &tick, Rounding::Up, 1)?.max(1);
        let max_price = bound("maxPrice", r.max_price, &tick, Rounding::Down, MAX_SAFE)?;
        let max_price = if r.max_price.map(|d| d.mant == 0).unwrap_or(false) { MAX_SAFE } else { max_price };
        let min_qty = bound("minOrderQty", r.min_order_qty, &lot, Rounding::Up, 1)?.max(1);
        let max_qty = bound("maxOrderQty", r.max_order_qty, &lot, Rounding::Down, MAX_SAFE)?;
        let max_qty = if r.max_order_qty.map(|d| d.mant == 0).unwrap_or(false) { MAX_SAFE } else { max_qty };
        let max_mkt_qty = bound("maxMktOrderQty", r.max_mkt_order_qty, &lot, Rounding::Down, max_qty)?;
        let max_mkt_qty = if r.max_mkt_order_qty.map(|d| d.mant == 0).unwrap_or(false) { max_qty } else { max_mkt_qty };
        if min_price > max_price {
            return Err(RulesError(format!(
                "minPrice ({}) is above maxPrice ({})",
                tick.to_string_of(min_price),
                tick.to_string_of(max_price)
            )));
        }
        if min_qty > max_qty {
            return Err(RulesError(format!(
                "minOrderQty ({}) is above maxOrderQty ({})",
                lot.to_string_of(min_qty),
                lot.to_string_of(max_qty)
            )));
        }
        // A market cap under one minimum order (e.g. under one lot, which rounds to 0) would
        // refuse every market order and has no grid form that reads back from a snapshot.
        if max_mkt_qty < min_qty {
            return Err(RulesError(format!(
                "maxMktOrderQty ({}) is below minOrderQty ({})",
                lot.to_string_of(max_mkt_qty),
                lot.to_string_of(min_qty)
            )));
        }
        let mnv = r.min_notional_value.unwrap_or(Decimal::ZERO).normalized();
        if mnv.mant < 0 {
            return Err(RulesError("minNotionalValue must not be negative".into()));
        }
        if mnv.scale > 60 {
            // Decimal::parse never gives more; a snapshot of the rules could not be read back.
            return Err(RulesError("minNotionalValue has more than 60 decimals".into()));
        }
        let nu = tick.units as i128 * lot.units as i128;
        let min_notional = steps_i128(mnv, nu, tick.scale + lot.scale, Rounding::Up).map_err(|e| field_err("minNotionalValue", e))?;
        if let Some(b) = r.price_band {
            if !(b.is_finite() && b > 0.0 && b < 1.0) {
                return Err(RulesError(format!("priceBand must be a ratio in (0, 1), got {b}")));
            }
        }
        Ok(Instrument {
            symbol: r.symbol.clone(),
            venue: r.venue.clone(),
            tick,
            lot,
            min_price,
            max_price,
            min_qty,
            max_qty,
            max_mkt_qty,
            min_notional,
            price_band: r.price_band,
            notional_unit: tick.value() * lot.value(),
            quote: QuoteFactor::new(tick.units, tick.scale, lot.units, lot.scale),
            band: match r.price_band {
                Some(b) => Some(Decimal::from_f64(b).map_err(|e| field_err("priceBand", e))?),
                None => None,
            },
            min_notional_value: mnv,
        })
    }

    /// Convenience: rules from decimal strings (tests, examples).
    pub fn simple(symbol: &str, tick: &str, step: &str, min_qty: &str, max_qty: &str, min_notional: &str) -> Instrument {
        let d = |s: &str| Some(Decimal::parse(s).expect("decimal"));
        Instrument::from_input(&RulesInput {
            symbol: symbol.into(),
            venue: String::new(),
            tick_size: d(tick),
            qty_step: d(step),
            min_order_qty: d(min_qty),
            max_order_qty: d(max_qty),
            min_notional_value: d(min_notional),
            ..Default::default()
        })
        .expect("valid rules")
    }

    /// A price rounded onto the tick grid, side-aware: a buy never rounds up, a sell never
    /// down (so rounding never makes the order more aggressive).
    pub fn round_price(&self, price: f64, side: Side) -> Result<i64, DecimalError> {
        self.tick.steps_of_f64(
            price,
            match side {
                Side::Buy => Rounding::Down,
                Side::Sell => Rounding::Up,
            },
        )
    }

    /// A quantity rounded down to the step.
    pub fn round_qty(&self, qty: f64) -> Result<i64, DecimalError> {
        self.lot.steps_of_f64(qty, Rounding::Down)
    }

    /// Price in ticks → f64.
    #[inline]
    pub fn price_f64(&self, ticks: i64) -> f64 {
        self.tick.to_f64(ticks)
    }

    /// Quantity in lots → f64.
    #[inline]
    pub fn qty_f64(&self, lots: i64) -> f64 {
        self.lot.to_f64(lots)
    }

    /// Notional (ticks·lots) → quote currency.
    #[inline]
    pub fn notional_f64(&self, units: i128) -> f64 {
        units as f64 * self.notional_unit
    }

    /// Notional (ticks·lots) → exact quote amount, rounded with `mode` only when
    /// tickSize·qtyStep has more than 18 decimals.
    #[inline]
    pub fn notional_quote(&self, units: i128, mode: Rounding) -> Quote {
        self.quote.of(units, mode)
    }

    /// The price band around `mark` ticks as [lowest, highest] allowed ticks, exact:
    /// ceil(mark·(1−r)) and floor(mark·(1+r)) for the decimal r of the band ratio.
    pub fn band_ticks(&self, mark: i64) -> (i64, i64) {
        match self.band {
            Some(r) if mark > 0 => {
                // mark·r ≤ 2^53 · 10^17 fits; floor(mark·r) ≤ mark since r < 1.
                let off = steps_i128(Decimal::new(mark as i128 * r.mant, r.scale), 1, 0, Rounding::Down).unwrap_or(0) as i64;
                (mark - off, mark + off)
            }
            _ => (0, i64::MAX),
        }
    }

    /// Quote amount → ticks·lots, rounded down (for maxima).
    pub fn notional_units_floor(&self, quote: f64) -> i128 {
        if !quote.is_finite() || quote >= 1e30 {
            return i128::MAX;
        }
        let d = match Decimal::from_f64(quote) {
            Ok(d) => d,
            Err(_) => return i128::MAX,
        };
        steps_i128(d, self.tick.units as i128 * self.lot.units as i128, self.tick.scale + self.lot.scale, Rounding::Down)
            .unwrap_or(i128::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::parse(s).unwrap())
    }

    fn btc() -> Instrument {
        Instrument::from_input(&RulesInput {
            symbol: "BTCUSDT".into(),
            venue: "bybit".into(),
            tick_size: d("0.10"),
            min_price: d("0.10"),
            max_price: d("1999999.80"),
            qty_step: d("0.001"),
            min_order_qty: d("0.001"),
            max_order_qty: d("1190.000"),
            max_mkt_order_qty: d("500.000"),
            min_notional_value: d("5"),
            price_band: Some(0.05),
        })
        .unwrap()
    }

    #[test]
    fn converts_bybit_fields() {
        let i = btc();
        assert_eq!(i.min_price, 1);
        assert_eq!(i.max_price, 19_999_998);
        assert_eq!(i.min_qty, 1);
        assert_eq!(i.max_qty, 1_190_000);
        assert_eq!(i.max_mkt_qty, 500_000);
        // 5 USDT in (0.1 · 0.001) units.
        assert_eq!(i.min_notional, 50_000);
        assert!((i.notional_f64(i.min_notional) - 5.0).abs() < 1e-12);
    }

    #[test]
    fn side_aware_rounding() {
        let i = btc();
        assert_eq!(i.round_price(100.37, Side::Buy), Ok(1003));
        assert_eq!(i.round_price(100.37, Side::Sell), Ok(1004));
        assert_eq!(i.round_price(100.3, Side::Sell), Ok(1003));
        assert_eq!(i.round_qty(0.0019), Ok(1));
        assert_eq!(i.round_qty(0.3), Ok(300));
    }

    #[test]
    fn rejects_bad_rules() {
        let mut r = RulesInput { tick_size: d("0.1"), qty_step: d("1"), ..Default::default() };
        assert!(Instrument::from_input(&r).is_ok());
        r.tick_size = d("0");
        assert!(Instrument::from_input(&r).is_err());
        r.tick_size = None;
        assert!(Instrument::from_input(&r).is_err());
        r.tick_size = d("0.1");
        r.min_order_qty = d("10");
        r.max_order_qty = d("5");
        assert!(Instrument::from_input(&r).is_err());
        r.max_order_qty = None;
        r.price_band = Some(f64::NAN);
        assert!(Instrument::from_input(&r).is_err());
        r.price_band = Some(1.5);
        assert!(Instrument::from_input(&r).is_err());
    }
}
