// Every limit and rule at its edge: the edge itself and one tick/lot inside pass, one
// tick/lot beyond is rejected with the named reason. Then the reproductions of issue 10's
// list (REDUCING / reduce-only stacking, router after client id 0, throwing batches, reads
// registering tags, patching setters).
import { describe, expect, it } from 'vitest';
import { OrderBook, OrderFlag, ReasonCode, RiskEngine, Router, orderFlags, type AccountLimits, type InstrumentLimits, type InstrumentRules, type OrderRequest } from '../../src/index.js';

const T0 = Date.UTC(2024, 0, 15, 12); // a Monday noon, UTC
const DAY = 86_400_000;

/** tick 0.01, step 0.001: one tick·lot is 0.00001 quote. */
const BASE: InstrumentRules = { symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.001' };

function setup(rules: Partial<InstrumentRules> = {}, account?: AccountLimits, limits?: InstrumentLimits, mark = 100) {
  const e = new RiskEngine(account);
  const id = e.addInstrument({ ...BASE, ...rules }, limits);
  e.mark(id, mark, T0);
  return { e, id };
}

let ids = 1;
const order = (side: 'buy' | 'sell', price: number, qty: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({ clientId: ids++, instrument: 0, side, price, qty, ...extra });
const buy = (price: number, qty: number, extra: Partial<OrderRequest> = {}) => order('buy', price, qty, extra);
const sell = (price: number, qty: number, extra: Partial<OrderRequest> = {}) => order('sell', price, qty, extra);
const mkt = (side: 'buy' | 'sell', qty: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({ clientId: ids++, instrument: 0, side, type: 'market', qty, ...extra });

/** Checks then submits: both must give `want`. */
function expectReason(e: RiskEngine, o: OrderRequest, want: keyof typeof ReasonCode, now = T0) {
  expect(e.check(o, now).reason, `check ${JSON.stringify(o)}`).toBe(want);
  const r = e.submit(o, now);
  expect(r.reason, `submit ${JSON.stringify(o)}: ${r.message}`).toBe(want);
  return r;
}
const ok = (e: RiskEngine, o: OrderRequest, now = T0) => expectReason(e, o, 'Accepted', now);

/** Submits and fills completely at the order's price. */
function trade(e: RiskEngine, o: OrderRequest, fee = 0, now = T0) {
  ok(e, o, now);
  e.fill(o.clientId, o.qty, o.price!, fee, now);
}

/** check() without submitting. */
const checks = (e: RiskEngine, o: OrderRequest, now = T0) => e.check(o, now).reason;

describe('price band: exact edges', () => {
  it('band 0.15 around mark 100 accepts 115 and 85, rejects 115.01 and 84.99 (tick 0.01)', () => {
    const { e } = setup({ priceBand: 0.15 });
    expect(checks(e, buy(115, 0.1))).toBe('Accepted');
    expect(checks(e, buy(114.99, 0.1))).toBe('Accepted');
    expect(checks(e, buy(115.01, 0.1))).toBe('PriceBandExceeded');
    expect(checks(e, sell(85, 0.1))).toBe('Accepted');
    expect(checks(e, sell(85.01, 0.1))).toBe('Accepted');
    expect(checks(e, sell(84.99, 0.1))).toBe('PriceBandExceeded');
    ok(e, sell(115, 0.1));
    ok(e, buy(85, 0.1));
  });

  it('an edge between ticks rounds inward: mark 100.01, band 0.05 → [95.01, 105.01]', () => {
    // 10001 ticks · 0.05 = 500.05 ticks: floor 500 either side.
    const { e } = setup({ priceBand: 0.05 }, undefined, undefined, 100.01);
    expect(checks(e, buy(105.01, 0.1))).toBe('Accepted');
    expect(checks(e, buy(105.02, 0.1))).toBe('PriceBandExceeded');
    expect(checks(e, sell(95.01, 0.1))).toBe('Accepted');
    expect(checks(e, sell(95.0, 0.1))).toBe('PriceBandExceeded');
  });

  it('a band with float noise in its ratio (0.1 + 0.2 − 0.2) is read as the decimal of the number', () => {
    // 0.1 + 0.2 - 0.2 = 0.10000000000000003: a hair over 0.1, so 110 (exactly 10%) is inside.
    const { e } = setup({ priceBand: 0.1 + 0.2 - 0.2 });
    expect(checks(e, buy(110, 0.1))).toBe('Accepted');
    expect(checks(e, buy(110.01, 0.1))).toBe('PriceBandExceeded');
    expect(checks(e, sell(90, 0.1))).toBe('Accepted');
    expect(checks(e, sell(89.99, 0.1))).toBe('PriceBandExceeded');
  });

  it('needs a mark', () => {
    const e = new RiskEngine();
    e.addInstrument({ ...BASE, priceBand: 0.1 });
    expect(checks(e, buy(100, 0.1))).toBe('NoReferencePrice');
    expect(checks(e, mkt('buy', 0.1))).toBe('NoReferencePrice');
  });
});

describe('gross exposure: exact at the limit', () => {
  it('27000.3 × 0.001 against 27.0003 is accepted; one more lot is not', () => {
    const { e } = setup({ tickSize: '0.1', qtyStep: '0.001' }, { maxGrossExposure: 27.0003 }, undefined, 27000.3);
    expectReason(e, buy(27000.3, 0.002), 'GrossExposureLimit');
    ok(e, buy(27000.3, 0.001));
    expectReason(e, buy(27000.3, 0.001), 'GrossExposureLimit');
  });

  it('n lots at the limit pass, n + 1 lots fail, n − 1 pass; across instruments', () => {
    // 3 lots at 27000.3 = 81.0009 (3 × 27.0003, not 81.0009 in floats: 81.00089999999999).
    const { e } = setup({ tickSize: '0.1', qtyStep: '0.001' }, { maxGrossExposure: 81.0009 }, undefined, 27000.3);
    expect(checks(e, buy(27000, 0.004))).toBe('GrossExposureLimit');
    expect(checks(e, buy(27000, 0.003))).toBe('Accepted');
    expect(checks(e, buy(27000, 0.002))).toBe('Accepted');
    // Another instrument takes part of the room: 0.5 × 54.0006 = 27.0003 there.
    const eth = e.addInstrument({ symbol: 'ETHUSDT', tickSize: '0.0001', qtyStep: '0.5' });
    e.mark(eth, 54.0006, T0);
    ok(e, buy(54, 0.5, { instrument: eth }));
    expect(checks(e, buy(27000, 0.003))).toBe('GrossExposureLimit');
    ok(e, buy(27000, 0.002));
    expectReason(e, buy(27000, 0.001), 'GrossExposureLimit');
    // Exposure is the worst case per instrument (position plus open orders on one side):
    // sells up to the open buys' 0.002 add none.
    ok(e, sell(27100, 0.002));
    expectReason(e, sell(27100, 0.001), 'GrossExposureLimit');
  });

  it('is valued at the mark: a mark move can make room', () => {
    const { e } = setup({}, { maxGrossExposure: 10 });
    ok(e, buy(99, 0.1)); // 0.1 × 100 = 10
    expect(checks(e, buy(99, 0.001))).toBe('GrossExposureLimit');
    e.mark(0, 99.99, T0); // 0.101 × 99.99 = 10.09899 > 10
    expect(checks(e, buy(99, 0.001))).toBe('GrossExposureLimit');
    e.mark(0, 99.0, T0); // 0.101 × 99 = 9.999
    expect(checks(e, buy(98, 0.001))).toBe('Accepted');
  });
});

describe('daily loss limit: exactly reached vs one tick beyond', () => {
  it('unrealised: a loss equal to the limit keeps ACTIVE; one tick·lot more switches to REDUCING', () => {
    const { e } = setup({}, { dailyLossLimit: 0.01 });
    trade(e, buy(100, 0.001)); // 1 lot
    e.mark(0, 90, T0 + 1); // −10 × 0.001 = −0.01: exactly the limit
    expect(e.account().state).toBe('ACTIVE');
    const o = buy(90, 0.05);
    ok(e, o, T0 + 1);
    e.cancel(o.clientId, T0 + 1);
    e.mark(0, 89.99, T0 + 2); // −0.01001
    const a = e.account();
    expect(a.state).toBe('REDUCING');
    expect(a.reducingByLossLimit).toBe(true);
    expectReason(e, buy(90, 0.05), 'DailyLossLimit', T0 + 2);
    ok(e, sell(89.99, 0.001), T0 + 2); // closing is allowed
    // The next UTC day lifts it, even before an event rolls the day (the check looks at now).
    const next = Math.floor(T0 / DAY) * DAY + DAY;
    expect(checks(e, buy(89, 0.05), next)).toBe('Accepted');
    expect(checks(e, buy(89, 0.05), next - 1)).toBe('DailyLossLimit');
    e.tick(next);
    expect(e.account().state).toBe('ACTIVE');
  });

  it('realised with fees: exactly the limit vs a fee one step higher', () => {
    for (const [fee, state] of [
      [0.005, 'ACTIVE'],
      [0.00501, 'REDUCING'],
    ] as const) {
      const { e } = setup({}, { dailyLossLimit: 0.01 });
      trade(e, buy(100, 0.001), 0);
      trade(e, sell(95, 0.001), fee); // −0.005 − fee
      expect(e.account().state, `fee ${fee}`).toBe(state);
    }
  });

  it('a tighter limit set later switches at once when already beyond it (and not when exactly at it)', () => {
    const { e } = setup();
    trade(e, buy(100, 0.1));
    e.mark(0, 98, T0 + 1); // −0.2
    e.setAccountLimits({ dailyLossLimit: 0.2 });
    expect(e.state).toBe('ACTIVE');
    e.setAccountLimits({ dailyLossLimit: 0.19999 });
    expect(e.state).toBe('REDUCING');
    expect(e.account().reducingByLossLimit).toBe(true);
  });
});

describe('per-order limits and instrument rules', () => {
  it('maxNotional: at the limit, one lot under, one lot over', () => {
    const { e } = setup({}, undefined, { maxNotional: 1000 });
    expect(checks(e, buy(100, 10))).toBe('Accepted');
    expect(checks(e, buy(100, 9.999))).toBe('Accepted');
    expect(checks(e, buy(100, 10.001))).toBe('NotionalAboveMax');
    expect(checks(e, buy(100.01, 10))).toBe('NotionalAboveMax'); // one tick over
    // A float case: 27000.3 × 0.001 against 27.0003.
    const f = setup({ tickSize: '0.1' }, undefined, { maxNotional: 27.0003 }, 27000.3).e;
    expect(checks(f, buy(27000.3, 0.001))).toBe('Accepted');
    expect(checks(f, buy(27000.4, 0.001))).toBe('NotionalAboveMax');
  });

  it('maxPosition: worst case of position plus open orders on one side', () => {
    const { e } = setup({}, undefined, { maxPosition: 1 });
    expect(checks(e, buy(100, 1))).toBe('Accepted');
    expect(checks(e, buy(100, 1.001))).toBe('PositionLimit');
    trade(e, buy(100, 0.7));
    ok(e, buy(100, 0.2));
    expect(checks(e, buy(100, 0.1))).toBe('Accepted');
    expectReason(e, buy(100, 0.101), 'PositionLimit');
    ok(e, buy(100, 0.099));
    expectReason(e, buy(100, 0.002), 'PositionLimit');
    ok(e, buy(100, 0.001));
    expectReason(e, buy(100, 0.001), 'PositionLimit');
    // Short side: long 0.7 filled, so selling 1.7 makes worst short exactly 1.
    expect(checks(e, sell(101, 1.7))).toBe('Accepted');
    expect(checks(e, sell(101, 1.701))).toBe('PositionLimit');
    // Float case: a limit of 0.3 (= 0.1 + 0.2 as decimals) holds 0.1 then 0.2.
    const g = setup({}, undefined, { maxPosition: 0.3 }).e;
    ok(g, buy(100, 0.1));
    ok(g, buy(100, 0.2));
    expectReason(g, buy(100, 0.001), 'PositionLimit');
    // Over the limit already (lowered): orders that don't grow the worst case still pass.
    g.setInstrumentLimits(0, { maxPosition: 0.1 });
    expectReason(g, buy(100, 0.001), 'PositionLimit');
    ok(g, sell(101, 0.3));
  });

  it('minOrderQty / maxOrderQty / maxMktOrderQty', () => {
    const { e } = setup({ minOrderQty: '0.005', maxOrderQty: '2', maxMktOrderQty: '1' });
    expect(checks(e, buy(100, 0.005))).toBe('Accepted');
    expect(checks(e, buy(100, 0.006))).toBe('Accepted');
    expect(checks(e, buy(100, 0.004))).toBe('QtyBelowMin');
    expect(checks(e, buy(100, 2))).toBe('Accepted');
    expect(checks(e, buy(100, 1.999))).toBe('Accepted');
    expect(checks(e, buy(100, 2.001))).toBe('QtyAboveMax');
    expect(checks(e, mkt('buy', 1))).toBe('Accepted');
    expect(checks(e, mkt('buy', 0.999))).toBe('Accepted');
    expect(checks(e, mkt('buy', 1.001))).toBe('QtyAboveMaxMarket');
    expect(checks(e, buy(100, 1.5))).toBe('Accepted'); // limit orders use maxOrderQty
    expect(checks(e, mkt('buy', 0.004))).toBe('QtyBelowMin');
  });

  it('minNotionalValue (reduce-only orders exempt)', () => {
    const { e } = setup({ minNotionalValue: '5' });
    expect(checks(e, buy(100, 0.05))).toBe('Accepted');
    expect(checks(e, buy(100, 0.051))).toBe('Accepted');
    expect(checks(e, buy(100, 0.049))).toBe('NotionalBelowMin');
    expect(checks(e, buy(99.99, 0.05))).toBe('NotionalBelowMin'); // one tick under: 4.9995
    expect(checks(e, mkt('buy', 0.05))).toBe('Accepted'); // valued at the mark
    expect(checks(e, mkt('buy', 0.049))).toBe('NotionalBelowMin');
    trade(e, buy(100, 0.05));
    expect(checks(e, sell(100, 0.001, { reduceOnly: true }))).toBe('Accepted');
    expect(checks(e, sell(100, 0.001))).toBe('NotionalBelowMin');
  });

  it('minPrice / maxPrice, tick and step', () => {
    const { e } = setup({ minPrice: '10', maxPrice: '1000' });
    expect(checks(e, buy(10, 1))).toBe('Accepted');
    expect(checks(e, buy(10.01, 1))).toBe('Accepted');
    expect(checks(e, buy(9.99, 1))).toBe('PriceOutOfRange');
    expect(checks(e, sell(1000, 1))).toBe('Accepted');
    expect(checks(e, sell(999.99, 1))).toBe('Accepted');
    expect(checks(e, sell(1000.01, 1))).toBe('PriceOutOfRange');
    expect(checks(e, buy(100.005, 1))).toBe('PriceOffTick');
    expect(checks(e, buy(100, 0.0015))).toBe('QtyOffStep');
    // Numbers are read as the decimals they print as: 0.1 + 0.2 is 0.30000000000000004.
    expect(checks(e, buy(100, 0.1 + 0.2))).toBe('QtyOffStep');
    expect(checks(e, buy(100, 0.3))).toBe('Accepted');
    expect(checks(e, buy(10.1 + 0.2, 0.3))).toBe('PriceOffTick'); // 10.299999999999999
    expect(checks(e, buy(10.3, 0.3))).toBe('Accepted');
  });

  it('maxOpenOrders: N open pass, N + 1 fails, a cancel makes room', () => {
    const { e } = setup({}, { maxOpenOrders: 3 });
    const os = [buy(90, 0.1), buy(91, 0.1), buy(92, 0.1)];
    for (const o of os) ok(e, o);
    expectReason(e, buy(93, 0.1), 'MaxOpenOrders');
    e.cancel(os[0]!.clientId, T0);
    ok(e, buy(93, 0.1));
    expectReason(e, buy(93, 0.1), 'MaxOpenOrders');
    e.fill(os[1]!.clientId, 0.1, 91, 0, T0); // a full fill closes the order
    ok(e, buy(94, 0.1));
  });
});

describe('rate windows', () => {
  it('account: N in the window pass, N + 1 fails, passes again once the oldest leaves (fractional now floored)', () => {
    const { e } = setup({}, { maxOrdersPerWindow: 3, rateWindowMs: 1000 });
    const t = T0 + 10;
    ok(e, buy(90, 0.1), t + 0.9); // recorded at t (floored)
    ok(e, buy(90, 0.1), t + 1);
    ok(e, buy(90, 0.1), t + 2);
    expectReason(e, buy(90, 0.1), 'RateLimitAccount', t + 3);
    expectReason(e, buy(90, 0.1), 'RateLimitAccount', t + 999.99); // floors to t + 999
    // floor(t + 1000.2) − t = 1000: the first accept has left. (Rounding to nearest would
    // have recorded the first at t + 1 and still refuse.)
    ok(e, buy(90, 0.1), t + 1000.2);
    expectReason(e, buy(90, 0.1), 'RateLimitAccount', t + 1000.7);
    ok(e, buy(90, 0.1), t + 1001);
    // Rejected orders do not count.
    expectReason(e, buy(90, 0.1), 'RateLimitAccount', t + 1001);
    expectReason(e, buy(90, 0.1), 'RateLimitAccount', t + 1001);
    ok(e, buy(90, 0.1), t + 1002);
  });

  it('symbol: per instrument, on the account window', () => {
    const e = new RiskEngine({ rateWindowMs: 500 });
    const a = e.addInstrument(BASE, { maxOrdersPerWindow: 2 });
    const b = e.addInstrument({ ...BASE, symbol: 'ETHUSDT' });
    e.mark(a, 100, T0);
    e.mark(b, 100, T0);
    ok(e, buy(90, 0.1, { instrument: a }), T0);
    ok(e, buy(90, 0.1, { instrument: a }), T0 + 100);
    expectReason(e, buy(90, 0.1, { instrument: a }), 'RateLimitSymbol', T0 + 499);
    ok(e, buy(90, 0.1, { instrument: b }), T0 + 499);
    ok(e, buy(90, 0.1, { instrument: a }), T0 + 500);
    expectReason(e, buy(90, 0.1, { instrument: a }), 'RateLimitSymbol', T0 + 599.5);
    ok(e, buy(90, 0.1, { instrument: a }), T0 + 600);
  });
});

describe('rate window across a limit change', () => {
  // Was a bug: a change of maxOrdersPerWindow kept only the newest `limit` accept times, so
  // lowering the limit and raising it again inside the window forgot accepts still in it
  // (with 3 per 1000 ms, five orders passed within 6 ms). Accepts now leave only by time.
  it('lowering then raising maxOrdersPerWindow does not forget accepts still in the window', () => {
    const { e } = setup({}, { maxOrdersPerWindow: 3, rateWindowMs: 1000 });
    ok(e, buy(90, 0.1), T0);
    ok(e, buy(90, 0.1), T0 + 1);
    ok(e, buy(90, 0.1), T0 + 2);
    expectReason(e, buy(90, 0.1), 'RateLimitAccount', T0 + 3);
    e.setAccountLimits({ maxOrdersPerWindow: 1 });
    e.setAccountLimits({ maxOrdersPerWindow: 3 });
    expectReason(e, buy(90, 0.1), 'RateLimitAccount', T0 + 4);
    ok(e, buy(90, 0.1), T0 + 1000);
  });

  it('accepts made while there is no limit count once one is set', () => {
    const { e } = setup({}, { maxOrdersPerWindow: 0, rateWindowMs: 1000 });
    ok(e, buy(90, 0.1), T0);
    ok(e, buy(90, 0.1), T0 + 1);
    e.setAccountLimits({ maxOrdersPerWindow: 2 });
    expectReason(e, buy(90, 0.1), 'RateLimitAccount', T0 + 2);
    ok(e, buy(90, 0.1), T0 + 1000);
  });
});

describe('duplicate client ids within idHistory', () => {
  it('open ids and the last idHistory closed ids are refused; older ones pass', () => {
    const { e } = setup({}, { idHistory: 2 });
    const [a, b, c] = [buy(90, 0.1), buy(90, 0.1), buy(90, 0.1)];
    for (const o of [a, b, c]) ok(e, o);
    expectReason(e, { ...buy(80, 0.1), clientId: a.clientId }, 'DuplicateClientOrderId'); // open
    e.cancel(a.clientId, T0);
    e.exchangeReject(b.clientId, T0);
    e.fill(c.clientId, 0.1, 90, 0, T0);
    // History holds b and c now (a was pushed out).
    expectReason(e, { ...buy(80, 0.1), clientId: c.clientId }, 'DuplicateClientOrderId');
    expectReason(e, { ...buy(80, 0.1), clientId: b.clientId }, 'DuplicateClientOrderId');
    ok(e, { ...buy(80, 0.1), clientId: a.clientId });
  });
});

describe('issue 10 reproductions', () => {
  it('1. REDUCING: stacked closing orders may not pass flat', () => {
    const { e } = setup();
    trade(e, buy(100, 1));
    e.setState('REDUCING', T0);
    ok(e, sell(101, 1));
    expectReason(e, sell(101, 1), 'TradingReducing');
    expectReason(e, sell(101, 0.001), 'TradingReducing');
    expectReason(e, buy(99, 0.001), 'TradingReducing');
    const { e: f } = setup();
    trade(f, buy(100, 1));
    f.setState('REDUCING', T0);
    ok(f, sell(101, 0.6));
    ok(f, sell(102, 0.4));
    expectReason(f, sell(101, 0.001), 'TradingReducing');
    // Fill everything accepted: flat, never short.
    for (const o of f.openOrders()) f.fill(o.clientId, o.leaves, o.price, 0, T0);
    expect(Number(f.positions()[0]!.qtyStr)).toBe(0);
    expectReason(f, sell(101, 0.001), 'TradingReducing');
    expectReason(f, buy(99, 0.001), 'TradingReducing'); // flat: nothing shrinks
    // A cancel makes room again.
    const { e: g } = setup();
    trade(g, buy(100, 1));
    g.setState('REDUCING', T0);
    const s1 = sell(101, 1);
    ok(g, s1);
    expectReason(g, sell(101, 0.5), 'TradingReducing');
    g.cancel(s1.clientId, T0);
    ok(g, sell(101, 0.5));
    // Short side mirrors it; HALTED passes nothing.
    const { e: h } = setup();
    trade(h, sell(100, 0.5));
    h.setState('REDUCING', T0);
    ok(h, buy(99, 0.3));
    ok(h, { ...mkt('buy', 0.2) });
    expectReason(h, buy(99, 0.001), 'TradingReducing');
    h.setState('HALTED', T0);
    h.cancel(ids - 2, T0);
    expectReason(h, buy(99, 0.001), 'TradingHalted');
  });

  it('2. reduce-only: stacked reduce-only orders may not pass flat', () => {
    const { e } = setup();
    trade(e, buy(100, 1));
    ok(e, sell(101, 1, { reduceOnly: true }));
    expectReason(e, sell(101, 1, { reduceOnly: true }), 'ReduceOnlyWouldIncrease');
    expectReason(e, sell(101, 0.001, { reduceOnly: true }), 'ReduceOnlyWouldIncrease');
    expectReason(e, buy(99, 0.001, { reduceOnly: true }), 'ReduceOnlyWouldIncrease'); // opening side
    // Plain orders on the closing side do not use up the reduce-only room.
    ok(e, sell(102, 2));
    const { e: f } = setup();
    trade(f, buy(100, 1));
    ok(f, sell(101, 0.6, { reduceOnly: true }));
    ok(f, sell(101, 0.4, { reduceOnly: true }));
    expectReason(f, sell(101, 0.001, { reduceOnly: true }), 'ReduceOnlyWouldIncrease');
    // A partial fill shrinks the position and the open reduce-only lots alike.
    const ro = f.openOrders().find((o) => o.qty === 0.6)!;
    f.fill(ro.clientId, 0.2, 101, 0, T0);
    expectReason(f, sell(101, 0.001, { reduceOnly: true }), 'ReduceOnlyWouldIncrease');
    f.cancel(ro.clientId, T0); // frees 0.4
    ok(f, sell(101, 0.4, { reduceOnly: true }));
    expectReason(f, sell(101, 0.001, { reduceOnly: true }), 'ReduceOnlyWouldIncrease');
    expect(checks(f, { ...mkt('sell', 0.001), reduceOnly: true })).toBe('ReduceOnlyWouldIncrease');
  });

  it('3. the router with a RiskEngine keeps its children once client id 0 was used', () => {
    const e = new RiskEngine();
    const id = e.addInstrument({ ...BASE, venue: 'bybit' });
    e.mark(id, 100, T0);
    ok(e, { clientId: 0, instrument: id, side: 'buy', price: 90, qty: 0.1 });
    e.cancel(0, T0);
    expectReason(e, { clientId: 0, instrument: id, side: 'buy', price: 90, qty: 0.1 }, 'DuplicateClientOrderId');
    const book = new OrderBook({ venue: 'bybit', symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.001' });
    book.applySnapshot(1, [[99.99, 1]], [[100.01, 1]]);
    const r = new Router(e);
    r.addVenue({ book, takerFee: 0.0005, instrument: id });
    const before = e.snapshot();
    const p = r.route({ side: 'buy', qty: 0.5, now: T0 });
    expect(p.dropped).toEqual([]);
    expect(p.children.map((c) => c.qty)).toEqual([0.5]);
    expect(p.filled).toBe(0.5);
    expect(e.snapshot()).toEqual(before);
  });

  it('4. a batch call that throws changes nothing, tags included', () => {
    const { e } = setup();
    const n = 3;
    const batch = {
      clientIds: new Float64Array([101, 102, 103]),
      instruments: new Uint32Array(n),
      sides: new Uint8Array(n),
      prices: new Float64Array([99, 99, 99]),
      qtys: new Float64Array([0.1, 0.1, 0.1]),
      strategy: 'brand-new',
    };
    const before = e.snapshot();
    const detached = () => {
      const a = new Uint8Array(n);
      structuredClone(a.buffer, { transfer: [a.buffer] });
      return a;
    };
    for (const call of [
      () => e.submitBatch(batch, T0, new Uint8Array(2)),
      () => e.checkBatch(batch, T0, new Uint8Array(2)),
      () => e.submitBatch(batch, T0, detached()),
      () => e.checkBatch(batch, T0, detached()),
      () => e.submitBatch(batch, T0, new Float64Array(3) as never),
      () => e.submitBatch({ ...batch, qtys: new Float64Array(2) }, T0),
      () => e.submitBatch({ ...batch, flags: new Uint8Array(2) }, T0),
      () => e.submitBatch(batch, NaN),
      () => e.submitBatch({ ...batch, strategy: '' }, T0),
      () => e.checkBatch({ ...batch, sides: new Uint8Array(4) }, T0),
    ]) {
      expect(call).toThrow(/hean/);
      expect(e.snapshot()).toEqual(before);
    }
    expect(e.strategyStats().map((s) => s.strategy)).toEqual(['default']);
    // The same batch, well formed, registers the tag with its first accepted order.
    const { out, accepted } = e.submitBatch(batch, T0);
    expect(accepted).toBe(3);
    expect([...out]).toEqual([0, 0, 0]);
    expect(e.strategyStats().map((s) => s.strategy)).toEqual(['default', 'brand-new']);
    // A batch with nothing accepted registers nothing.
    const snap = e.snapshot();
    const r = e.submitBatch({ ...batch, strategy: 'never', clientIds: new Float64Array([101, 102, 103]) }, T0);
    expect(r.accepted).toBe(0);
    expect([...r.out]).toEqual([ReasonCode.DuplicateClientOrderId, ReasonCode.DuplicateClientOrderId, ReasonCode.DuplicateClientOrderId]);
    expect(e.snapshot()).toEqual(snap);
  });

  it('5. check() / checkBatch() / a rejected submit never register a strategy tag', () => {
    const { e } = setup();
    const before = e.snapshot();
    expect(e.check(buy(99, 0.1, { strategy: 'alpha' }), T0).reason).toBe('Accepted');
    const out = e.checkBatch({ clientIds: new Float64Array([7]), instruments: new Uint32Array(1), sides: new Uint8Array(1), prices: new Float64Array([99]), qtys: new Float64Array([0.1]), strategy: 'beta' }, T0);
    expect([...out]).toEqual([0]);
    expect(e.submit(buy(99.005, 0.1, { strategy: 'gamma' }), T0).reason).toBe('PriceOffTick');
    expect(e.snapshot()).toEqual(before);
    expect(e.strategyStats().map((s) => s.strategy)).toEqual(['default']);
    ok(e, buy(99, 0.1, { strategy: 'delta' }));
    expect(e.strategyStats().map((s) => s.strategy)).toEqual(['default', 'delta']);
    expect(e.openOrders()[0]!.strategy).toBe('delta');
  });

  it('6. setAccountLimits / setInstrumentLimits patch; replace… replace', () => {
    const e = new RiskEngine({ maxOpenOrders: 1, dailyLossLimit: 100 });
    const id = e.addInstrument(BASE, { maxPosition: 1, maxNotional: 50 });
    e.mark(id, 100, T0);
    e.setAccountLimits({ dailyLossLimit: 50 });
    ok(e, buy(90, 0.1));
    expectReason(e, buy(90, 0.1), 'MaxOpenOrders'); // maxOpenOrders kept
    e.replaceAccountLimits({ dailyLossLimit: 50 });
    ok(e, buy(90, 0.1)); // back to no limit
    e.setInstrumentLimits(id, { maxNotional: 1000 });
    const i = e.instrument(id);
    expect([i.maxPosition, i.maxNotional, i.maxOrdersPerWindow]).toEqual([1, 1000, 0]);
    expectReason(e, buy(90, 0.801), 'PositionLimit'); // 0.2 open + 0.801 > 1
    e.replaceInstrumentLimits(id, { maxNotional: 1000 });
    const j = e.instrument(id);
    expect(j.maxNotional).toBe(1000);
    expect(j.maxPosition).toBeGreaterThan(1e6); // none
    ok(e, buy(90, 0.801));
    // A bad patch throws and changes nothing.
    const snap = e.snapshot();
    expect(() => e.setAccountLimits({ maxOpenOrders: 5, dailyLossLimit: -1 })).toThrow(RangeError);
    expect(() => e.setInstrumentLimits(id, { maxPosition: 2, maxNotional: 0 })).toThrow(RangeError);
    expect(() => e.setAccountLimits({ maxOpenOrders: 1.5 })).toThrow(RangeError);
    expect(() => e.setAccountLimits({ bogus: 1 } as never)).toThrow(RangeError);
    expect(e.snapshot()).toEqual(snap);
  });

  it('6. one flags layout: checkRaw and the batch flags column agree; the Sell bit must match sides', () => {
    const { e } = setup();
    trade(e, buy(100, 0.5));
    const sid = e.strategyId('raw');
    const cases: [side: 'buy' | 'sell', type: 'limit' | 'market', ro: boolean, price: number, qty: number][] = [
      ['buy', 'limit', false, 99, 0.1],
      ['sell', 'limit', true, 101, 0.5],
      ['sell', 'limit', true, 101, 0.501],
      ['buy', 'limit', true, 99, 0.1],
      ['sell', 'market', false, NaN, 0.2],
      ['buy', 'market', true, NaN, 0.2],
    ];
    const n = cases.length;
    const batch = {
      clientIds: new Float64Array(n).map((_, k) => 500 + k),
      instruments: new Uint32Array(n),
      sides: new Uint8Array(cases.map((c) => (c[0] === 'sell' ? 1 : 0))),
      prices: new Float64Array(cases.map((c) => c[3])),
      qtys: new Float64Array(cases.map((c) => c[4])),
      flags: new Uint8Array(cases.map((c) => orderFlags(c[0], c[1], c[2]))),
      strategy: 'raw',
    };
    const out = e.checkBatch(batch, T0);
    cases.forEach((c, k) => {
      const f = orderFlags(c[0], c[1], c[2], sid);
      expect(f & 0xff).toBe((c[0] === 'sell' ? OrderFlag.Sell : 0) | (c[1] === 'market' ? OrderFlag.Market : 0) | (c[2] ? OrderFlag.ReduceOnly : 0));
      expect(f >> 8).toBe(sid);
      const code = e.checkRaw(500 + k, 0, f, c[3], c[4], T0);
      expect(out[k], `case ${k}`).toBe(code);
      const viaCheck = e.check({ clientId: 500 + k, instrument: 0, side: c[0], type: c[1], reduceOnly: c[2], price: c[1] === 'market' ? undefined : c[3], qty: c[4], strategy: 'raw' }, T0);
      expect(viaCheck.code, `case ${k}`).toBe(code);
    });
    expect([...out]).toEqual([0, 0, ReasonCode.ReduceOnlyWouldIncrease, ReasonCode.ReduceOnlyWouldIncrease, 0, ReasonCode.ReduceOnlyWouldIncrease]);
    // Sell bit disagreeing with sides: InvalidInput for that order only.
    const bad = e.checkBatch({ ...batch, flags: batch.flags.map((f, k) => (k === 0 ? f | OrderFlag.Sell : f)) }, T0);
    expect(bad[0]).toBe(ReasonCode.InvalidInput);
    expect([...bad.subarray(1)]).toEqual([...out.subarray(1)]);
    // Bits outside the layout: InvalidInput.
    expect(e.checkRaw(600, 0, 8, 99, 0.1, T0)).toBe(ReasonCode.InvalidInput);
    expect(e.checkBatch({ ...batch, flags: batch.flags.map((f, k) => (k === 0 ? f | 8 : f)) }, T0)[0]).toBe(ReasonCode.InvalidInput);
  });
});
