// One strategy, backtested and then run "live": the same MA-crossover object trades through
// hean's RiskEngine against the simulated venue (runEvents) and against an asynchronous
// in-process mock exchange behind a Venue adapter (LiveSession). The mock fills a market
// order at the next price it sees (the next bar's open), so the live fills equal the
// backtest's with `latencyBars: 1`.
//
//   node examples/events-live.mjs              (after npm run build)
//   import { runEventsExample } from './events-live.mjs'; await runEventsExample(hean, bars)

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** An MA crossover on hean's streaming SMAs: long `qty` above, flat below. */
export function maCross(hean, fast, slow, qty) {
  const f = new hean.Sma(fast);
  const s = new hean.Sma(slow);
  return {
    onBar(bar, ctx) {
      const a = f.update(bar.close);
      const b = s.update(bar.close);
      if (!(a === a && b === b)) return;
      if (a > b && ctx.position === 0 && ctx.openOrders === 0) ctx.buy(qty);
      else if (a < b && ctx.position > 0 && ctx.openOrders === 0) ctx.sell(ctx.position, { reduceOnly: true });
    },
    onReject(r, ctx) {
      ctx.log?.(`rejected ${r.clientId}: ${r.reason} (${r.stage})`);
    },
  };
}

/**
 * A toy exchange with an async API: orders are acknowledged after an event-loop turn and
 * market orders fill at the next price the exchange sees; executions are pushed to
 * subscribers. Prices on a 0.01 tick; taker fee 0.06%.
 */
export class MockExchange {
  #subs = [];
  #orders = new Map();
  #time = 0;
  takerFee = 0.0006;

  onExecution(fn) {
    this.#subs.push(fn);
  }

  async placeOrder({ clientOrderId, side, type, qty }) {
    await tick();
    if (type !== 'market') throw new Error(`mock exchange: ${type} orders not supported`);
    this.#orders.set(clientOrderId, { side, qty });
    return { orderId: `m-${clientOrderId}` };
  }

  async cancelOrder(clientOrderId) {
    await tick();
    const had = this.#orders.delete(clientOrderId);
    if (had) for (const fn of this.#subs) fn({ type: 'cancel', clientOrderId, time: this.#time });
  }

  /** The market trades at `price`: resting market orders fill (asynchronously for the subscriber). */
  async trade(price, time) {
    this.#time = time;
    for (const [id, o] of this.#orders) {
      this.#orders.delete(id);
      const fee = o.qty * price * this.takerFee;
      await tick();
      for (const fn of this.#subs) fn({ type: 'fill', clientOrderId: id, qty: o.qty, price, fee, time, maker: false });
    }
  }

  /** Streams bars: trades at each bar's open (fills), then publishes the closed bar. */
  async *klines(bars) {
    for (let i = 0; i < bars.close.length; i++) {
      await tick(); // acknowledgements of the orders sent on the last bar land first
      await this.trade(bars.open[i], bars.time[i]);
      yield { time: bars.time[i], open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume?.[i] };
    }
  }
}

/** The adapter: hean's Venue interface on top of the mock exchange's API. */
export class MockVenueAdapter {
  constructor(exchange) {
    this.exchange = exchange;
    this.pending = new Set();
  }

  connect(listener) {
    this.exchange.onExecution((e) => {
      if (e.type === 'fill') listener.fill(e.clientOrderId, e.qty, e.price, e.fee, e.time, e.maker);
      else if (e.type === 'cancel') listener.cancelled(e.clientOrderId, e.time);
    });
    this.listener = listener;
  }

  send(order) {
    // Copy what we need: hean reuses the order object.
    const { clientId, side, type, qty, time } = order;
    const p = this.exchange
      .placeOrder({ clientOrderId: clientId, side, type, qty })
      .catch((err) => this.listener.rejected(clientId, time, String(err.message ?? err)))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  cancel(clientId) {
    this.exchange.cancelOrder(clientId);
  }
}

/** Backtest, then live on the mock exchange; returns both summaries. */
export async function runEventsExample(hean, bars, { log = console.log } = {}) {
  const rules = { symbol: 'DEMOUSDT', tickSize: '0.01', qtyStep: '0.001', minNotionalValue: '5' };
  const fees = { takerFee: 0.0006 };

  // 1. Backtest: simulated venue, one bar of latency (a market order fills at the next open).
  const bt = hean.runEvents(maCross(hean, 10, 30, 0.5), bars, { ...fees, latencyBars: 1, instrument: rules, limits: { maxPosition: 1 } });
  log(`backtest: ${bt.fills.qty.length} fills, ${bt.trades.pnl.length} trades, final value ${bt.finalValue.toFixed(2)}`);

  // 2. Live: the same strategy code, a RiskEngine, and the adapter to the async mock exchange.
  const engine = new hean.RiskEngine({ maxOpenOrders: 10 });
  const instrument = engine.addInstrument(rules, { maxPosition: 1 });
  const exchange = new MockExchange();
  const venue = new MockVenueAdapter(exchange);
  const live = new hean.LiveSession(maCross(hean, 10, 30, 0.5), { engine, instrument, venue });
  for await (const bar of exchange.klines(bars)) live.bar(bar);
  await Promise.all([...venue.pending]);
  await tick();
  const pos = engine.positions()[0];
  const liveFills = live.trader.fills();
  log(`live:     ${liveFills.qty.length} fills, position ${pos.qty}, realised ${pos.realized.toFixed(4)}, equity ${live.trader.equity.toFixed(2)}`);
  return { backtest: bt, live: { fills: liveFills, trades: live.trader.trades(), position: pos, equity: live.trader.equity, engine } };
}

/** A seeded random walk on a 0.01 tick, one bar a minute. */
export function demoBars(n = 2000, seed = 5) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const bars = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n) };
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p = Math.round(p * (1 + (r() - 0.5) * 0.01) * 100) / 100;
    bars.time[i] = Date.UTC(2024, 0, 1) + i * 60_000;
    bars.open[i] = o;
    bars.close[i] = p;
    bars.high[i] = Math.max(o, p) + 0.05;
    bars.low[i] = Math.min(o, p) - 0.05;
  }
  return bars;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const hean = await import('../dist/index.js');
  await runEventsExample(hean, demoBars());
}
