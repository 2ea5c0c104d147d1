// Trades built on first access from a run's fill log (fromOrders, fromSignals) against the
// trades the same run records while it runs (the grid's path, kept for this comparison):
// every column with the same bits, over gaps, every size type and direction, fees, fixed
// fees, slippage, partial fills, instrument rules, start, next-open fills, stops, shared
// cash and threads (each path the kernel takes: the one-column order loop writing the log
// in place, per-column logs joined after, the general loop). Then the result's shape:
// `trades` stays an enumerable property, cached, and serialisation includes it (the report
// page and CLI read it as before: test/report).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { backtest, type BacktestResult, type Trades } from '../../src/index.js';
import { simulateEagerTrades } from '../../src/backtest/index.js';
import { cpp } from '../../src/core/indicator.js';
import { rng } from '../helpers.js';
import { sameBits, walk } from './trade-bits.js';

const sizeTypes = ['amount', 'value', 'percent', 'targetAmount', 'targetValue', 'targetPercent'] as const;
const directions = ['long', 'short', 'both'] as const;

describe('lazy trades equal the trades recorded during the run', () => {
  it.each(Array.from({ length: 48 }, (_, k) => k))('fromOrders case %i', (k) => {
    const r = rng(5000 + k);
    const n = 50 + Math.floor(r() * 400);
    const assets = k % 8 === 5 ? 2 : 1;
    const columns = k % 4 === 3 ? 3 * assets : assets;
    const close = new Float64Array(n * assets);
    for (let a = 0; a < assets; a++) close.set(walk(r, n, 0.05), a * n);
    const open = Float64Array.from(close, (x) => (Number.isNaN(x) ? NaN : x * (1 + (r() - 0.5) * 0.01)));
    const sizeType = sizeTypes[k % 6]!;
    const direction = directions[Math.floor(k / 6) % 3]!;
    const dense = k % 2 === 0 ? 1 : 0.3;
    const size = new Float64Array(n * columns);
    for (let i = 0; i < size.length; i++) {
      const u = sizeType.endsWith('ercent') ? (r() - 0.4) * 1.5 : sizeType.endsWith('alue') ? (r() - 0.4) * 200 : (r() - 0.45) * 3;
      size[i] = r() > dense ? NaN : r() < 0.03 ? (r() < 0.5 ? Infinity : -Infinity) : r() < 0.03 ? 0 : u;
    }
    const o: Record<string, unknown> = { sizeType, direction, assets, fees: k % 3 === 0 ? 0 : 0.001, fixedFees: k % 4 === 1 ? 0.1 : 0, slippage: k % 5 === 2 ? 0.002 : 0, initCash: k % 2 ? 1000 : 100 };
    if (k % 7 === 3) o.instrument = { qtyStep: 0.01, minQty: 0.02, minNotional: 5 };
    if (k % 9 === 4) o.start = Math.floor(n / 3);
    if (k % 10 === 6) o.price = 'nextOpen';
    if (k % 11 === 7) o.equity = true;
    if (k % 12 === 3) o.groups = [columns];
    o.threads = k % 3 === 1 ? 2 : 1;
    const inputs = { close, open, size };
    const lazy = backtest.fromOrders(inputs, o);
    const eager = simulateEagerTrades('orders', inputs, o);
    expect(lazy.metrics).toEqual(eager.metrics);
    sameBits(lazy.trades!, eager.trades!);
    if (k % 2 === 0 && sizeType !== 'targetAmount') expect(lazy.trades!.size.length).toBeGreaterThan(3);
  });

  it.each(Array.from({ length: 24 }, (_, k) => k))('fromSignals case %i', (k) => {
    const r = rng(7000 + k);
    const n = 100 + Math.floor(r() * 500);
    const close = walk(r, n, k % 3 === 0 ? 0.04 : 0);
    const open = Float64Array.from(close, (x) => (Number.isNaN(x) ? NaN : x * (1 + (r() - 0.5) * 0.02)));
    const high = Float64Array.from(close, (x, i) => (Number.isNaN(x) ? NaN : Math.max(x, open[i]!) * (1 + r() * 0.02)));
    const low = Float64Array.from(close, (x, i) => (Number.isNaN(x) ? NaN : Math.min(x, open[i]!) * (1 - r() * 0.02)));
    const columns = k % 4 === 1 ? 3 : 1;
    const flags = (p: number) => Uint8Array.from({ length: n * columns }, () => (r() < p ? 1 : 0));
    const inputs: Record<string, unknown> = { close, open, high, low, entries: flags(0.08), exits: flags(0.08) };
    if (k % 5 === 2) Object.assign(inputs, { shortEntries: flags(0.05), shortExits: flags(0.05) });
    const o: Record<string, unknown> = { fees: k % 3 === 0 ? 0 : 0.001, fixedFees: k % 4 === 2 ? 0.05 : 0, slippage: k % 5 === 1 ? 0.001 : 0 };
    if (k % 5 !== 2) o.direction = directions[k % 3];
    if (k % 2 === 0) Object.assign(o, { stopLoss: 0.03, takeProfit: 0.05 });
    if (k % 6 === 1) o.trailingStop = 0.04;
    if (k % 7 === 3) Object.assign(o, { size: 50, sizeType: 'value' });
    if (k % 8 === 5) o.price = 'nextOpen';
    if (k % 9 === 4) o.start = Math.floor(n / 4);
    if (k % 4 === 1 && k % 8 === 1) o.groups = [columns];
    o.threads = k % 3 === 2 ? 2 : 1;
    const lazy = backtest.fromSignals(inputs as never, o);
    const eager = simulateEagerTrades('signals', inputs as never, o);
    expect(lazy.metrics).toEqual(eager.metrics);
    sameBits(lazy.trades!, eager.trades!);
    expect(lazy.trades!.size.length).toBeGreaterThan(0);
  });

  it('the dense case: an order every bar, a trade every second one', () => {
    const r = rng(21);
    const n = 20_000;
    const close = walk(r, n, 0);
    const size = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (0.5 + r() * 0.1));
    const lazy = backtest.fromOrders({ close, size }, { fees: 0.001 });
    const eager = simulateEagerTrades('orders', { close, size }, { fees: 0.001 });
    sameBits(lazy.trades!, eager.trades!);
    expect(lazy.trades!.size.length).toBeGreaterThan(n / 2 - 2);
  });

  // A log of 4 MB and more (262,144 orders) starts at a 2 MB boundary inside a larger buffer
  // (bindings/cpp/backtest.cpp): the view's offset, and gaps and sparse orders in it.
  it('a large log, laid on 2 MB pages at an offset in its buffer', () => {
    const r = rng(23);
    const n = 300_000;
    const close = walk(r, n, 0.001);
    const size = Float64Array.from({ length: n }, (_, i) => (r() < 0.05 ? NaN : (i % 2 ? -1 : 1) * (0.5 + r() * 0.1)));
    const lazy = backtest.fromOrders({ close, size }, { fees: 0.001, fixedFees: 0.01, initCash: 1e5 });
    const eager = simulateEagerTrades('orders', { close, size }, { fees: 0.001, fixedFees: 0.01, initCash: 1e5 });
    sameBits(lazy.trades!, eager.trades!);
    expect(lazy.trades!.size.length).toBeGreaterThan(5_000);
  });

  // The log must own every value the trades are built from: a fill's price and size come
  // from the caller's close and size arrays, which the caller may reuse before reading trades.
  it.each([
    ['fromOrders, plain (in-place log)', {}],
    ['fromOrders, slippage and fixed fees', { slippage: 0.001, fixedFees: 0.2 }],
    ['fromOrders, two threads (joined logs)', { threads: 2, columns: 2 }],
  ] as const)('inputs overwritten after the run leave the trades as they were: %s', (_name, o) => {
    const r = rng(41);
    const n = 3_000;
    const cols = 'columns' in o ? o.columns : 1;
    const close = walk(r, n, 0.02);
    const size = Float64Array.from({ length: n * cols }, (_, i) => (r() < 0.1 ? NaN : (i % 2 ? -1 : 1) * (0.5 + r() * 0.3)));
    const opts = { fees: 0.001, initCash: 200, ...o };
    delete (opts as { columns?: number }).columns;
    const eager = simulateEagerTrades('orders', { close: close.slice(), size: size.slice() }, opts);
    const lazy = backtest.fromOrders({ close, size }, opts);
    close.fill(1);
    size.fill(-7);
    sameBits(lazy.trades!, eager.trades!);
    expect(lazy.trades!.size.length).toBeGreaterThan(n / 4);
  });

  it('inputs overwritten after the run leave the trades as they were: fromSignals', () => {
    const r = rng(43);
    const n = 3_000;
    const close = walk(r, n, 0.02);
    const entries = Uint8Array.from({ length: n }, () => (r() < 0.1 ? 1 : 0));
    const exits = Uint8Array.from({ length: n }, () => (r() < 0.1 ? 1 : 0));
    const opts = { fees: 0.001, slippage: 0.001 };
    const eager = simulateEagerTrades('signals', { close: close.slice(), entries: entries.slice(), exits: exits.slice() }, opts);
    const lazy = backtest.fromSignals({ close, entries, exits }, opts);
    close.fill(3);
    entries.fill(1);
    exits.fill(0);
    sameBits(lazy.trades!, eager.trades!);
    expect(lazy.trades!.size.length).toBeGreaterThan(20);
  });
});

