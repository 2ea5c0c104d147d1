// Event-driven backtests: the same MA crossover against the vectorised kernel (trades and
// final value), hand-computed fills within a bar (path order, gaps, fees, latency), the
// RiskEngine's rejections surfacing with their reason codes, and bad input.
import { describe, expect, it } from 'vitest';
import { backtest, EventBacktest, LiveSession, OrderBook, ReasonCode, RiskEngine, runEvents, Sma, sma, type Bar, type Strategy, type StrategyContext } from '../../src/index.js';
import { rng } from '../helpers.js';

/** A random walk on a 0.01 tick: open = previous close, wicks beyond both. */
function walk(n: number, seed: number) {
  const r = rng(seed);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p = Math.max(1, Math.round(p * (1 + (r() - 0.5) * 0.02) * 100) / 100);
    open[i] = o;
    close[i] = p;
    high[i] = Math.round(Math.max(o, p) * (1 + r() * 0.003) * 100) / 100;
    low[i] = Math.round(Math.min(o, p) * (1 - r() * 0.003) * 100) / 100;
  }
  return { open, high, low, close };
}

/** Crossings as vectorbt defines them (wait 0), computed from the batch SMAs. */
function crossSignals(close: Float64Array, f: number, s: number) {
  const a = sma(close, f);
  const b = sma(close, s);
  const entries = new Uint8Array(close.length);
  const exits = new Uint8Array(close.length);
  for (let i = 1; i < close.length; i++) {
    if (!(a[i - 1]! === a[i - 1]! && b[i - 1]! === b[i - 1]!)) continue;
    if (a[i]! > b[i]! && a[i - 1]! <= b[i - 1]!) entries[i] = 1;
    if (a[i]! < b[i]! && a[i - 1]! >= b[i - 1]!) exits[i] = 1;
  }
  return { entries, exits };
}

/** The same crossover as a streaming strategy: buys `qty` on a cross above, sells it on a cross below. */
function crossStrategy(f: number, s: number, qty: number): Strategy {
  const fast = new Sma(f);
  const slow = new Sma(s);
  let pf = NaN;
  let ps = NaN;
  return {
    onBar(bar: Bar, ctx: StrategyContext) {
      const a = fast.update(bar.close);
      const b = slow.update(bar.close);
      if (pf === pf && ps === ps) {
        if (a > b && pf <= ps && ctx.position === 0) ctx.buy(qty);
        else if (a < b && pf >= ps && ctx.position > 0) ctx.sell(ctx.position, { reduceOnly: true });
      }
      pf = a;
      ps = b;
    },
  };
}

function expectSameTrades(ev: ReturnType<typeof runEvents>['trades'], vec: NonNullable<ReturnType<typeof backtest.fromSignals>['trades']>) {
  expect(ev.entryIndex.length).toBe(vec.entryIndex.length);
  expect(Array.from(ev.entryIndex)).toEqual(Array.from(vec.entryIndex));
  expect(Array.from(ev.exitIndex)).toEqual(Array.from(vec.exitIndex));
  expect(Array.from(ev.open)).toEqual(Array.from(vec.open));
  for (const k of ['size', 'entryPrice', 'exitPrice', 'entryFees', 'exitFees', 'pnl'] as const)
    for (let i = 0; i < ev[k].length; i++) expect(ev[k][i]).toBeCloseTo(vec[k][i]!, 9);
}

