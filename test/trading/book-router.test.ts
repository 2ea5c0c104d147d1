import { describe, expect, it } from 'vitest';
import { BookStatus, OrderBook, RiskEngine, Router } from '../../src/trading/index.js';

function book(venue = 'bybit', tick = '0.1', step = '0.001') {
  const b = new OrderBook({ venue, symbol: 'BTCUSDT', tickSize: tick, qtyStep: step });
  b.applySnapshot(
    10,
    [
      [100, 1],
      [99.9, 2],
      [99.5, 3],
    ],
    { prices: [100.1, 100.2], sizes: new Float64Array([0.5, 1.5]) },
  );
  return b;
}

describe('OrderBook', () => {
  it('is stale until a snapshot', () => {
    const b = new OrderBook({ venue: 'v', symbol: 's', tickSize: 0.5, qtyStep: 1 });
    expect(b.stale).toBe(true);
    expect(b.applyDelta(1, [['buy', 1, 1]])).toBe('Stale');
    expect(b.bestBid()).toBeUndefined();
    expect(b.mid()).toBeNaN();
  });

  it('answers top of book, depth, fill estimates and imbalance', () => {
    const b = book();
    expect(b.stale).toBe(false);
    expect(b.lastUpdateId).toBe(10);
    expect(b.bestBid()).toEqual({ price: 100, size: 1 });
    expect(b.bestAsk()).toEqual({ price: 100.1, size: 0.5 });
    expect(b.mid()).toBeCloseTo(100.05, 12);
    expect(b.spread()).toBeCloseTo(0.1, 12);
    const d = b.depth('bid', 2);
    expect([...d.prices]).toEqual([100, 99.9]);
    expect([...d.sizes]).toEqual([1, 2]);
    expect(b.depth('ask', 10).prices.length).toBe(2);
    const f = b.fillEstimate('buy', 1);
    expect(f.filled).toBe(1);
    expect(f.avgPrice).toBeCloseTo(100.15, 12);
    expect(f.worstPrice).toBe(100.2);
    expect(b.fillEstimate('buy', 5).filled).toBe(2);
    expect(b.averageFillPrice('sell', 2)).toBeCloseTo((100 + 99.9 * 1) / 2, 12);
    expect(b.imbalance(1)).toBeCloseTo((1 - 0.5) / 1.5, 12);
  });

  it('applies deltas: size 0 deletes, gaps and crosses make it stale', () => {
    const b = book();
    expect(b.applyDelta(11, [['buy', 100, 0], ['sell', 100.3, 4]])).toBe('Ok');
    expect(b.bestBid()?.price).toBe(99.9);
    expect(b.applyDelta(11, [['buy', 1, 1]])).toBe('Old');
    expect(b.applyDelta(12, { sides: new Uint8Array([0]), prices: new Float64Array([100.1]), sizes: new Float64Array([1]) })).toBe('Crossed');
    expect(b.stale).toBe(true);
    expect(b.bestBid()?.price).toBe(99.9); // rolled back
    b.applySnapshot(20, [[100, 1]], [[100.5, 1]]);
    expect(b.applyDelta(22, [['buy', 99, 1]])).toBe('Gap');
    expect(b.stale).toBe(true);
    b.applySnapshot(30, [[100, 1]], [[100.5, 1]]);
    expect(b.applyDelta(31, [['buy', 99.05, 1]])).toBe('Invalid');
    expect(b.applyDelta(32, [['buy', NaN, 1]])).toBe('Stale');
  });

  it('applies many messages in one call', () => {
    const b = book();
    const r = b.applyDeltas({
      ids: new Float64Array([11, 12, 14]),
      counts: new Uint32Array([2, 1, 1]),
      sides: new Uint8Array([0, 1, 0, 0]),
      prices: new Float64Array([99.7, 100.4, 99.6, 99]),
      sizes: new Float64Array([1, 1, 0, 1]),
    });
    expect(r.applied).toBe(2);
    expect([...r.statuses]).toEqual([BookStatus.Ok, BookStatus.Ok, BookStatus.Gap]);
    expect(() => b.applyDeltas({ ids: new Float64Array(1), counts: new Uint32Array([5]), sides: new Uint8Array(1), prices: new Float64Array(1), sizes: new Float64Array(1) })).toThrow(RangeError);
  });

  it('refuses crossed or malformed snapshots and keeps the book', () => {
    const b = book();
    expect(() => b.applySnapshot(50, [[101, 1]], [[100, 1]])).toThrow(/crossed/);
    expect(() => b.applySnapshot(50, [[100.05, 1]], [])).toThrow(RangeError);
    expect(() => b.applySnapshot(50, [[100, 1], [100, 2]], [])).toThrow(/repeats/);
    expect(() => b.applySnapshot(50, 'x' as never, [])).toThrow(TypeError);
    expect(b.lastUpdateId).toBe(10);
    expect(b.bestBid()).toEqual({ price: 100, size: 1 });
    expect(() => new OrderBook({ venue: 'v', symbol: 's', tickSize: 0, qtyStep: 1 })).toThrow(RangeError);
  });

  it('snapshot / restore round trip and corruption', () => {
    const b = book();
    const bytes = b.snapshot();
    const c = new OrderBook({ venue: 'x', symbol: 'y', tickSize: 1, qtyStep: 1 });
    c.restore(bytes);
    expect(c.bestAsk()).toEqual(b.bestAsk());
    expect([...c.depth('bid', 5).prices]).toEqual([...b.depth('bid', 5).prices]);
    const bad = Uint8Array.from(bytes);
    bad[bad.length - 9] = bad[bad.length - 9]! ^ 0xff;
    expect(() => c.restore(bad)).toThrow(/checksum/);
    expect(() => c.restore(bytes.subarray(0, 30))).toThrow(/truncated/);
  });
});