describe('lazy trades: the result keeps its shape', () => {
  const r = rng(33);
  const n = 500;
  const close = walk(r, n, 0.02);
  const size = Float64Array.from({ length: n }, () => (r() < 0.4 ? (r() - 0.5) * 3 : NaN));
  const run = (o: Record<string, unknown> = {}) => backtest.fromOrders({ close, size }, { fees: 0.001, ...o });

  it('trades is an enumerable property in its place, cached, absent with trades: false', () => {
    const res = run({ equity: true });
    expect(Object.keys(res)).toEqual(['columns', 'bars', 'metrics', 'trades', 'equity', 'stats']);
    expect('trades' in res).toBe(true);
    const t = res.trades!;
    expect(res.trades).toBe(t);
    expect(t.size.length).toBe(res.metrics.totalTrades[0]);
    expect(Object.keys(run({ trades: false }))).toEqual(['columns', 'bars', 'metrics', 'stats']);
    // assignable, as a plain property would be
    const other = run();
    (other as { trades?: Trades }).trades = undefined;
    expect(other.trades).toBeUndefined();
  });

  it('each result reads and sets its own trades (one getter serves them all)', () => {
    const a = run();
    const b = run({ fees: 0.002 });
    const eagerA = simulateEagerTrades('orders', { close, size }, { fees: 0.001 }).trades!;
    const eagerB = simulateEagerTrades('orders', { close, size }, { fees: 0.002 }).trades!;
    // b first, then a: neither sees the other's log
    sameBits(b.trades!, eagerB);
    sameBits(a.trades!, eagerA);
    (a as { trades?: Trades }).trades = undefined;
    expect(a.trades).toBeUndefined();
    expect(b.trades).toBeDefined();
    sameBits(b.trades!, eagerB);
    // a getter lifted off a result and called on anything else reads nothing
    const get = Object.getOwnPropertyDescriptor(b, 'trades')!.get!;
    expect(get.call({})).toBeUndefined();
    // the state is not an enumerable key
    expect(Object.keys(b)).toEqual(['columns', 'bars', 'metrics', 'trades', 'stats']);
  });

  it('spreading, JSON and structured cloning include the trades', () => {
    const eager = simulateEagerTrades('orders', { close, size }, { fees: 0.001 });
    const spread = { ...run() };
    sameBits(spread.trades!, eager.trades!);
    const json = JSON.parse(JSON.stringify(run())) as Record<string, unknown>;
    expect(json.trades).toEqual(JSON.parse(JSON.stringify(eager.trades)));
    const { stats: _s, ...plain } = run();
    const clone = structuredClone(plain) as BacktestResult;
    sameBits(clone.trades!, eager.trades!);
  });

  it("the native run refuses stops with orders: a stop could add a fill on an order bar, past the log bound", () => {
    // The TS layer already refuses the options; this drives the binding as a caller of the
    // addon could, with the params fromSignals built (stops set, trades lazy).
    const a = cpp() as unknown as { backtestRun: (...args: unknown[]) => unknown };
    const real = a.backtestRun;
    let seen: unknown[] = [];
    a.backtestRun = (...args: unknown[]) => {
      seen = args;
      return real.apply(a, args);
    };
    const n = 400;
    const c = walk(rng(77), n, 0);
    const high = Float64Array.from(c, (x) => x * 1.03);
    const low = Float64Array.from(c, (x) => x * 0.97);
    const entries = Uint8Array.from({ length: n }, (_, i) => +(i % 2 === 0));
    try {
      backtest.fromSignals({ close: c, high, low, entries, exits: new Uint8Array(n) }, { stopLoss: 0.01, trailingStop: 0.01, takeProfit: 0.01 });
    } finally {
      a.backtestRun = real;
    }
    const [, px, , params, groups, outs] = seen as [number, unknown, unknown, Float64Array, unknown, Float64Array[]];
    // an order on every bar: with the stops each bar could fill twice
    const orders = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1));
    const metrics = new Float64Array(outs[0]!.length);
    expect(() => real.call(a, 1, px, orders, params, groups, [metrics, undefined, undefined])).toThrow(RangeError);
    expect(() => real.call(a, 1, px, orders, params, groups, [metrics, undefined, undefined])).toThrow(
      /fromOrders: stopLoss, trailingStop and takeProfit are fromSignals options/,
    );
    expect(metrics.every((x) => x === 0)).toBe(true);
  });

  it('the fill log comes from the allocator in outs[3], uninitialised: junk in it never reaches the trades; a bad allocator is refused', () => {
    const a = cpp() as unknown as { backtestRun: (...args: unknown[]) => unknown };
    const real = a.backtestRun;
    const asked: number[] = [];
    // what Buffer.allocUnsafeSlow may hand back: old bytes (here NaNs and huge values)
    const junk = (bytes: number) => {
      asked.push(bytes);
      const b = new ArrayBuffer(bytes + 64);
      const u = new Uint8Array(b);
      for (let i = 0; i < u.length; i++) u[i] = (i * 37 + 0xf1) & 0xff;
      return b;
    };
    let seen: unknown[] = [];
    a.backtestRun = (...args: unknown[]) => {
      seen = args;
      const outs = args[5] as unknown[];
      return real.apply(a, [...args.slice(0, 5), [outs[0], outs[1], outs[2], junk]]);
    };
    let lazy: BacktestResult;
    try {
      lazy = run();
    } finally {
      a.backtestRun = real;
    }
    expect(asked).toEqual([16 * size.length]); // room for every order, asked once the inputs are checked
    sameBits(lazy.trades!, simulateEagerTrades('orders', { close, size }, { fees: 0.001 }).trades!);
    const [, px, sig, params, groups, outs] = seen as [number, unknown, unknown, Float64Array, unknown, Float64Array[]];
    const metrics = new Float64Array(outs[0]!.length);
    for (const bad of [() => new ArrayBuffer(8), () => new Float64Array(4096), () => undefined])
      expect(() => real.call(a, 1, px, sig, params, groups, [metrics, undefined, undefined, bad])).toThrow(/fill log allocator must return an ArrayBuffer/);
    // The allocator is JS run inside the call, after the inputs are checked and their memory
    // taken: handing back an input's own memory is refused, and so is a call whose input or
    // output the allocator detached (the binding checks everything it holds again).
    const n = (sig as Float64Array).length;
    const shared = new ArrayBuffer(16 * n + 64);
    const inShared = new Float64Array(shared, 0, n);
    inShared.set(sig as Float64Array);
    expect(() => real.call(a, 1, px, inShared, params, groups, [metrics, undefined, undefined, () => shared])).toThrow(/fill log memory overlaps an input/);
    const doomed = Float64Array.from(sig as Float64Array);
    const detach = () => {
      structuredClone(doomed.buffer, { transfer: [doomed.buffer] });
      return new ArrayBuffer(16 * n);
    };
    expect(() => real.call(a, 1, px, doomed, params, groups, [metrics, undefined, undefined, detach])).toThrow(
      new TypeError('hean.backtest.fromOrders: size was detached or replaced while the fill log was allocated'),
    );
    expect(doomed.length).toBe(0);
    const out = new Float64Array(metrics.length);
    const detachOut = () => {
      structuredClone(out.buffer, { transfer: [out.buffer] });
      return new ArrayBuffer(16 * n);
    };
    expect(() => real.call(a, 1, px, sig, params, groups, [out, undefined, undefined, detachOut])).toThrow(/metrics out was detached or replaced/);
    expect(metrics.every((x) => x === 0)).toBe(true);
    // a bad input throws before the allocator is called
    const calls: number[] = [];
    const counting = (bytes: number) => (calls.push(bytes), new ArrayBuffer(bytes));
    expect(() => real.call(a, 1, px, (sig as Float64Array).subarray(1), params, groups, [metrics, undefined, undefined, counting])).toThrow(RangeError);
    expect(() => real.call(a, 1, px, sig, params, groups, [new Float64Array(3), undefined, undefined, counting])).toThrow(RangeError);
    expect(calls).toEqual([]);
  });

  it('a fill log that does not add up is refused, not read', () => {
    const addon = cpp() as unknown as { backtestTrades(f: Float64Array, m: Float64Array): Trades };
    const head = (columns: number, fills: number, exc: number, trades = 1) => [columns, 0, 9, 0.001, 0, fills, exc, trades];
    const ok = Float64Array.of(...head(1, 1, 0), 1, 10);
    expect(addon.backtestTrades(Float64Array.of(2, 10), ok).size.length).toBe(1);
    // the trade count sizes the columns: one that comes up short still gives every trade (the
    // bound fills + columns is used instead); one past that bound is refused
    const one = addon.backtestTrades(Float64Array.of(2, 10), ok);
    for (const t of [0, 2]) sameBits(addon.backtestTrades(Float64Array.of(2, 10), Float64Array.of(...head(1, 1, 0, t), 1, 10)), one);
    // release: the log's buffer is detached once the columns are built (not when it throws)
    const kept = Float64Array.of(2, 10);
    sameBits(addon.backtestTrades(kept, ok), one);
    expect(kept.length).toBe(2);
    const dropped = Float64Array.of(2, 10);
    sameBits((addon.backtestTrades as (...a: unknown[]) => Trades)(dropped, ok, undefined, true), one);
    expect([dropped.length, dropped.buffer.byteLength]).toEqual([0, 0]);
    const refused = Float64Array.of(2, 10);
    expect(() => (addon.backtestTrades as (...a: unknown[]) => Trades)(refused, Float64Array.of(...head(1, 1, 0, 3), 1, 10), undefined, true)).toThrow(RangeError);
    expect(refused.length).toBe(2);
    for (const t of [3, -1, 0.5, NaN]) expect(() => addon.backtestTrades(Float64Array.of(2, 10), Float64Array.of(...head(1, 1, 0, t), 1, 10))).toThrow(RangeError);
    expect(() => addon.backtestTrades(Float64Array.of(2, 10), Float64Array.of(...head(1, 2, 0), 2, 10))).toThrow(RangeError);
    expect(() => addon.backtestTrades(Float64Array.of(2, 10), Float64Array.of(...head(1, 1, 0), 3, 10))).toThrow(RangeError);
    expect(() => addon.backtestTrades(Float64Array.of(2, 10), Float64Array.of(...head(1, 1, 1), 1, 10, 5, 0, 3))).toThrow(RangeError);
    expect(() => addon.backtestTrades(Float64Array.of(2, 10), Float64Array.of(...head(1, 1, 1), 1, 10, 0, 2, 3))).toThrow(RangeError);
    expect(() => addon.backtestTrades(Float64Array.of(2, 10), Float64Array.of(1, 0))).toThrow(RangeError);
  });

  it("the run's trade count (the columns' room) is the number of trades built, for orders and signals", () => {
    const a = cpp() as unknown as { backtestRun: (...args: unknown[]) => unknown };
    const real = a.backtestRun;
    const metas: Float64Array[] = [];
    a.backtestRun = (...args: unknown[]) => {
      const out = real.apply(a, args);
      if (Array.isArray(out)) metas.push(out[1] as Float64Array);
      return out;
    };
    const counts: number[] = [];
    try {
      for (let k = 0; k < 12; k++) {
        const r = rng(900 + k);
        const n = 200 + Math.floor(r() * 300);
        const columns = k % 3 === 2 ? 3 : 1;
        const close = walk(r, n, 0.05);
        const o: Record<string, unknown> = { fees: 0.001, direction: directions[k % 3], ...(k % 4 === 1 ? { start: 17 } : {}), ...(k % 6 === 5 ? { groups: [2, 1] } : {}) };
        const res =
          k % 2
            ? backtest.fromSignals({ close, entries: Uint8Array.from({ length: n * columns }, () => +(r() < 0.1)), exits: Uint8Array.from({ length: n * columns }, () => +(r() < 0.1)) }, o)
            : backtest.fromOrders({ close, size: Float64Array.from({ length: n * columns }, () => (r() < 0.4 ? NaN : (r() - 0.5) * 2)) }, o);
        counts.push(res.trades!.size.length);
      }
    } finally {
      a.backtestRun = real;
    }
    expect(metas.map((m) => m[7])).toEqual(counts);
    expect(Math.min(...counts)).toBeGreaterThan(3);
  });

  it('a large result (a buffer per group of columns, uninitialised) has the same bits as the recorded trades', () => {
    // 300k orders, ~150k-300k trades: over the size where the columns are split
    const n = 300_000;
    const r = rng(4242);
    const close = Float64Array.from({ length: n }, (_, i) => (r() < 0.01 ? NaN : 100 + 10 * Math.sin(i / 500) + r()));
    for (const [columns, direction] of [
      [1, 'both'],
      [2, 'long'],
      [1, 'long'],
    ] as const) {
      const size = Float64Array.from({ length: n * columns }, (_, i) => (i % 2 ? -1 : 1) * (0.5 + r() * 0.1));
      const inputs = { close: columns === 1 ? close : Float64Array.from({ length: n * columns }, (_, i) => close[i % n]!), size };
      const o = { fees: 0.001, direction, assets: columns, initCash: 1e6 };
      const lazy = backtest.fromOrders(inputs, o).trades!;
      expect(lazy.size.length).toBeGreaterThan(140_000 * columns);
      sameBits(lazy, simulateEagerTrades('orders', inputs, o).trades!);
    }
  });
});