describe('event-driven vs vectorised: the same MA crossover', () => {
  const bars = walk(3000, 11);
  for (const [name, latency, price] of [
    ['fills at the signal bar close (latency 0)', 0, 'close'],
    ['fills at the next open (latency 1 bar)', 1, 'nextOpen'],
  ] as const) {
    it(name, () => {
      const { entries, exits } = crossSignals(bars.close, 10, 30);
      const vec = backtest.fromSignals({ ...bars, entries, exits }, { size: 2, fees: 0.001, initCash: 1e6, price });
      const ev = runEvents(crossStrategy(10, 30, 2), bars, { takerFee: 0.001, initCash: 1e6, latencyBars: latency });
      expect(vec.trades!.entryIndex.length).toBeGreaterThan(40);
      expectSameTrades(ev.trades, vec.trades!);
      expect(ev.finalValue).toBeCloseTo(vec.metrics.endValue[0]!, 6);
      expect(ev.ledgerValue).toBeCloseTo(vec.metrics.endValue[0]!, 6);
      expect(ev.equity![2999]).toBeCloseTo(vec.metrics.endValue[0]!, 6);
      // Positions and PnL come from the engine: its realised PnL is the closed trades' PnL.
      const closed = ev.trades.pnl.reduce((a, p, i) => a + (ev.trades.open[i] ? 0 : p), 0);
      const openEntryFees = ev.trades.entryFees.reduce((a, p, i) => a + (ev.trades.open[i] ? p : 0), 0);
      expect(ev.position.realized).toBeCloseTo(closed - openEntryFees, 6);
      expect(ev.position.qty).toBe(ev.trades.open[ev.trades.open.length - 1] ? 2 : 0);
      expect(vec.metrics.totalFeesPaid[0]).toBeCloseTo(ev.fills.fee.reduce((a, b) => a + b, 0), 9);
      // Marking the engine at every close instead of before each order changes nothing here.
      const everyBar = runEvents(crossStrategy(10, 30, 2), bars, { takerFee: 0.001, initCash: 1e6, latencyBars: latency, mark: 'bar' });
      expect(everyBar.trades).toEqual(ev.trades);
      expect(everyBar.finalValue).toBe(ev.finalValue);
    });
  }
});

// Random signals (same-bar conflicts included), sizes, fees, price scales and both fill
// prices: the strategy does what fromSignals does with them (an entry when flat, an exit
// when long, both on one bar ignored), so every trade and the final value must agree.
describe('event-driven vs vectorised: random signals', () => {
  it.each(Array.from({ length: 16 }, (_, k) => k))('case %i', (k) => {
    const r = rng(9000 + k);
    const n = k % 2 ? 500 : 100;
    const scale = [1, 0.2, 1000][k % 3]!;
    const tick = (x: number) => Math.max(0.01, Math.round(x * 100) / 100);
    const open = new Float64Array(n);
    const high = new Float64Array(n);
    const low = new Float64Array(n);
    const close = new Float64Array(n);
    let p = 100 * scale;
    for (let i = 0; i < n; i++) {
      const o = tick(r() < 0.3 ? p * (1 + (r() - 0.5) * 0.01) : p);
      p = tick(o * (1 + (r() - 0.5) * 0.04));
      open[i] = o;
      close[i] = p;
      high[i] = Math.max(o, p, tick(Math.max(o, p) * (1 + 0.003 * r())));
      low[i] = Math.max(0.01, Math.min(o, p, tick(Math.min(o, p) * (1 - 0.003 * r()))));
    }
    const pe = k % 4 < 2 ? 0.05 : 0.3;
    const entries = Uint8Array.from({ length: n }, () => (r() < pe ? 1 : 0));
    const exits = Uint8Array.from({ length: n }, () => (r() < pe ? 1 : 0));
    const qty = [1, 3, 0.5][Math.floor(k / 3) % 3]!;
    const fee = [0, 0.001, 0.0025][k % 3]!;
    const latency = Math.floor(k / 2) % 2;
    const initCash = 1e9 * scale;
    const strategy: Strategy = {
      onBar(bar: Bar, ctx: StrategyContext) {
        const en = entries[bar.index] === 1;
        const ex = exits[bar.index] === 1;
        if (en && ex) return;
        if (en && ctx.position === 0) ctx.buy(qty);
        else if (ex && ctx.position > 0) ctx.sell(ctx.position, { reduceOnly: true });
      },
    };
    const vec = backtest.fromSignals({ open, high, low, close, entries, exits }, { size: qty, fees: fee, initCash, price: latency ? 'nextOpen' : 'close' });
    const ev = runEvents(strategy, { open, high, low, close }, { takerFee: fee, initCash, latencyBars: latency });
    expect(vec.trades!.entryIndex.length).toBeGreaterThan(2);
    expect(Array.from(ev.trades.entryIndex)).toEqual(Array.from(vec.trades!.entryIndex));
    expect(Array.from(ev.trades.exitIndex)).toEqual(Array.from(vec.trades!.exitIndex));
    expect(Array.from(ev.trades.open)).toEqual(Array.from(vec.trades!.open));
    const near = (a: number, b: number, what: string) => {
      if (!(Math.abs(a - b) <= Math.max(1e-9 * Math.abs(b), 1e-9))) expect.fail(`${what}: event ${a} vs vectorised ${b}`);
    };
    for (const key of ['size', 'entryPrice', 'exitPrice', 'entryFees', 'exitFees', 'pnl'] as const)
      for (let i = 0; i < ev.trades[key].length; i++) near(ev.trades[key][i]!, vec.trades![key][i]!, `trade ${i} ${key}`);
    near(ev.finalValue, vec.metrics.endValue[0]!, 'final value');
  });
});

