#![allow(dead_code)]
use hean_core::*;

/// BTCUSDT-like rules: tick 0.1, step 0.001, min 0.001, max 100 (market 50), min notional 5.
pub fn btc_rules(venue: &str, band: Option<f64>) -> Instrument {
    let d = |s: &str| Some(Decimal::parse(s).unwrap());
    Instrument::from_input(&RulesInput {
        symbol: "BTCUSDT".into(),
        venue: venue.into(),
        tick_size: d("0.10"),
        min_price: d("0.10"),
        max_price: d("199999.80"),
        qty_step: d("0.001"),
        min_order_qty: d("0.001"),
        max_order_qty: d("100"),
        max_mkt_order_qty: d("50"),
        min_notional_value: d("5"),
        price_band: band,
    })
    .unwrap()
}

pub const T0: i64 = 1_700_000_000_000; // 2023-11-14T22:13:20Z

pub fn limit(id: u64, inst: u32, side: Side, price: f64, qty: f64) -> OrderInput {
    OrderInput { client_id: id as f64, instrument: inst, side, kind: OrderKind::Limit, price, qty, reduce_only: false, strategy: 0 }
}

pub fn market(id: u64, inst: u32, side: Side, qty: f64) -> OrderInput {
    OrderInput { kind: OrderKind::Market, price: f64::NAN, ..limit(id, inst, side, 0.0, qty) }
}

/// Engine with one BTC instrument (id 0) marked at 30000.
pub fn engine() -> RiskEngine {
    let mut e = RiskEngine::default();
    e.add_instrument(btc_rules("", None), InstrumentLimits::default()).unwrap();
    e.mark_f64(0, 30000.0, T0).unwrap();
    e
}

/// Submits and fully fills an order at its price.
pub fn trade(e: &mut RiskEngine, id: u64, side: Side, price: f64, qty: f64, ts: i64) {
    e.submit(&limit(id, 0, side, price, qty), ts).expect("accepted");
    e.fill_f64(id, qty, price, 0.0, ts).expect("filled");
}