describe('lazy trades: memory', () => {
  // gc() without --expose-gc on the command line: the flag set now, the function from a new context
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (o?: { type: 'minor' | 'major'; execution?: 'sync' }) => void;
  const n = 300_000;
  const r = rng(77);
  const close = walk(r, n, 0.01);
  const size = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (0.5 + r() * 0.1));
  const o = { fees: 0.001, initCash: 1e6 };

  it('a held column outlives its result: the result collected, the column keeps its values', () => {
    const held = ((): Float64Array => backtest.fromOrders({ close, size }, o).trades!.pnl)();
    const copy = held.slice();
    for (let k = 0; k < 3; k++) {
      gc({ type: 'minor', execution: 'sync' });
      gc({ type: 'major', execution: 'sync' });
      // new runs (their logs and columns) over whatever memory was freed
      void backtest.fromOrders({ close, size }, o).trades!.pnl[0];
    }
    expect(held.buffer.byteLength).toBeGreaterThan(0);
    const bits = (x: Float64Array): BigUint64Array => new BigUint64Array(x.buffer, x.byteOffset, x.length);
    expect(bits(held)).toEqual(bits(copy));
    const eager = simulateEagerTrades('orders', { close, size }, o).trades!.pnl;
    expect(bits(held)).toEqual(bits(eager));
  });

  it("a dropped result's columns are freed by a scavenge, without a full collection", () => {
    const bytes = (): number => process.memoryUsage().arrayBuffers;
    gc({ type: 'major', execution: 'sync' });
    const before = bytes();
    const columns = ((): number => {
      const t = backtest.fromOrders({ close, size }, o).trades!;
      const buffers = new Set(Object.values(t).map((c: ArrayBufferView) => c.buffer));
      return [...buffers].reduce((a, b) => a + b.byteLength, 0);
    })();
    expect(columns).toBeGreaterThan(5 << 20);
    expect(bytes() - before).toBeGreaterThanOrEqual(columns);
    gc({ type: 'minor', execution: 'sync' });
    gc({ type: 'minor', execution: 'sync' });
    // back within a tenth of the columns (the log was freed when the trades were built)
    expect(bytes() - before).toBeLessThan(columns / 10);
  });
});
