import { describe, expect, it } from 'vitest';
import { REASON_CODES, ReasonCode, RiskEngine, countReasons, orderFlags, reasonName, type InstrumentRules, type OrderRequest } from '../../src/trading/index.js';

const T0 = Date.UTC(2024, 0, 15, 12); // a Monday noon, UTC
const BTC: InstrumentRules = {
  symbol: 'BTCUSDT',
  tickSize: '0.10',
  minPrice: '0.10',
  maxPrice: '199999.80',
  qtyStep: '0.001',
  minOrderQty: '0.001',
  maxOrderQty: '100',
  maxMktOrderQty: '50',
  minNotionalValue: '5',
};

function engine(limits?: ConstructorParameters<typeof RiskEngine>[0], rules: InstrumentRules = BTC) {
  const e = new RiskEngine(limits);
  const id = e.addInstrument(rules);
  e.mark(id, 30000, T0);
  return { e, id };
}

let nextId = 1;
const buy = (price: number, qty: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({ clientId: nextId++, instrument: 0, side: 'buy', price, qty, ...extra });
const sell = (price: number, qty: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({ ...buy(price, qty, extra), side: 'sell' });

function trade(e: RiskEngine, o: OrderRequest, ts = T0) {
  const r = e.submit(o, ts);
  expect(r.reason).toBe('Accepted');
  e.fill(o.clientId, o.qty, o.price!, 0, ts);
}

describe('reason codes', () => {
  it('mirror the Rust enum and map both ways', () => {
    expect(REASON_CODES.length).toBe(27);
    REASON_CODES.forEach((n, i) => {
      expect(ReasonCode[n]).toBe(i);
      expect(reasonName(i)).toBe(n);
    });
    expect(() => reasonName(99)).toThrow(RangeError);
    expect(countReasons(new Uint8Array([0, 0, 24, 3]))).toEqual({ Accepted: 2, SelfTrade: 1, TradingReducing: 1 });
  });
});

describe('RiskEngine checks: one test per reason', () => {
  const seen = new Set<string>();
  const expectReason = (r: { reason: string; ok: boolean; message: string }, want: string) => {
    expect(r.reason).toBe(want);
    expect(r.ok).toBe(want === 'Accepted');
    expect(r.message.length).toBeGreaterThan(5);
    seen.add(want);
  };

  it('Accepted', () => {
    const { e } = engine();
    expectReason(e.check(buy(30000, 0.01), T0), 'Accepted');
    expectReason(e.check({ ...sell(0, 0.01), type: 'market', price: undefined }, T0), 'Accepted');
  });
  it('UnknownInstrument', () => {
    const { e } = engine();
    expectReason(e.check(buy(30000, 0.01, { instrument: 5 }), T0), 'UnknownInstrument');
    expectReason(e.check(buy(30000, 0.01, { instrument: 'ETHUSDT' }), T0), 'UnknownInstrument');
    expectReason(e.check(buy(30000, 0.01, { instrument: -1 }), T0), 'UnknownInstrument');
  });
  it('TradingHalted, with cancels still passing', () => {
    const { e } = engine();
    const o = buy(29000, 0.01);
    e.submit(o, T0);
    e.setState('HALTED', T0);
    expect(e.state).toBe('HALTED');
    expectReason(e.check(buy(30000, 0.01), T0), 'TradingHalted');
    expect(e.checkCancel(o.clientId)).toBe('Accepted');
    e.cancel(o.clientId, T0);
    expect(e.checkCancel(o.clientId)).toBe('UnknownOrder');
  });
  it('TradingReducing', () => {
    const { e } = engine();
    trade(e, buy(30000, 0.5));
    e.setState('REDUCING', T0);
    expectReason(e.check(buy(30000, 0.01), T0), 'TradingReducing');
    expectReason(e.check(sell(30000, 0.6), T0), 'TradingReducing');
    expectReason(e.check(sell(30000, 0.5), T0), 'Accepted');
  });
  it('InvalidPrice / InvalidQuantity', () => {
    const { e } = engine();
    for (const p of [NaN, Infinity, 0, -5]) expectReason(e.check(buy(p, 0.01), T0), 'InvalidPrice');
    for (const q of [NaN, -Infinity, 0, -1]) expectReason(e.check(buy(30000, q), T0), 'InvalidQuantity');
  });
  it('PriceOffTick / QtyOffStep', () => {
    const { e } = engine();
    expectReason(e.check(buy(30000.05, 0.01), T0), 'PriceOffTick');
    expectReason(e.check(buy(0.1 + 0.2, 0.01), T0), 'PriceOffTick');
    expectReason(e.check(buy(30000, 0.0105), T0), 'QtyOffStep');
  });
  it('PriceOutOfRange', () => {
    const { e } = engine();
    expectReason(e.check(sell(200000, 0.01), T0), 'PriceOutOfRange');
  });
  it('QtyBelowMin / QtyAboveMax / QtyAboveMaxMarket', () => {
    const { e } = engine(undefined, { ...BTC, minOrderQty: '0.01' });
    expectReason(e.check(buy(30000, 0.005), T0), 'QtyBelowMin');
    expectReason(e.check(buy(1000, 100.001), T0), 'QtyAboveMax');
    expectReason(e.check({ ...buy(0, 60), type: 'market', price: undefined }, T0), 'QtyAboveMaxMarket');
    expectReason(e.check(buy(1000, 60), T0), 'Accepted');
  });
  it('NotionalBelowMin / NotionalAboveMax', () => {
    const { e, id } = engine();
    expectReason(e.check(buy(3000, 0.001), T0), 'NotionalBelowMin');
    expectReason(e.check(buy(5000, 0.001), T0), 'Accepted');
    e.setInstrumentLimits(id, { maxNotional: 10000 });
    expectReason(e.check(buy(30000, 0.4), T0), 'NotionalAboveMax');
  });
  it('PriceBandExceeded / NoReferencePrice', () => {
    const e = new RiskEngine();
    const id = e.addInstrument({ ...BTC, priceBand: 0.05 });
    expectReason(e.check(buy(30000, 0.01), T0), 'NoReferencePrice');
    e.mark(id, 30000, T0);
    expectReason(e.check(buy(31500.1, 0.01), T0), 'PriceBandExceeded');
    expectReason(e.check(sell(28499.9, 0.01), T0), 'PriceBandExceeded');
    expectReason(e.check(buy(31500, 0.01), T0), 'Accepted');
  });
  it('ReduceOnlyWouldIncrease', () => {
    const { e } = engine();
    expectReason(e.check(sell(30000, 0.01, { reduceOnly: true }), T0), 'ReduceOnlyWouldIncrease');
    trade(e, buy(30000, 0.02));
    expectReason(e.check(sell(30000, 0.01, { reduceOnly: true }), T0), 'Accepted');
    expectReason(e.check(sell(30000, 0.03, { reduceOnly: true }), T0), 'ReduceOnlyWouldIncrease');
  });
  it('PositionLimit counts open orders on that side', () => {
    const { e, id } = engine();
    e.setInstrumentLimits(id, { maxPosition: 0.1 });
    trade(e, buy(30000, 0.05));
    e.submit(buy(29000, 0.03), T0);
    expectReason(e.check(buy(29000, 0.03), T0), 'PositionLimit');
    expectReason(e.check(buy(29000, 0.02), T0), 'Accepted');
  });
  it('GrossExposureLimit across symbols', () => {
    const e = new RiskEngine({ maxGrossExposure: 10000 });
    const a = e.addInstrument({ ...BTC, venue: 'a' });
    const b = e.addInstrument({ ...BTC, venue: 'b' });
    expect(e.instrumentId('b:BTCUSDT')).toBe(b);
    e.mark(a, 30000, T0);
    e.mark('b:BTCUSDT', 30000, T0);
    e.submit(buy(30000, 0.2, { instrument: a }), T0);
    expectReason(e.check(sell(30000, 0.2, { instrument: b }), T0), 'GrossExposureLimit');
    expect(e.account().grossExposure).toBeCloseTo(6000, 6);
  });
  it('MaxOpenOrders', () => {
    const { e } = engine({ maxOpenOrders: 1 });
    e.submit(buy(29000, 0.01), T0);
    expectReason(e.check(buy(29000, 0.01), T0), 'MaxOpenOrders');
  });
  it('DailyLossLimit switches to REDUCING until the next UTC day', () => {
    const { e, id } = engine({ dailyLossLimit: 100 });
    trade(e, buy(30000, 1));
    e.mark(id, 29899.9, T0 + 1);
    const acct = e.account();
    expect(acct.state).toBe('REDUCING');
    expect(acct.reducingByLossLimit).toBe(true);
    expect(acct.dailyPnl).toBeCloseTo(-100.1, 6);
    expectReason(e.check(buy(29900, 0.01), T0 + 2), 'DailyLossLimit');
    expectReason(e.check(sell(29900, 0.5), T0 + 2), 'Accepted');
    e.tick(T0 + 86_400_000);
    expect(e.state).toBe('ACTIVE');
    expect(e.account().dailyPnl).toBe(0);
  });
  it('RateLimitAccount / RateLimitSymbol (sliding window)', () => {
    const e = new RiskEngine({ maxOrdersPerWindow: 3 });
    e.addInstrument({ ...BTC, venue: 'a' }, { maxOrdersPerWindow: 2 });
    e.addInstrument({ ...BTC, venue: 'b' });
    e.submit(buy(29000, 0.01, { instrument: 0 }), T0);
    e.submit(buy(29000, 0.01, { instrument: 0 }), T0 + 100);
    expectReason(e.check(buy(29000, 0.01, { instrument: 0 }), T0 + 500), 'RateLimitSymbol');
    e.submit(buy(29000, 0.01, { instrument: 1 }), T0 + 500);
    expectReason(e.check(buy(29000, 0.01, { instrument: 1 }), T0 + 600), 'RateLimitAccount');
    expectReason(e.check(buy(29000, 0.01, { instrument: 1 }), T0 + 1000), 'Accepted');
  });
  it('DuplicateClientOrderId', () => {
    const { e } = engine();
    const o = buy(29000, 0.01);
    e.submit(o, T0);
    expectReason(e.check(o, T0), 'DuplicateClientOrderId');
    e.cancel(o.clientId, T0);
    expectReason(e.check(o, T0), 'DuplicateClientOrderId');
  });
  it('SelfTrade', () => {
    const { e } = engine();
    e.submit(sell(30100, 0.01), T0);
    expectReason(e.check(buy(30100, 0.01), T0), 'SelfTrade');
    expectReason(e.check({ ...buy(0, 0.01), type: 'market', price: undefined }, T0), 'SelfTrade');
  });
  it('InvalidInput', () => {
    const { e } = engine();
    for (const clientId of [-1, 1.5, NaN, 2 ** 60]) expectReason(e.check({ ...buy(30000, 0.01), clientId }, T0), 'InvalidInput');
    expectReason({ ...e.check(buy(30000, 0.01), NaN) }, 'InvalidInput');
  });
  it('UnknownOrder', () => {
    const { e } = engine();
    expect(e.checkCancel(12345)).toBe('UnknownOrder');
    seen.add('UnknownOrder');
    expect(() => e.cancel(12345, T0)).toThrow(RangeError);
    expect(() => e.fill(12345, 0.01, 30000, 0, T0)).toThrow(/not open/);
  });
  it('covers every reason code', () => {
    expect([...seen].sort()).toEqual([...REASON_CODES].sort());
  });
});

describe('RiskEngine API', () => {
  it('positions, PnL with fees, strategies and days', () => {
    const { e, id } = engine();
    const o = buy(30000, 1, { strategy: 'ema' });
    e.submit(o, T0);
    e.fill(o.clientId, 0.4, 30000, 1.2, T0);
    e.fill(o.clientId, 0.6, 30000, 1.8, T0);
    expect(e.openOrders()).toEqual([]);
    const c = sell(30100, 1, { strategy: 'ema' });
    e.submit(c, T0 + 10);
    expect(e.openOrders()).toMatchObject([{ clientId: c.clientId, side: 'sell', type: 'limit', qty: 1, leaves: 1, strategy: 'ema' }]);
    e.fill(c.clientId, 1, 30100, 3, T0 + 10);
    const st = e.strategyStats().find((s) => s.strategy === 'ema')!;
    expect(st).toMatchObject({ trades: 1, wins: 1, fills: 3 });
    expect(st.tradePnl).toBeCloseTo(94, 9);
    expect(st.avgTradePnl).toBeCloseTo(94, 9);
    expect(e.dailyPnl()).toEqual([{ day: '2024-01-15', dayStart: Date.UTC(2024, 0, 15), strategy: 'ema', pnl: expect.closeTo(94, 9) }]);
    // Open a short on another day; unrealised from the mark.
    trade(e, sell(30000, 0.5), T0 + 86_400_000);
    e.mark(id, 29000, T0 + 86_400_000 + 1);
    const [p] = e.positions();
    expect(p).toMatchObject({ instrument: 0, symbol: 'BTCUSDT', qty: -0.5, qtyStr: '-0.5', avgEntry: 30000, fills: 4 });
    expect(p!.unrealized).toBeCloseTo(500, 9);
    expect(p!.realized).toBeCloseTo(94, 9);
    expect(p!.strategy).toBeUndefined();
    expect(e.strategyPositions().map((s) => [s.strategy, s.qty])).toEqual([
      ['default', -0.5],
      ['ema', 0],
    ]);
    expect(e.account()).toMatchObject({ state: 'ACTIVE', openOrders: 0, acceptedTotal: 3 });
  });

  it('instrument helpers round side-aware and exactly', () => {
    const { e, id } = engine();
    expect(e.roundPrice(id, 100.37, 'buy')).toBe(100.3);
    expect(e.roundPrice(id, 100.37, 'sell')).toBe(100.4);
    expect(e.roundPrice('BTCUSDT', 100.35, 'nearest')).toBe(100.4);
    expect(e.roundQty(id, 0.0019)).toBe(0.001);
    expect(e.roundQty(id, NaN)).toBeNaN();
    expect(e.priceString(id, '30000.19', 'buy')).toBe('30000.1');
    expect(e.qtyString(id, '1e-3')).toBe('0.001');
    expect(e.instrument(id)).toMatchObject({ tickSize: '0.1', qtyStep: '0.001', minNotionalValue: '5', maxOrderQty: '100', maxMktOrderQty: '50', mark: 30000 });
  });

  it('raw and batch forms agree with check()', () => {
    const { e, id } = engine({ maxOpenOrders: 1000 });
    const n = 500;
    const batch = {
      clientIds: new Float64Array(n).map((_, i) => 1_000_000 + i),
      instruments: new Uint32Array(n).fill(id),
      sides: new Uint8Array(n).map((_, i) => i & 1),
      prices: new Float64Array(n).map((_, i) => 29950 + (i % 97) * 1.05),
      qtys: new Float64Array(n).map((_, i) => (i % 7 === 0 ? 0.0015 : 0.01)),
    };
    const out = e.checkBatch(batch, T0);
    for (let i = 0; i < n; i++) {
      const side = batch.sides[i] ? 'sell' : 'buy';
      const r = e.check({ clientId: batch.clientIds[i]!, instrument: id, side, price: batch.prices[i]!, qty: batch.qtys[i]! }, T0);
      expect(out[i]).toBe(r.code);
      expect(e.checkRaw(batch.clientIds[i]!, id, orderFlags(side), batch.prices[i]!, batch.qtys[i]!, T0)).toBe(r.code);
    }
    const counts = countReasons(out);
    expect(counts.Accepted).toBeGreaterThan(0);
    expect(counts.PriceOffTick).toBeGreaterThan(0);
    expect(counts.QtyOffStep).toBeGreaterThan(0);
    // submitBatch: later orders see earlier ones (self-trade appears, open orders grow).
    const { accepted } = e.submitBatch(batch, T0);
    expect(e.account().openOrders).toBe(accepted);
    expect(accepted).toBeLessThan(counts.Accepted!);
    expect(e.submitRaw(5, id, orderFlags('buy'), 20000, 0.01, T0)).toBe(ReasonCode.Accepted);
    expect(e.checkRaw(5, id, orderFlags('buy'), 20000, 0.01, T0)).toBe(ReasonCode.DuplicateClientOrderId);
  });

  it('batch errors', () => {
    const { e } = engine();
    const ok = { clientIds: new Float64Array(2), instruments: new Uint32Array(2), sides: new Uint8Array(2), prices: new Float64Array(2), qtys: new Float64Array(2) };
    expect(() => e.checkBatch({ ...ok, prices: new Float64Array(3) }, T0)).toThrow(RangeError);
    expect(() => e.checkBatch(ok, T0, new Uint8Array(1))).toThrow(RangeError);
    expect(() => e.checkBatch({ ...ok, sides: [0, 1] as unknown as Uint8Array }, T0)).toThrow(TypeError);
    expect(() => e.checkBatch({ ...ok, flags: new Uint8Array(1) }, T0)).toThrow(RangeError);
    const out = e.checkBatch({ ...ok, sides: new Uint8Array([0, 7]) }, T0);
    expect(out[1]).toBe(ReasonCode.InvalidInput);
  });

  it('bad input throws TypeError / RangeError, never crashes', () => {
    const { e } = engine();
    expect(() => new RiskEngine({ dailyLossLimit: -1 })).toThrow(RangeError);
    expect(() => new RiskEngine({ maxOpenOrders: 1.5 })).toThrow(RangeError);
    expect(() => new RiskEngine({ nope: 1 } as never)).toThrow(RangeError);
    expect(() => new RiskEngine('x' as never)).toThrow(TypeError);
    expect(() => e.addInstrument({ ...BTC, tickSize: '0' })).toThrow(RangeError);
    expect(() => e.addInstrument({ ...BTC, tickSize: 'abc' })).toThrow(RangeError);
    expect(() => e.addInstrument({ ...BTC, tickSize: {} as never })).toThrow(TypeError);
    expect(() => e.addInstrument({ ...BTC, minOrderQty: '10', maxOrderQty: '1' })).toThrow(RangeError);
    expect(() => e.addInstrument(BTC)).toThrow(/already registered/);
    expect(() => e.addInstrument({ ...BTC, bogus: 1 } as never)).toThrow(RangeError);
    expect(() => e.check(null as never, T0)).toThrow(TypeError);
    expect(() => e.check({ ...buy(1, 1), side: 'long' as never }, T0)).toThrow(RangeError);
    expect(() => e.check({ ...buy(1, 1), qty: '1' as never }, T0)).toThrow(TypeError);
    expect(() => e.mark(0, NaN, T0)).toThrow(RangeError);
    expect(() => e.mark(9, 1, T0)).toThrow(RangeError);
    expect(() => e.mark('nope', 1, T0)).toThrow(RangeError);
    expect(() => e.setState('PAUSED' as never, T0)).toThrow(RangeError);
    expect(() => e.tick(Infinity)).toThrow(RangeError);
    expect(() => e.fill(-1, 1, 1, 0, T0)).toThrow(RangeError);
    const o = buy(29000, 0.01);
    e.submit(o, T0);
    expect(() => e.fill(o.clientId, 0.02, 29000, 0, T0)).toThrow(/open/);
    expect(() => e.fill(o.clientId, 0.01, 29000.05, 0, T0)).toThrow(RangeError);
    expect(() => e.fill(o.clientId, 0.01, 29000, NaN, T0)).toThrow(RangeError);
    expect(e.openOrders()).toHaveLength(1);
    expect(() => e.restore(new Uint8Array(3))).toThrow(RangeError);
    expect(() => e.restore('x' as never)).toThrow(TypeError);
  });
});

describe('snapshot / restore', () => {
  function busy() {
    const { e, id } = engine({ maxOpenOrders: 10, dailyLossLimit: 1e6 });
    trade(e, buy(30000, 0.5, { strategy: 'mm' }));
    const o = sell(31000, 0.2, { strategy: 'mm' });
    e.submit(o, T0 + 1);
    e.fill(o.clientId, 0.1, 31000, 0.3, T0 + 2);
    e.mark(id, 30500, T0 + 3);
    return e;
  }

  it('round-trips the whole state', () => {
    const e = busy();
    const bytes = e.snapshot();
    expect(bytes).toBeInstanceOf(Uint8Array);
    const r = new RiskEngine();
    r.restore(bytes);
    expect(Buffer.compare(r.snapshot(), bytes)).toBe(0);
    expect(r.positions()).toEqual(e.positions());
    expect(r.openOrders()).toEqual(e.openOrders());
    expect(r.strategyStats()).toEqual(e.strategyStats());
    expect(r.dailyPnl()).toEqual(e.dailyPnl());
    expect(r.account()).toEqual(e.account());
    const probe = buy(30000, 0.01);
    expect(r.check(probe, T0 + 5)).toEqual(e.check(probe, T0 + 5));
  });

  it('rejects truncated, corrupt and version-skewed snapshots and keeps the engine', () => {
    const bytes = busy().snapshot();
    const { e: target } = engine();
    const before = Uint8Array.from(target.snapshot());
    for (const cut of [0, 4, 19, 24, bytes.length >> 1, bytes.length - 1]) {
      expect(() => target.restore(bytes.subarray(0, cut))).toThrow(/truncated|magic|corrupt/);
    }
    const flipped = Uint8Array.from(bytes);
    flipped[40] = flipped[40]! ^ 0x01;
    expect(() => target.restore(flipped)).toThrow(/checksum/);
    const extra = new Uint8Array(bytes.length + 1);
    extra.set(bytes);
    expect(() => target.restore(extra)).toThrow(/corrupt/);
    // A version this build does not read (with a valid checksum).
    const v2 = Uint8Array.from(bytes);
    v2[8] = 3;
    fixCrc(v2);
    expect(() => target.restore(v2)).toThrow(/version 3/);
    expect(() => target.restore(new TextEncoder().encode('not a snapshot at all, really'))).toThrow(/magic/);
    expect(Buffer.compare(target.snapshot(), before)).toBe(0);
  });
});

/** Recomputes the trailing CRC-32 (IEEE) of a snapshot. */
export function fixCrc(b: Uint8Array): void {
  let c = 0xffffffff;
  for (let i = 0; i < b.length - 4; i++) {
    c ^= b[i]!;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  c = ~c >>> 0;
  new DataView(b.buffer, b.byteOffset).setUint32(b.length - 4, c, true);
}
