// Bad input from JS never crashes the process: every call either works, returns a reject
// code, or throws a TypeError / RangeError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook, REASON_CODES, RiskEngine, Router } from '../../src/trading/index.js';

const junk = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 2 ** 53, 2 ** 64, -1, 1e-300, 1e300),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(null, undefined, true, {}, [], 'buy', 'sell', 'limit', 'market', '0.1', '1e-3'),
  fc.constant(new Float64Array(2)),
);

function onlyJsErrors(f: () => unknown) {
  try {
    f();
  } catch (e) {
    expect(e instanceof TypeError || e instanceof RangeError, String(e)).toBe(true);
  }
}

describe('fuzzing the trading API with junk', () => {
  const e = new RiskEngine({ maxOpenOrders: 50 });
  const id = e.addInstrument({ symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001', minNotionalValue: '5', priceBand: 0.1 });
  e.mark(id, 30000, 0);

  it('check / submit never throw for junk numbers, and return known reasons', () => {
    fc.assert(
      fc.property(fc.tuple(junk, junk, junk, junk, junk, junk), ([clientId, price, qty, now, inst, reduce]) => {
        onlyJsErrors(() => {
          const r = e.submit({ clientId, instrument: inst, side: 'buy', price, qty, reduceOnly: reduce } as never, now as never);
          expect(REASON_CODES).toContain(r.reason);
        });
        if (typeof price === 'number' && typeof qty === 'number' && typeof clientId === 'number') {
          const r = e.check({ clientId, instrument: 0, side: 'sell', price, qty }, 1);
          expect(REASON_CODES).toContain(r.reason);
          const code = e.checkRaw(clientId, 0, 1, price, qty, typeof now === 'number' ? now : 1);
          expect(code).toBeGreaterThanOrEqual(0);
          expect(code).toBeLessThan(REASON_CODES.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('events and helpers throw only TypeError / RangeError', () => {
    fc.assert(
      fc.property(fc.tuple(junk, junk, junk, junk), ([a, b, c, d]) => {
        onlyJsErrors(() => e.fill(a as never, b as never, c as never, d as never, 1));
        onlyJsErrors(() => e.cancel(a as never, b as never));
        onlyJsErrors(() => e.mark(a as never, b as never, c as never));
        onlyJsErrors(() => e.roundPrice(0, a as never, 'buy'));
        onlyJsErrors(() => e.priceString(0, a as never, 'sell'));
        onlyJsErrors(() => e.qtyString(0, b as never));
        onlyJsErrors(() => e.setInstrumentLimits(0, { maxPosition: a, maxNotional: b } as never));
        onlyJsErrors(() => e.addInstrument({ symbol: String(a), tickSize: b, qtyStep: c, minOrderQty: d } as never));
        onlyJsErrors(() => e.restore(new Uint8Array([1, 2, 3])));
      }),
      { numRuns: 300 },
    );
    expect(e.account().state).toBe('ACTIVE');
  });

  it('books and the router take junk without crashing', () => {
    const b = new OrderBook({ venue: 'v', symbol: 's', tickSize: '0.5', qtyStep: '1' });
    b.applySnapshot(1, [[100, 1]], [[101, 1]]);
    const r = new Router();
    r.addVenue({ book: b, takerFee: 0 });
    let id = 2;
    fc.assert(
      fc.property(fc.tuple(junk, junk, junk, fc.constantFrom('buy', 'sell', 'x')), ([p, q, qty, side]) => {
        onlyJsErrors(() => b.applyDelta(id++, [[side as never, p as never, q as never]]));
        onlyJsErrors(() => b.applySnapshot(id++, [[p as never, q as never]], [[101, 1]]));
        onlyJsErrors(() => b.fillEstimate(side as never, qty as never));
        onlyJsErrors(() => r.route({ side: side as never, qty: qty as never, limit: p as never }));
        onlyJsErrors(() => b.depth('bid', q as never));
      }),
      { numRuns: 300 },
    );
  });
});