/** A strategy that runs a script: `at[i]` is called on bar i. */
function script(at: Record<number, (ctx: StrategyContext) => void>, log?: string[]): Strategy {
  return {
    onBar(bar, ctx) {
      at[bar.index]?.(ctx);
    },
    onFill(f) {
      log?.push(`fill ${f.clientId} ${f.side} ${f.qty}@${f.price} fee ${f.fee.toFixed(6)} ${f.maker ? 'maker' : 'taker'} bar ${f.index}`);
    },
    onReject(r) {
      log?.push(`reject ${r.clientId} ${r.reason} ${r.stage}`);
    },
  };
}

const f64 = (...x: number[]) => Float64Array.from(x);

describe('venue fill rules (hand-computed)', () => {
  it('a down bar goes open → high → low → close: the stop above fills before the limit below', () => {
    // bar 1: open 100, high 105, low 95, close 97 (down): high first.
    const bars = { open: f64(100, 100, 97), high: f64(100, 105, 97), low: f64(100, 95, 97), close: f64(100, 97, 97) };
    const log: string[] = [];
    runEvents(script({ 0: (c) => (c.buyLimit(1, 96), c.buyStop(1, 104)) }, log), bars, { makerFee: 0.001, takerFee: 0.002 });
    expect(log).toEqual(['fill 2 buy 1@104 fee 0.208000 taker bar 1', 'fill 1 buy 1@96 fee 0.096000 maker bar 1']);
  });

  it('an up bar goes open → low → high → close: the limit below fills first', () => {
    const bars = { open: f64(100, 100, 103), high: f64(100, 105, 103), low: f64(100, 95, 103), close: f64(100, 103, 103) };
    const log: string[] = [];
    runEvents(script({ 0: (c) => (c.buyStop(1, 104), c.buyLimit(1, 96)) }, log), bars, { makerFee: 0.001, takerFee: 0.002 });
    expect(log).toEqual(['fill 2 buy 1@96 fee 0.096000 maker bar 1', 'fill 1 buy 1@104 fee 0.208000 taker bar 1']);
  });

  it('gaps: an open beyond a stop fills at the open (worse), beyond a resting limit at the open (better)', () => {
    const bars = { open: f64(100, 100, 90, 90), high: f64(100, 100, 91, 90), low: f64(100, 100, 89, 90), close: f64(100, 100, 90, 90) };
    const log: string[] = [];
    runEvents(script({ 0: (c) => c.buy(2), 1: (c) => (c.sellStop(1, 95, { reduceOnly: true }), c.buyLimit(1, 97)) }, log), bars, { takerFee: 0.001, makerFee: -0.0001 });
    expect(log).toEqual([
      'fill 1 buy 2@100 fee 0.200000 taker bar 0',
      'fill 2 sell 1@90 fee 0.090000 taker bar 2',
      'fill 3 buy 1@90 fee -0.009000 maker bar 2',
    ]);
  });

  it('latency in bars: a market order sent on bar 0 with latency 2 fills at the open of bar 2', () => {
    const bars = { open: f64(10, 11, 12, 13), close: f64(10.5, 11.5, 12.5, 13.5) };
    const log: string[] = [];
    const r = runEvents(script({ 0: (c) => c.buy(1) }, log), bars, { latencyBars: 2 });
    expect(log).toEqual(['fill 1 buy 1@12 fee 0.000000 taker bar 2']);
    expect(Array.from(r.equity!)).toEqual([10_000, 10_000, 10_000.5, 10_001.5]);
  });

  it('a marketable limit sent at the close fills there as a taker; one that is not rests and later fills as a maker', () => {
    const bars = { open: f64(10, 10), high: f64(10, 10.5), low: f64(10, 9.5), close: f64(10, 10) };
    const log: string[] = [];
    runEvents(script({ 0: (c) => (c.buyLimit(1, 10.2), c.sellLimit(1, 10.4)) }, log), bars, { makerFee: 0.01, takerFee: 0.02 });
    expect(log).toEqual(['fill 1 buy 1@10 fee 0.200000 taker bar 0', 'fill 2 sell 1@10.4 fee 0.104000 maker bar 1']);
  });

  it('off-tick prices fill on the tick, rounded against the trader', () => {
    const bars = { close: f64(100.123, 100.127) };
    const log: string[] = [];
    runEvents(script({ 0: (c) => c.buy(1), 1: (c) => c.sell(1) }, log), bars);
    expect(log).toEqual(['fill 1 buy 1@100.13 fee 0.000000 taker bar 0', 'fill 2 sell 1@100.12 fee 0.000000 taker bar 1']);
  });

  it('a gap bar (NaN) fills nothing; the order waits for the next open', () => {
    const bars = { open: f64(10, NaN, 12), close: f64(10, NaN, 12.5) };
    const log: string[] = [];
    const r = runEvents(script({ 1: (c) => c.buy(1) }, log), bars);
    expect(log).toEqual(['fill 1 buy 1@12 fee 0.000000 taker bar 2']);
    expect(r.equity![1]).toBe(10_000);
  });

  it('cancel with latency: a limit cancelled on bar 0 with one bar of latency can still fill on bar 1', () => {
    const bars = { open: f64(10, 10, 10), high: f64(10, 10, 10), low: f64(10, 9, 9), close: f64(10, 10, 10) };
    const log: string[] = [];
    runEvents(script({ 0: (c) => c.buyLimit(1, 9.5), 1: (c) => c.cancel(1) }, log), bars, { latencyBars: 1 });
    expect(log).toEqual(['fill 1 buy 1@9.5 fee 0.000000 maker bar 1']);
    const log2: string[] = [];
    const r = runEvents(script({ 0: (c) => (c.buyLimit(1, 9.5), c.cancel(1)) }, log2), bars, { latencyBars: 0 });
    expect(log2).toEqual([]);
    expect(r.engine.account().openOrders).toBe(0);
  });
});

