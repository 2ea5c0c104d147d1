// Hand-computed backtests (fees, slippage, stops, flips, partial sizing, instrument rules,
// shared cash, gaps), the grid against fromSignals, and bad input.
import { describe, expect, it } from 'vitest';
import { backtest, ema, sma } from '../../src/index.js';
import { rng } from '../helpers.js';
import { walk } from './trade-bits.js';

const f64 = (...x: number[]) => Float64Array.from(x);
const u8 = (...x: number[]) => Uint8Array.from(x);
const close = f64(10, 11, 12, 11, 10, 12, 13, 12, 14, 15);

describe('backtest.fromSignals: hand-computed', () => {
  it('all-cash long with percentage fees', () => {
    const r = backtest.fromSignals({ close, entries: u8(1, 0, 0, 0, 0, 1, 0, 0, 0, 0), exits: u8(0, 0, 1, 0, 0, 0, 0, 1, 0, 0) }, { fees: 0.01, equity: true });
    // buy: 100 / 1.01 / 10 units, fee 1% of value; sell at 12 minus 1%
    const size1 = 100 / 1.01 / 10;
    const cash1 = size1 * 12 * 0.99;
    expect(r.trades!.size[0]).toBeCloseTo(size1, 12);
    expect(r.trades!.pnl[0]).toBeCloseTo(cash1 - 100, 10);
    const size2 = cash1 / 1.01 / 12;
    expect(r.trades!.size[1]).toBeCloseTo(size2, 12);
    expect(r.metrics.endValue[0]).toBeCloseTo(size2 * 12 * 0.99, 10);
    expect(r.metrics.totalFeesPaid[0]).toBeCloseTo(100 * (1 - 1 / 1.01) + size1 * 12 * 0.01 + cash1 * (1 - 1 / 1.01) + size2 * 12 * 0.01, 10);
    expect(r.metrics.closedTrades[0]).toBe(2);
    expect(r.metrics.winRate[0]).toBe(0.5);
    expect(r.metrics.exposureTime[0]).toBeCloseTo(4 / 10, 15); // bars 0, 1, 5, 6 end in a position
    expect(r.equity![2]).toBeCloseTo(cash1, 10);
    expect(r.metrics.benchmarkReturn[0]).toBeCloseTo(0.5, 15);
  });

  it('slippage and fixed fees on a fixed size', () => {
    const r = backtest.fromSignals({ close, entries: u8(0, 1, 0, 0, 0, 0, 0, 0, 0, 0), exits: u8(0, 0, 0, 0, 0, 0, 0, 0, 1, 0) }, { size: 2, slippage: 0.01, fixedFees: 0.5 });
    const t = r.trades!;
    expect(t.entryPrice[0]).toBeCloseTo(11 * 1.01, 12);
    expect(t.exitPrice[0]).toBeCloseTo(14 * 0.99, 12);
    expect(t.pnl[0]).toBeCloseTo(2 * (14 * 0.99 - 11 * 1.01) - 1, 12);
    expect(r.metrics.endValue[0]).toBeCloseTo(100 + t.pnl[0]!, 12);
  });

  it('partial fill when cash runs short, and value / percent sizing', () => {
    const entries = u8(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const big = backtest.fromSignals({ close, entries }, { size: 50 });
    expect(big.trades!.size[0]).toBeCloseTo(10, 12); // 100 cash buys 10 at 10, not 50
    expect(big.trades!.open[0]).toBe(1);
    expect(big.metrics.openTradePnl[0]).toBeCloseTo(10 * (15 - 10), 12);
    expect(backtest.fromSignals({ close, entries }, { size: 30, sizeType: 'value' }).trades!.size[0]).toBeCloseTo(3, 12);
    expect(backtest.fromSignals({ close, entries }, { size: 0.25, sizeType: 'percent' }).trades!.size[0]).toBeCloseTo(2.5, 12);
  });

  it('a conflicting entry and exit on one bar are both ignored', () => {
    const r = backtest.fromSignals({ close, entries: u8(1, 0, 1, 0, 0, 0, 0, 0, 0, 0), exits: u8(0, 0, 1, 0, 0, 0, 0, 0, 0, 0) }, {});
    expect(r.metrics.totalTrades[0]).toBe(1);
    expect(r.trades!.open[0]).toBe(1); // the exit on bar 2 was dropped
  });

  it('direction both: an exit reverses into a short in one fill', () => {
    const r = backtest.fromSignals({ close, entries: u8(1, 0, 0, 0, 0, 0, 0, 0, 0, 0), exits: u8(0, 0, 1, 0, 1, 0, 0, 0, 0, 0) }, { direction: 'both', size: 1 });
    const t = r.trades!;
    expect(Array.from(t.direction)).toEqual([1, -1]);
    expect(t.exitIndex[0]).toBe(2);
    expect(t.entryIndex[1]).toBe(2);
    expect(t.size[1]).toBe(1);
    expect(t.open[1]).toBe(1); // the exit on bar 4 is another short entry: ignored while short
    expect(t.pnl[1]).toBeCloseTo(12 - 15, 12);
    expect(r.metrics.endValue[0]).toBeCloseTo(100 + 2 - 3, 12);
  });

  it('short: cash grows by the proceeds, value falls as the price rises', () => {
    const r = backtest.fromSignals({ close, entries: u8(1, 0, 0, 0, 0, 0, 0, 0, 0, 0), exits: u8(0, 0, 0, 0, 1, 0, 0, 0, 0, 0) }, { direction: 'short', size: 3, equity: true });
    expect(r.equity![1]).toBeCloseTo(100 - 3, 12);
    expect(r.trades!.pnl[0]).toBeCloseTo(3 * (10 - 10), 12);
    expect(r.equity![9]).toBeCloseTo(100, 12);
  });

  it('stops: gap through the stop fills at the open; the stop is checked before take profit', () => {
    const c = f64(100, 100, 100, 100);
    const base = { close: c, entries: u8(1, 0, 0, 0) };
    // bar 1 opens at 90 below the 5% stop (95): exit at the open
    const gap = backtest.fromSignals({ ...base, open: f64(100, 90, 100, 100), high: f64(100, 101, 100, 100), low: f64(100, 89, 100, 100) }, { stopLoss: 0.05 });
    expect(gap.trades!.exitPrice[0]).toBe(90);
    expect(gap.trades!.exitIndex[0]).toBe(1);
    // bar 1 touches both 95 and 110: the stop loss wins (pessimistic)
    const both = backtest.fromSignals({ ...base, open: f64(100, 100, 100, 100), high: f64(100, 111, 100, 100), low: f64(100, 94, 100, 100) }, { stopLoss: 0.05, takeProfit: 0.1 });
    expect(both.trades!.exitPrice[0]).toBeCloseTo(95, 12);
    const tp = backtest.fromSignals({ ...base, open: f64(100, 100, 100, 100), high: f64(100, 111, 100, 100), low: f64(100, 99, 100, 100) }, { takeProfit: 0.1, slippage: 0.01 });
    expect(tp.trades!.exitPrice[0]).toBeCloseTo(110, 12); // no slippage on a stop exit
  });

  it('trailing stop follows the high, from the next bar on', () => {
    const r = backtest.fromSignals(
      { close: f64(100, 110, 118, 110, 100), open: f64(100, 100, 110, 118, 110), high: f64(100, 120, 119, 118, 110), low: f64(100, 100, 108, 107, 100), entries: u8(1, 0, 0, 0, 0) },
      { trailingStop: 0.1 },
    );
    // peak 120 after bar 1 -> level 108; bar 2 low 108 touches it
    expect(r.trades!.exitIndex[0]).toBe(2);
    expect(r.trades!.exitPrice[0]).toBeCloseTo(108, 12);
  });

  it('instrument rules: qty step floors, min qty and min notional reject', () => {
    const entries = u8(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const exits = u8(0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    const r = backtest.fromSignals({ close, entries, exits }, { fees: 0.001, instrument: { qtyStep: 0.3 } });
    expect(r.trades!.size[0]).toBeCloseTo(9.9, 12); // 100 / 1.001 / 10 = 9.99 -> 33 steps of 0.3
    expect(r.trades!.size[0]! / 0.3).toBeCloseTo(33, 9);
    expect(r.metrics.endValue[0]).toBeCloseTo(100 - 99 * 1.001 + 9.9 * 15 * 0.999, 9); // closed in full
    expect(backtest.fromSignals({ close, entries }, { size: 0.5, instrument: { minQty: 1 } }).metrics.totalTrades[0]).toBe(0);
    expect(backtest.fromSignals({ close, entries }, { size: 0.5, instrument: { minNotional: 6 } }).metrics.totalTrades[0]).toBe(0);
    expect(backtest.fromSignals({ close, entries }, { size: 0.5, instrument: { minNotional: 5 } }).metrics.totalTrades[0]).toBe(1);
  });

  it('a NaN bar is a gap: no fill on it, value carried', () => {
    const c = f64(10, NaN, 12, 13);
    const r = backtest.fromSignals({ close: c, entries: u8(0, 1, 0, 0), exits: u8(0, 0, 0, 1) }, { equity: true });
    expect(r.metrics.totalTrades[0]).toBe(0); // the entry fell on the gap
    const held = backtest.fromSignals({ close: c, entries: u8(1, 0, 0, 0), exits: u8(0, 1, 0, 0) }, { equity: true });
    expect(Array.from(held.equity!)).toEqual([100, 100, 120, 130]); // exit on the gap dropped, value carried
  });

  it('next open fills the signal at the following bar open', () => {
    const open = f64(9, 10.5, 11.5, 11.2, 10.4, 11, 12.5, 12.8, 12.2, 14.3);
    const r = backtest.fromSignals({ close, open, entries: u8(1, 0, 0, 0, 0, 0, 0, 0, 0, 0), exits: u8(0, 0, 1, 0, 0, 0, 0, 0, 0, 0) }, { price: 'nextOpen', size: 1 });
    expect(r.trades!.entryIndex[0]).toBe(1);
    expect(r.trades!.entryPrice[0]).toBe(10.5);
    expect(r.trades!.exitPrice[0]).toBe(11.2);
  });

  it('shared cash: the second asset gets what the first left', () => {
    const c = f64(10, 10, 10, 20, 20, 20);
    const r = backtest.fromSignals({ close: c, entries: u8(1, 0, 0, 1, 0, 0), exits: u8(0, 0, 1, 0, 0, 1) }, { assets: 2, groups: [2], size: 60, sizeType: 'value', equity: true });
    expect(r.columns).toBe(1);
    expect(Array.from(r.trades!.size)).toEqual([6, 2]); // 60 of asset 0, then the 40 left buys 2 of asset 1
    expect(r.equity![2]).toBe(100);
    expect(r.metrics.endValue[0]).toBe(100);
    const separate = backtest.fromSignals({ close: c, entries: u8(1, 0, 0, 1, 0, 0), exits: u8(0, 0, 1, 0, 0, 1) }, { assets: 2, size: 60, sizeType: 'value' });
    expect(separate.columns).toBe(2);
    expect(Array.from(separate.trades!.size)).toEqual([6, 3]);
  });

  it('booleans arrays, subarray views and many columns in one call', () => {
    const buf = new Uint8Array(30);
    buf.set([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], 5);
    const view = buf.subarray(5, 15);
    const a = backtest.fromSignals({ close: Array.from(close), entries: [true, false, false, false, false, false, false, false, false, false] }, {});
    const b = backtest.fromSignals({ close, entries: view }, {});
    expect(b.metrics.endValue[0]).toBe(a.metrics.endValue[0]);
    const two = backtest.fromSignals({ close, entries: u8(...view, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0) }, {});
    expect(two.columns).toBe(2);
    expect(two.metrics.endValue[0]).toBe(a.metrics.endValue[0]);
    expect(two.metrics.endValue[1]).toBeCloseTo((100 / 11) * 15, 12);
  });

  it('threads do not change results', () => {
    const r = rng(5);
    const T = 3000;
    const C = 16;
    const c = new Float64Array(T);
    let p = 100;
    for (let i = 0; i < T; i++) c[i] = p *= Math.exp(0.01 * (r() - 0.5));
    const e = Uint8Array.from({ length: T * C }, () => (r() < 0.02 ? 1 : 0));
    const x = Uint8Array.from({ length: T * C }, () => (r() < 0.02 ? 1 : 0));
    const one = backtest.fromSignals({ close: c, entries: e, exits: x }, { threads: 1, fees: 0.001 });
    const two = backtest.fromSignals({ close: c, entries: e, exits: x }, { threads: 2, fees: 0.001 });
    expect(two.metrics).toEqual(one.metrics);
    expect(two.trades).toEqual(one.trades);
  });
});

describe('backtest.fromOrders', () => {
  it('target percent rebalances to a fraction of value', () => {
    const size = f64(0.5, NaN, NaN, 0, NaN, NaN, NaN, NaN, NaN, NaN);
    const r = backtest.fromOrders({ close, size }, { sizeType: 'targetPercent' });
    expect(r.trades!.size[0]).toBeCloseTo(5, 12);
    expect(r.trades!.exitIndex[0]).toBe(3);
    expect(r.metrics.endValue[0]).toBeCloseTo(100 + 5 * (11 - 10), 12);
  });
  it('rejects stop options', () => {
    expect(() => backtest.fromOrders({ close, size: f64(...close) }, { stopLoss: 0.1 } as never)).toThrow(/option 'stopLoss' is not available/);
  });
  // Trades are written into the result's columns in place on one thread (one column per
  // group), and recorded then copied otherwise: every path gives the same columns, listed
  // column by column, each exactly as long as the trades made.
  it('trade columns: in place, recorded on threads, per column and with shared cash agree', () => {
    const r = rng(11);
    const T = 2000;
    const C = 6;
    const c = new Float64Array(T);
    let p = 100;
    for (let i = 0; i < T; i++) c[i] = p *= Math.exp(0.01 * (r() - 0.5));
    const size = Float64Array.from({ length: T * C }, () => (r() < 0.3 ? (r() - 0.5) * 4 : NaN));
    const one = backtest.fromOrders({ close: c, size }, { threads: 1, fees: 0.001 });
    const two = backtest.fromOrders({ close: c, size }, { threads: 2, fees: 0.001 });
    expect(two.metrics).toEqual(one.metrics);
    expect(two.trades).toEqual(one.trades);
    const t = one.trades!;
    const n = one.metrics.totalTrades.reduce((a, b) => a + b, 0);
    expect(n).toBeGreaterThan(C * 50);
    const cols = [t.column, t.entryIndex, t.exitIndex, t.direction, t.open, t.size, t.entryPrice, t.exitPrice, t.entryFees, t.exitFees, t.pnl, t.return];
    for (const a of cols) {
      expect(a.length).toBe(n);
      expect(a.byteLength).toBe(n * a.BYTES_PER_ELEMENT);
    }
    expect(t.column).toBeInstanceOf(Uint32Array);
    expect(t.direction).toBeInstanceOf(Int8Array);
    expect(t.pnl).toBeInstanceOf(Float64Array);
    // column by column: the same trades as one call per column
    let at = 0;
    for (let k = 0; k < C; k++) {
      const s = backtest.fromOrders({ close: c, size: size.subarray(k * T, (k + 1) * T) }, { fees: 0.001 }).trades!;
      expect(Array.from(t.column.subarray(at, at + s.size.length))).toEqual(new Array(s.size.length).fill(k));
      expect(t.pnl.subarray(at, at + s.size.length)).toEqual(s.pnl);
      expect(t.entryIndex.subarray(at, at + s.size.length)).toEqual(s.entryIndex);
      at += s.size.length;
    }
    expect(at).toBe(n);
    // shared cash (groups of 2): recorded per group, ordered by column
    const g = backtest.fromOrders({ close: c, size }, { threads: 1, fees: 0.001, groups: [2, 2, 2] });
    const g2 = backtest.fromOrders({ close: c, size }, { threads: 2, fees: 0.001, groups: [2, 2, 2] });
    expect(g2.trades).toEqual(g.trades);
    const gc = g.trades!.column;
    expect(gc.length).toBe(g.metrics.totalTrades.reduce((a, b) => a + b, 0));
    for (let i = 1; i < gc.length; i++) expect(gc[i]!).toBeGreaterThanOrEqual(gc[i - 1]!);
    // no order fills: empty columns
    const none = backtest.fromOrders({ close: c, size: new Float64Array(T).fill(NaN) }, {});
    expect(none.trades!.size.length).toBe(0);
    expect(none.trades!.column).toBeInstanceOf(Uint32Array);
  });

  it('trade columns are disjoint views of one buffer: writing one leaves the others', () => {
    const r = rng(12);
    const T = 3000;
    const c = new Float64Array(T);
    let p = 100;
    for (let i = 0; i < T; i++) c[i] = p *= Math.exp(0.01 * (r() - 0.5));
    // an order every bar (the dense case), and a signal run (trades recorded, then laid out)
    const size = Float64Array.from({ length: T }, (_, i) => (i % 2 ? -1 : 1) * (0.5 + r() * 0.1));
    const entries = Uint8Array.from({ length: T }, () => (r() < 0.05 ? 1 : 0));
    const exits = Uint8Array.from({ length: T }, () => (r() < 0.05 ? 1 : 0));
    const runs = [
      () => backtest.fromOrders({ close: c, size }, { fees: 0.001 }).trades!,
      () => backtest.fromSignals({ close: c, entries, exits }, { fees: 0.001 }).trades!,
    ];
    for (const run of runs) {
      const a = run();
      const b = run();
      const keys = Object.keys(a) as (keyof typeof a)[];
      expect(keys).toHaveLength(12);
      expect(a.size.length).toBeGreaterThan(10);
      for (const k of keys) {
        // every view starts on its element size and holds the same trade count
        expect(a[k].byteOffset % a[k].BYTES_PER_ELEMENT).toBe(0);
        expect(a[k].length).toBe(a.size.length);
        a[k].fill(k === 'column' || k === 'open' ? 7 : -3);
        for (const o of keys) if (o !== k) expect(a[o]).toEqual(b[o]);
        a[k].set(b[k]);
      }
    }
  });
});

describe('backtest.maCrossGrid', () => {
  const r = rng(3);
  const T = 5000;
  const c = new Float64Array(T);
  let p = 100;
  for (let i = 0; i < T; i++) c[i] = p *= Math.exp(0.01 * (r() - 0.5));

  // Independent crossing signals from the indicator outputs, through fromSignals.
  function viaSignals(f: number, s: number, maType: 'sma' | 'ema', start = 0) {
    const ma = maType === 'sma' ? sma : ema;
    const a = ma(c, f);
    const b = ma(c, s);
    const en = new Uint8Array(T);
    const ex = new Uint8Array(T);
    let below = false;
    let above = false;
    for (let i = 0; i < T; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (Number.isNaN(x) || Number.isNaN(y)) {
        below = above = false;
        continue;
      }
      if (x > y && below) (en[i] = 1), (below = false);
      if (x < y && above) (ex[i] = 1), (above = false);
      if (x < y) below = true;
      if (x > y) above = true;
    }
    return backtest.fromSignals({ close: c, entries: en, exits: ex }, { fees: 0.001, start });
  }

  it.each(['sma', 'ema'] as const)('equals fromSignals on %s crossings, in any memory budget', (maType) => {
    const g = backtest.maCrossGrid({ close: c }, { fast: [3, 5, 10, 20], slow: [10, 20, 50], maType, fees: 0.001, trades: true });
    expect(g.combinations).toBe(4 + 3 + 2 - 1 + 1); // pairs with fast < slow: 3x3 + 5x3 + 10x2 + 20x1 -> 9
    const tiny = backtest.maCrossGrid({ close: c }, { fast: [3, 5, 10, 20], slow: [10, 20, 50], maType, fees: 0.001, memoryBudget: 1 });
    for (let k = 0; k < g.combinations; k++) {
      const ref = viaSignals(g.fast[k]!, g.slow[k]!, maType);
      expect(g.stats(k)).toEqual(ref.stats(0));
      expect(tiny.stats(k)).toEqual(ref.stats(0));
    }
    expect(g.best('totalReturn')).toBeGreaterThanOrEqual(0);
  });

  it('start: the crossing state warms up before it, metrics cover only the rest', () => {
    const g = backtest.maCrossGrid({ close: c }, { fast: [5], slow: [20], pairs: true, start: 2500, fees: 0.001 });
    expect(g.stats(0)).toEqual(viaSignals(5, 20, 'sma', 2500).stats(0));
  });

  it('walkForward picks the in-sample best and reports out-of-sample metrics', () => {
    const wf = backtest.walkForward({ close: c }, { fast: [3, 5, 10], slow: [20, 50], trainBars: 2000, testBars: 1000, metric: 'totalReturn', fees: 0.001 });
    expect(wf.splits.length).toBe(3);
    for (const s of wf.splits) {
      const ins = backtest.maCrossGrid({ close: c.subarray(s.trainStart, s.trainEnd) }, { fast: [3, 5, 10], slow: [20, 50], fees: 0.001 });
      const b = ins.best('totalReturn');
      expect([s.fast, s.slow]).toEqual([ins.fast[b], ins.slow[b]]);
      const oos = backtest.maCrossGrid({ close: c.subarray(s.trainStart, s.testEnd) }, { fast: [s.fast], slow: [s.slow], pairs: true, start: 2000, fees: 0.001 });
      expect(s.outOfSample).toEqual(oos.stats(0));
    }
  });
});

describe('backtest: bad input', () => {
  const entries = u8(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  it.each([
    [{ close, entries: u8(1, 0) }, {}, RangeError, /entries has length 2/],
    [{ close, entries, exits: u8(1) }, {}, RangeError, /exits has length 1, expected 10/],
    [{ close: f64(...close.subarray(0, 9), -1), entries }, {}, RangeError, /close\[9\] is -1.*prices must be finite and > 0 \(NaN marks a gap\)/],
    [{ close: f64(...close.subarray(0, 9), Infinity), entries }, {}, RangeError, /close\[9\]/],
    [{ close, entries: new Float64Array(10) }, {}, TypeError, /entries must be a Uint8Array.*or an array of booleans/],
    [{ close, entries: [1, 0] }, {}, TypeError, /element 0 is number 1/],
    [{ entries }, {}, TypeError, /inputs.close is required/],
    [{ close, entries }, { initCash: -5 }, RangeError, /'initCash' must be a finite number > 0, got -5/],
    [{ close, entries }, { size: 0 }, RangeError, /'size' must be a number > 0/],
    [{ close, entries }, { size: 2, sizeType: 'percent' }, RangeError, /fraction in \(0, 1\]/],
    [{ close, entries }, { sizeType: 'percent', size: 0.5, direction: 'both' }, RangeError, /cannot reverse/],
    [{ close, entries }, { direction: 'up' }, RangeError, /'direction' must be one of 'long', 'short', 'both'/],
    [{ close, entries }, { price: 'nextOpen' }, RangeError, /needs inputs.open/],
    [{ close, entries }, { fees: '0.1' }, TypeError, /'fees' must be a number/],
    [{ close, entries }, { stopLoss: -0.1 }, RangeError, /'stopLoss'/],
    [{ close, entries }, { groups: [3] }, RangeError, /adds up to 3 columns, expected 1/],
    [{ close, entries }, { start: 10 }, RangeError, /'start' must be < bars/],
    [{ close, entries, open: f64(1, 2) }, {}, RangeError, /open has length 2, expected 10/],
  ])('%#: throws', (inputs, opts, type, msg) => {
    expect(() => backtest.fromSignals(inputs as never, opts as never)).toThrow(type);
    expect(() => backtest.fromSignals(inputs as never, opts as never)).toThrow(msg);
  });
  it('grid and walk-forward options', () => {
    expect(() => backtest.maCrossGrid({ close }, { fast: [5], slow: [3] })).toThrow(/no combination with fast < slow/);
    expect(() => backtest.maCrossGrid({ close }, { fast: [0], slow: [3] })).toThrow(RangeError);
    expect(() => backtest.walkForward({ close }, { fast: [2], slow: [3], trainBars: 8, testBars: 5 })).toThrow(/exceeds the bars/);
  });
});

describe('held positions: the fast path (one column, no per-bar output) equals bar by bar', () => {
  // equity: true forces the bar-by-bar path; without it a held single column runs in blocks
  // (four bars at a time where the CPU has AVX2). Every metric must have the same bits.
  it.each([
    ['random walk with gaps', 1],
    ['steady rise (a new peak every bar)', 2],
    ['crash and recovery', 3],
  ])('%s', (_, kind) => {
    const r = rng(7 + kind);
    const n = 20_003;
    const c = new Float64Array(n);
    let x = 100;
    for (let i = 0; i < n; i++) {
      x = kind === 2 ? x * (1 + r() * 1e-3) : kind === 3 ? x * (i < n / 2 ? 0.9995 : 1.0006) * (1 + (r() - 0.5) * 1e-3) : x * (1 + (r() - 0.5) * 0.02);
      c[i] = kind === 1 && i % 997 === 5 ? NaN : x;
    }
    const entries = new Uint8Array(n), exits = new Uint8Array(n);
    entries[3] = 1;
    exits[12_000] = 1;
    entries[12_500] = 1; // held to the end: the last bar closes the drawdown
    for (const direction of ['long', 'short'] as const) {
      const o = { fees: 0.001, direction, size: direction === 'short' ? 0.5 : Infinity, sizeType: 'amount' as const };
      const fast = backtest.fromSignals({ close: c, entries, exits }, o).metrics;
      const slow = backtest.fromSignals({ close: c, entries, exits }, { ...o, equity: true }).metrics;
      expect(fast).toEqual(slow);
      expect(fast.closedTrades[0]).toBe(1);
    }
  });
});

describe('fromOrders: the one-column order loop equals the general loop', () => {
  // A single column filled at the close without per-bar output runs a loop of its own;
  // equity: true sends the same run through the general (multi-column) loop. Metrics and
  // every trade column must have the same bits, over gaps, every size type and direction,
  // fees, fixed fees, slippage, instrument rules, infinite and zero orders, and `start`.
  // a random walk of n closes (±5% a bar) with a gap (NaN) at the given rate, drawn from r
  const gappyWalk = walk;
  const sizeTypes = ['amount', 'value', 'percent', 'targetAmount', 'targetValue', 'targetPercent'] as const;
  const directions = ['long', 'short', 'both'] as const;
  it.each(Array.from({ length: 36 }, (_, k) => k))('case %i', (k) => {
    const r = rng(1000 + k);
    const n = 50 + Math.floor(r() * 400);
    const close = gappyWalk(r, n, 0.05);
    const sizeType = sizeTypes[k % 6]!;
    const direction = directions[Math.floor(k / 6) % 3]!;
    const dense = k % 2 === 0 ? 1 : 0.3;
    const size = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = sizeType.endsWith('ercent') ? (r() - 0.4) * 1.5 : sizeType.endsWith('alue') ? (r() - 0.4) * 200 : (r() - 0.45) * 3;
      size[i] = r() > dense ? NaN : r() < 0.03 ? (r() < 0.5 ? Infinity : -Infinity) : r() < 0.03 ? 0 : u;
    }
    const o: Record<string, unknown> = { sizeType, direction, fees: k % 3 === 0 ? 0 : 0.001, fixedFees: k % 4 === 1 ? 0.1 : 0, slippage: k % 5 === 2 ? 0.002 : 0, initCash: k % 2 ? 1000 : 100 };
    if (k % 7 === 3) o.instrument = { qtyStep: 0.01, minQty: 0.02, minNotional: 5 };
    if (k % 9 === 4) o.start = Math.floor(n / 3);
    const one = backtest.fromOrders({ close, size }, o);
    const general = backtest.fromOrders({ close, size }, { ...o, equity: true });
    expect(one.metrics).toEqual(general.metrics);
    expect(one.trades).toEqual(general.trades);
    if (k % 2 === 0 && sizeType !== 'targetAmount') expect(one.metrics.totalTrades[0]).toBeGreaterThan(3);
  });
  // Sizes a few ulps either side of the minimum fill and of its tolerance's edge (vectorbt's
  // min_size, is_less): the one-column loop decides with one compare against a floor worked
  // out once (min_fill_floor), the general loop with the tolerant comparison; every size must
  // go the same way. Fixed fees of 1e-3 a fill count the fills.
  it.each([undefined, 0, 1e-3, 5, 4e-12, 3e-12, 1e-12])('sizes around minQty %s', (minQty) => {
    const q = minQty ?? 1e-8;
    const tol = Math.max(1e-9 * q, 1e-12);
    const f = new Float64Array(1);
    const b = new BigInt64Array(f.buffer);
    const ulps = (x: number, k: number) => {
      f[0] = x;
      b[0]! += BigInt(k);
      return f[0]!;
    };
    const n = 720;
    const close = Float64Array.from({ length: n }, (_, i) => 100 + (i % 7));
    const size = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * ulps(i % 4 < 2 ? q : q - tol, Math.floor(i / 4) % 9 - 4));
    // minQty 0: around is_zero's 1e-12 instead (no size at or below it fills)
    if (q === 0) size.forEach((_, i) => (size[i] = (i % 2 ? -1 : 1) * ulps(1e-12, Math.floor(i / 4) % 9 - 4)));
    const o = { fixedFees: 1e-3, initCash: 1e6, ...(minQty === undefined ? {} : { instrument: { minQty } }) };
    const one = backtest.fromOrders({ close, size }, o);
    const general = backtest.fromOrders({ close, size }, { ...o, equity: true });
    expect(one.metrics).toEqual(general.metrics);
    expect(one.trades).toEqual(general.trades);
    const fills = Math.round(one.metrics.totalFeesPaid[0]! / 1e-3);
    expect(fills).toBeGreaterThan(n / 16);
    expect(fills).toBeLessThan(n);
  });
  // Finite amounts only: the one-column run then skips debt and free cash (nothing it
  // outputs reads them); it must still match the general loop bit for bit, with long and
  // short positions that grow, shrink and reverse.
  it.each(Array.from({ length: 12 }, (_, k) => k))('finite amounts, case %i', (k) => {
    const r = rng(2000 + k);
    const n = 200 + Math.floor(r() * 800);
    const close = gappyWalk(r, n, 0.03);
    const size = new Float64Array(n);
    for (let i = 0; i < n; i++) size[i] = r() < (k % 2 ? 0.3 : 0) ? NaN : r() < 0.03 ? 0 : (r() - 0.5) * 3;
    const o = { sizeType: 'amount' as const, direction: directions[k % 3]!, fees: k % 4 === 0 ? 0 : 0.001, fixedFees: k % 4 === 1 ? 0.1 : 0, slippage: k % 5 === 2 ? 0.002 : 0, initCash: k % 3 === 2 ? 100 : 1000 };
    const one = backtest.fromOrders({ close, size }, o);
    const general = backtest.fromOrders({ close, size }, { ...o, equity: true });
    expect(one.metrics).toEqual(general.metrics);
    expect(one.trades).toEqual(general.trades);
    expect(one.metrics.totalTrades[0]).toBeGreaterThan(10);
  });
});