describe('Router', () => {
  function venues() {
    const a = new OrderBook({ venue: 'a', symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.0001' });
    a.applySnapshot(1, [[99, 1]], [[100, 1], [100.2, 5]]);
    const b = new OrderBook({ venue: 'b', symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.0001' });
    b.applySnapshot(1, [[99, 1]], [[100.05, 1], [100.3, 5]]);
    return { a, b };
  }

  it('sweeps by fee-adjusted price', () => {
    const { a, b } = venues();
    const r = new Router();
    expect(r.addVenue({ book: a, takerFee: 0.001 })).toBe(0);
    expect(r.addVenue({ book: b, takerFee: 0 })).toBe(1);
    expect(r.venueCount).toBe(2);
    const p = r.route({ side: 'buy', qty: 1.5 });
    expect(p.children).toHaveLength(2);
    const cb = p.children.find((c) => c.venueName === 'b')!;
    const ca = p.children.find((c) => c.venueName === 'a')!;
    expect(cb.qty).toBe(1);
    expect(ca.qty).toBe(0.5);
    expect(ca.price).toBe(100);
    expect(p.filled).toBeCloseTo(1.5, 12);
    expect(p.unfilled).toBe(0);
    expect(p.fees).toBeCloseTo(0.05, 9);
    expect(p.totalCost).toBeCloseTo(100.05 + 50 + 0.05, 9);
    expect(p.passes).toBe(1);
    expect(r.route({ side: 'buy', qty: 1.5, limit: 99.5 }).filled).toBe(0);
  });

  it('risk-checks children and re-routes the rejected ones', () => {
    const { a, b } = venues();
    const e = new RiskEngine();
    const ia = e.addInstrument({ symbol: 'BTCUSDT', venue: 'a', tickSize: '0.01', qtyStep: '0.0001' }, { maxPosition: 0.5 });
    e.addInstrument({ symbol: 'BTCUSDT', venue: 'b', tickSize: '0.01', qtyStep: '0.0001' });
    const r = new Router(e);
    r.addVenue({ book: a, takerFee: 0, instrument: ia });
    r.addVenue({ book: b, takerFee: 0, instrument: 'b:BTCUSDT' });
    const p = r.route({ side: 'buy', qty: 2, now: 1 });
    expect(p.children.map((c) => c.venueName)).toEqual(['b']);
    expect(p.dropped).toEqual([{ venue: 0, venueName: 'a', qty: 1, reason: 'PositionLimit' }]);
    expect(p.passes).toBe(2);
  });

  it('gives no venue a child under its minimum: the others take the quantity', () => {
    const { a, b } = venues();
    const r = new Router();
    r.addVenue({ book: a, takerFee: 0, rules: { symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.0001', minOrderQty: '1.5' } });
    r.addVenue({ book: b, takerFee: 0 });
    const p = r.route({ side: 'buy', qty: 2 });
    // a must take at least 1.5: 1 at 100 + 0.5 at 100.2, with b's 0.5 at 100.05, costs less
    // than 2 from b (100.05 + 100.3).
    expect(p.children.map((c) => [c.venueName, c.qty])).toEqual([['a', 1.5], ['b', 0.5]]);
    expect(p.dropped).toEqual([]);
    expect(p.totalCost).toBeCloseTo(100 + 0.5 * 100.2 + 0.5 * 100.05, 9);
  });

  it('bad input', () => {
    const { a } = venues();
    const r = new Router();
    expect(() => r.route({ side: 'buy', qty: 1 })).toThrow(/no venues/);
    expect(() => r.addVenue({ book: a, takerFee: 0.5 })).toThrow(RangeError);
    expect(() => r.addVenue({ book: {} as never, takerFee: 0 })).toThrow(TypeError);
    expect(() => r.addVenue({ book: a, takerFee: 0, instrument: 0 })).toThrow(RangeError);
    expect(() => r.addVenue({ book: a, takerFee: 0, rules: { symbol: 'X', tickSize: '0.1', qtyStep: '0.0001' } })).toThrow(/differ/);
    r.addVenue({ book: a, takerFee: 0 });
    expect(() => r.route({ side: 'buy', qty: NaN })).toThrow(RangeError);
    expect(() => r.route({ side: 'buy', qty: -1 })).toThrow(RangeError);
    expect(() => r.route({ side: 'up' as never, qty: 1 })).toThrow(RangeError);
    expect(() => r.route({ side: 'buy', qty: 1, limit: NaN })).toThrow(RangeError);
    expect(() => r.route({ side: 'buy', qty: 1e-9 })).toThrow(/finest/);
  });
});