describe('every order passes through the RiskEngine', () => {
  it('a position limit rejects with PositionLimit, and the venue never sees the order', () => {
    const bars = { close: f64(100, 101, 102) };
    const log: string[] = [];
    const codes: number[] = [];
    const r = runEvents(script({ 0: (c) => codes.push(c.buy(1)), 1: (c) => codes.push(c.buy(1.5)) }, log), bars, {
      instrument: { symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.001' },
      limits: { maxPosition: 2 },
    });
    expect(codes).toEqual([0, ReasonCode.PositionLimit]);
    expect(log).toEqual(['fill 1 buy 1@100 fee 0.000000 taker bar 0', 'reject 2 PositionLimit risk']);
    expect(r.rejections).toEqual({ PositionLimit: 1 });
    expect(r.accepted).toBe(1);
    expect(r.position.qty).toBe(1);
  });

  it('off-step quantities, a halted account and a user engine with its own limits', () => {
    const engine = new RiskEngine({ maxOpenOrders: 1 });
    const id = engine.addInstrument({ symbol: 'ETHUSDT', tickSize: '0.05', qtyStep: '0.01' });
    const codes: number[] = [];
    const r = runEvents(
      script({
        0: (c) => codes.push(c.buy(0.015), c.buyLimit(1, 99.07), c.buyLimit(1, 90), c.buyLimit(1, 91)),
        1: (c) => (c.engine.setState('HALTED', c.time), codes.push(c.buy(1))),
      }),
      { close: f64(100, 100) },
      { engine, instrument: id },
    );
    expect(codes).toEqual([ReasonCode.QtyOffStep, ReasonCode.PriceOffTick, 0, ReasonCode.MaxOpenOrders, ReasonCode.TradingHalted]);
    expect(r.rejections).toEqual({ QtyOffStep: 1, PriceOffTick: 1, MaxOpenOrders: 1, TradingHalted: 1 });
  });

  it("a daily loss limit switches the account to REDUCING at the bar it is breached (mark: 'bar')", () => {
    const engine = new RiskEngine({ dailyLossLimit: 5 });
    const id = engine.addInstrument({ symbol: 'X', tickSize: '0.01', qtyStep: '0.001' });
    const codes: number[] = [];
    // long 1 at 100; the close drops to 94 (-6), recovers to 99; then a new buy is refused
    runEvents(script({ 0: (c) => codes.push(c.buy(1)), 3: (c) => codes.push(c.buy(1), c.sell(1)) }), { close: f64(100, 94, 99, 99) }, { engine, instrument: id });
    expect(codes).toEqual([0, ReasonCode.DailyLossLimit, 0]);
    expect(engine.account().reducingByLossLimit).toBe(true);
  });

  it('positions and PnL in the engine follow the fills (long, flip to short, flat)', () => {
    const bars = { close: f64(100, 110, 105, 100) };
    const r = runEvents(script({ 0: (c) => c.targetPosition(2), 1: (c) => c.targetPosition(-1), 2: (c) => c.targetPosition(0) }), bars, { takerFee: 0.001 });
    // +2 @100, -3 @110 (close 2 long: +20, open 1 short), +1 @105 (short: +5)
    const fees = 0.001 * (200 + 330 + 105);
    expect(r.position.qty).toBe(0);
    expect(r.position.realized).toBeCloseTo(25 - fees, 9);
    expect(r.finalValue).toBeCloseTo(10_000 + 25 - fees, 9);
    expect(r.ledgerValue).toBeCloseTo(r.finalValue, 9);
    expect(Array.from(r.trades.pnl)).toEqual([expect.closeTo(20 - 0.2 - 0.22, 9), expect.closeTo(5 - 0.11 - 0.105, 9)]);
    expect(Array.from(r.trades.direction)).toEqual([1, -1]);
  });
});

describe('ticks and books', () => {
  it('trade prints: a stop triggers at the print; a resting limit fills at its own price', () => {
    const log: string[] = [];
    const s = script({}, log);
    const bt = new EventBacktest({ ...s, onTick: (p, _q, _t, c) => void (p === 100 && c.position === 0 && c.openOrders === 0 && (c.buyStop(1, 101), c.buyLimit(1, 99))) }, { takerFee: 0.001 });
    bt.tick(100, 1, 1000);
    bt.tick(100.5, 1, 2000);
    bt.tick(101.2, 1, 3000);
    bt.tick(98.5, 1, 4000);
    expect(log).toEqual(['fill 1 buy 1@101.2 fee 0.101200 taker bar -1', 'fill 2 buy 1@99 fee 0.000000 maker bar -1']);
    expect(bt.result().position.qty).toBe(2);
  });
});

describe('L2 book', () => {
  it('a market order walks the levels (one fill per level); a resting limit fills when the ask reaches it; latency in ms', () => {
    const book = new OrderBook({ venue: 'sim', symbol: 'SIM', tickSize: '0.01', qtyStep: '0.001' });
    book.applySnapshot(1, [[99.9, 1], [99.8, 2]], [[100.1, 0.5], [100.2, 1], [100.3, 5]]);
    const log: string[] = [];
    const s = script({}, log);
    let sent = false;
    const bt = new EventBacktest(
      { ...s, onBook: (_b, _t, c) => void (!sent && ((sent = true), c.buy(1.2), c.buyLimit(1, 100))) },
      { takerFee: 0.001, makerFee: 0, latencyMs: 50 },
    );
    bt.book(book, 1000); // orders sent at t = 1000 arrive at 1050
    expect(log).toEqual([]);
    bt.book(book, 1040);
    expect(log).toEqual([]);
    bt.book(book, 1050);
    expect(log).toEqual(['fill 1 buy 0.5@100.1 fee 0.050050 taker bar -1', 'fill 1 buy 0.7@100.2 fee 0.070140 taker bar -1']);
    book.applySnapshot(2, [[99.9, 1]], [[100, 3]]);
    bt.book(book, 2000);
    expect(log[2]).toBe('fill 2 buy 1@100 fee 0.000000 maker bar -1');
    const r = bt.result();
    expect(r.position.qty).toBe(2.2);
    expect(r.position.avgEntry).toBeCloseTo((0.5 * 100.1 + 0.7 * 100.2 + 100) / 2.2, 9);
  });
});

describe('bad input', () => {
  it('throws TypeError / RangeError naming the argument, and registers nothing', () => {
    const bars = { close: f64(1, 2, 3) };
    expect(() => runEvents({} as unknown as Strategy, bars)).toThrow(TypeError);
    expect(() => runEvents({ onBar: 1 } as unknown as Strategy, bars)).toThrow(/onBar must be a function/);
    expect(() => runEvents(script({}), { close: 'x' } as never)).toThrow(TypeError);
    expect(() => runEvents(script({}), { close: f64(1, 2), open: f64(1) })).toThrow(RangeError);
    expect(() => runEvents(script({}), bars, { takerFee: -1 })).toThrow(/takerFee/);
    expect(() => runEvents(script({}), bars, { latencyBars: 1.5 })).toThrow(RangeError);
    expect(() => runEvents(script({}), bars, { initCash: '1' as never })).toThrow(TypeError);
    expect(() => runEvents(script({}), bars, { engine: {} as never })).toThrow(/RiskEngine/);
    const engine = new RiskEngine();
    expect(() => runEvents(script({}), bars, { engine, instrument: 'NOPE' })).toThrow(RangeError);
    expect(() => runEvents(script({}), bars, { engine, latencyBars: -1 })).toThrow(RangeError);
    expect(engine.instrumentCount).toBe(0);
    expect(() => runEvents(script({ 0: (c) => c.order('hold' as never, 'market', 1) }), bars)).toThrow(/side must be/);
    const bt = new EventBacktest(script({}));
    expect(() => bt.bar(1, 1, 1, '1' as never, NaN, 0)).toThrow(TypeError);
    expect(() => bt.bar(1, 1, 1, 1, NaN, Infinity)).toThrow(RangeError);
    expect(() => bt.book({} as never, 0)).toThrow(/OrderBook/);
    expect(() => bt.tick(-1, 1, 0)).toThrow(RangeError);
    expect(bt.result().bars).toBe(0);
    const venue = { connect() {}, send() {}, cancel() {} };
    expect(() => new LiveSession(script({}), { engine, instrument: 0, venue })).toThrow(RangeError);
    expect(() => new LiveSession(script({}), { engine: {} as never, instrument: 0, venue })).toThrow(/RiskEngine/);
    const id = engine.addInstrument({ symbol: 'L', tickSize: '0.01', qtyStep: '1' });
    expect(() => new LiveSession(script({}), { engine, instrument: id, venue: { send() {} } as never })).toThrow(/Venue/);
    const live = new LiveSession(script({}), { engine, instrument: id, venue });
    expect(() => live.bar({ time: 0, open: 1, high: 1, low: 1 } as never)).toThrow(/bar.close/);
  });
});

describe('orders sent from onFill', () => {
  it('a bracket: the stop and the take-profit are in one bar; onFill cancels the other (OCO) before the path reaches it', () => {
    // bar 1 (down): open 100 → high 106 → low 93 → close 95: the take-profit at 105 comes first.
    const bars = { open: f64(100, 100, 95), high: f64(100, 106, 95), low: f64(100, 93, 95), close: f64(100, 95, 95) };
    const log: string[] = [];
    let tp = 0;
    let sl = 0;
    const s = script({ 0: (c) => c.buy(1) }, log);
    const r = runEvents(
      {
        ...s,
        onFill: (f, c) => {
          s.onFill!(f, c);
          // Entry filled: the bracket (the engine counts open reduce-only orders, so only the take-profit is reduce-only).
          if (f.clientId === 1) (c.sellLimit(1, 105, { reduceOnly: true }), (tp = c.lastClientId), c.sellStop(1, 94), (sl = c.lastClientId));
          else c.cancel(f.clientId === tp ? sl : tp);
        },
      },
      bars,
    );
    expect(log).toEqual(['fill 1 buy 1@100 fee 0.000000 taker bar 0', 'fill 2 sell 1@105 fee 0.000000 maker bar 1']);
    expect(r.position.qty).toBe(0);
    expect(r.engine.account().openOrders).toBe(0);
  });
});
