// fromOrders' `workspace` option: runs that reuse one workspace's memory (the fill log, and
// the trade columns once read) give, run after run, the trades the same run records while
// it runs (the eager path), bit for bit, whatever the workspace held before (larger runs,
// several columns with nonzero column indices and open trades, runs that throw). Then the
// lifetime rules: a result's columns hold until a later result's trades are read, an
// unread previous result's `trades` throws, and a run that throws changes neither.
import { describe, expect, it } from 'vitest';
import { backtest, type BacktestResult, type BacktestWorkspace, type OrderInputs, type OrderOptions, type SignalInputs, type SignalOptions } from '../../src/index.js';
import { simulateEagerTrades } from '../../src/backtest/index.js';
import { cpp } from '../../src/core/indicator.js';
import { rng } from '../helpers.js';
import { sameBits, walk } from './trade-bits.js';

function orders(seed: number, n: number, columns: number, sparse: number) {
  const r = rng(seed);
  const close = walk(r, n, 0.01);
  const size = Float64Array.from({ length: n * columns }, (_, i) => (r() < sparse ? NaN : (i % 2 ? -1 : 1) * (0.3 + r() * 0.5)));
  return { close, size };
}

function signals(seed: number, n: number, columns: number, p: number) {
  const r = rng(seed);
  const close = walk(r, n, 0.01);
  const high = Float64Array.from(close, (x) => x * (1 + 0.02 * r()));
  const low = Float64Array.from(close, (x) => x * (1 - 0.02 * r()));
  const flags = () => Uint8Array.from({ length: n * columns }, () => +(r() < p));
  return { close, high, low, entries: flags(), exits: flags() };
}

// One run with the workspace against the same run with its trades recorded while it runs.
function check(mode: 'orders' | 'signals', inputs: OrderInputs | SignalInputs, o: OrderOptions | SignalOptions): BacktestResult {
  const r = mode === 'orders' ? backtest.fromOrders(inputs as OrderInputs, o as OrderOptions) : backtest.fromSignals(inputs as SignalInputs, o as SignalOptions);
  const { workspace: _ws, ...plain } = o;
  const eager = simulateEagerTrades(mode, inputs, plain);
  expect(r.metrics).toEqual(eager.metrics);
  sameBits(r.trades!, eager.trades!);
  return r;
}
const checkSignals = (inputs: SignalInputs, o: SignalOptions) => check('signals', inputs, o);
const checkRun = (inputs: OrderInputs, o: OrderOptions) => check('orders', inputs, o);

type Runs<O> = [seed: number, n: number, columns: number, p: number, options: O][];
// Runs one after another with one workspace (`one` checks each against the eager trades);
// the workspace keeps its largest memory: it never shrinks. Returns its bytes at the end.
function runAfterRun<O>(ws: BacktestWorkspace, runs: Runs<O>, one: (seed: number, n: number, columns: number, p: number, o: O & { workspace: BacktestWorkspace }) => BacktestResult) {
  let most = 0;
  for (const [seed, n, cols, p, o] of runs) {
    const r = one(seed, n, cols, p, { ...o, workspace: ws });
    expect(r.trades!.size.length).toBeGreaterThan(0);
    expect(ws.bytes).toBeGreaterThanOrEqual(most);
    most = ws.bytes;
  }
  return most;
}

describe('fromOrders with a workspace', () => {
  it('run after run, each result gives the eager trades, whatever the workspace held before', () => {
    const ws = backtest.workspace();
    expect(ws.bytes).toBe(0);
    // sizes up and down (300,000 orders: a log on 2 MB pages at an offset), several columns
    // (nonzero column indices, an open trade per column) before one column (column 0 only)
    const runs: Runs<OrderOptions> = [
      [11, 2_000, 1, 0.1, { fees: 0.001 }],
      [12, 300_000, 1, 0.02, { fees: 0.001, fixedFees: 0.01, initCash: 1e5 }],
      [13, 5_000, 3, 0.2, { fees: 0.002, threads: 2 }],
      [14, 4_000, 1, 0, { slippage: 0.001 }],
      [15, 3_000, 2, 0.3, { groups: [2], initCash: 500 }],
      [16, 1_000, 1, 0.5, { direction: 'long', start: 100 }],
      [17, 60_000, 1, 0, { fees: 0.001 }],
    ];
    const most = runAfterRun(ws, runs, (seed, n, cols, sparse, o) => checkRun(orders(seed, n, cols, sparse), o));
    expect(most).toBeGreaterThan(300_000 * 16);
  });

  it('trades: false and unread trades between runs leave later runs right', () => {
    const ws = backtest.workspace();
    const a = orders(21, 10_000, 1, 0.05);
    const m = backtest.fromOrders(a, { fees: 0.001, trades: false, workspace: ws });
    expect(m.trades).toBeUndefined();
    expect(m.metrics).toEqual(backtest.fromOrders(a, { fees: 0.001, trades: false }).metrics);
    backtest.fromOrders(orders(22, 20_000, 2, 0.1), { workspace: ws });
    checkRun(orders(23, 8_000, 1, 0.1), { fees: 0.001, workspace: ws });
  });

  it("trade columns are the workspace's: valid until a later result's trades are read; a copy stays", () => {
    const ws = backtest.workspace();
    const a = orders(31, 5_000, 1, 0.1);
    const first = backtest.fromOrders(a, { fees: 0.001, workspace: ws });
    const cols = first.trades!;
    const kept = cols.pnl.slice();
    const own = backtest.fromOrders(a, { fees: 0.001 }).trades!;
    expect(kept.length).toBeGreaterThan(100);
    // a later run alone (its trades not read) writes only its fill log
    const second = backtest.fromOrders(orders(32, 5_000, 1, 0.1), { fees: 0.001, workspace: ws });
    sameBits(cols, own);
    // reading its trades lays them in the same memory
    sameBits(second.trades!, simulateEagerTrades('orders', orders(32, 5_000, 1, 0.1), { fees: 0.001 }).trades!);
    expect(second.trades!.pnl.buffer).toBe(cols.pnl.buffer);
    expect(kept).toEqual(own.pnl);
  });

  it("an unread previous result's trades throw once the workspace ran again; metrics stay", () => {
    const ws = backtest.workspace();
    const a = orders(41, 3_000, 1, 0.1);
    const first = backtest.fromOrders(a, { fees: 0.001, workspace: ws });
    const metrics = structuredClone(first.metrics);
    checkRun(orders(42, 3_000, 1, 0.1), { fees: 0.001, workspace: ws });
    expect(() => first.trades).toThrow(/reused by a later run with the same workspace/);
    expect(first.metrics).toEqual(metrics);
  });

  it('a run that throws changes nothing: the current result still reads its trades', () => {
    const ws = backtest.workspace();
    const a = orders(51, 4_000, 1, 0.1);
    const cur = backtest.fromOrders(a, { fees: 0.001, workspace: ws });
    const bytes = ws.bytes;
    // a bad price, a bad length and a bad option (the log's memory is asked for only after the inputs are checked)
    const bad = orders(52, 400_000, 1, 0);
    bad.close[7] = -1;
    expect(() => backtest.fromOrders(bad, { workspace: ws })).toThrow(RangeError);
    expect(() => backtest.fromOrders({ close: a.close, size: a.size.subarray(1) }, { workspace: ws })).toThrow(RangeError);
    expect(() => backtest.fromOrders(a, { fees: -2, workspace: ws })).toThrow(RangeError);
    expect(ws.bytes).toBe(bytes);
    sameBits(cur.trades!, simulateEagerTrades('orders', a, { fees: 0.001 }).trades!);
    // and the same for a result whose columns were read before the throwing call
    const again = backtest.fromOrders(a, { fees: 0.001, workspace: ws });
    const cols = again.trades!;
    expect(() => backtest.fromOrders(bad, { workspace: ws })).toThrow(RangeError);
    sameBits(cols, simulateEagerTrades('orders', a, { fees: 0.001 }).trades!);
  });

  it('trade columns transferred away by the caller: the next read takes new memory', () => {
    const ws = backtest.workspace();
    const a = orders(61, 4_000, 1, 0.1);
    const first = backtest.fromOrders(a, { fees: 0.001, workspace: ws });
    const buf = first.trades!.size.buffer as ArrayBuffer;
    const moved = structuredClone(buf, { transfer: [buf] });
    expect(moved.byteLength).toBeGreaterThan(0);
    checkRun(orders(62, 4_000, 1, 0.1), { fees: 0.001, workspace: ws });
  });

  it('bad values name the option; the grid does not take it', () => {
    const a = orders(71, 100, 1, 0);
    const got = (w: unknown) => (w === null ? 'null' : typeof w === 'number' ? 'number 1' : 'an object');
    for (const w of [{}, null, 1, { bytes: 0 }]) {
      expect(() => backtest.fromOrders(a, { workspace: w as never })).toThrow(new TypeError(`hean.backtest.fromOrders: option 'workspace' must be a workspace from backtest.workspace(), got ${got(w)}`));
      expect(() => backtest.fromSignals({ close: a.close, entries: new Uint8Array(100) }, { workspace: w as never })).toThrow(
        new TypeError(`hean.backtest.fromSignals: option 'workspace' must be a workspace from backtest.workspace(), got ${got(w)}`),
      );
    }
    expect(() => backtest.maCrossGrid({ close: a.close }, { fast: [2], slow: [5], workspace: backtest.workspace() } as never)).toThrow(/option 'workspace' is not available here/);
  });
});

// The binding asks for the log's memory (the workspace's allocator) only once every input
// is checked; the workspace takes that call as the flag that a throw after it may have
// written its held log. Here the call is wrapped so that its allocator, after handing out
// the memory, detaches an input: the binding then throws (it checks what it holds again),
// as it would if the simulation ran out of memory.
describe('a workspace run that throws', () => {
  type Run = (...args: unknown[]) => unknown;
  function withAllocator(wrap: (alloc: (bytes: number) => ArrayBuffer, args: unknown[]) => (bytes: number) => ArrayBuffer, body: () => void) {
    const a = cpp() as unknown as { backtestRun: Run };
    const real = a.backtestRun;
    a.backtestRun = (...args: unknown[]) => {
      const outs = args[5] as unknown[];
      return real.apply(a, [...args.slice(0, 5), [outs[0], outs[1], outs[2], wrap(outs[3] as (bytes: number) => ArrayBuffer, args)]]);
    };
    try {
      body();
    } finally {
      a.backtestRun = real;
    }
  }

  it('before asking for the log memory: nothing changes, the allocator is not called', () => {
    const ws = backtest.workspace();
    const a = orders(81, 4_000, 1, 0.1);
    const cur = backtest.fromOrders(a, { fees: 0.001, workspace: ws });
    const asked: number[] = [];
    withAllocator(
      (alloc) => (bytes) => (asked.push(bytes), alloc(bytes)),
      () => {
        expect(() => backtest.fromOrders({ close: a.close.map((x, i) => (i === 9 ? 0 : x)), size: a.size }, { workspace: ws })).toThrow(/close\[9\] is 0/);
        expect(() => backtest.fromOrders(a, { groups: [2], workspace: ws })).toThrow(RangeError);
        const s = signals(82, 4_000, 1, 0.1);
        expect(() => backtest.fromSignals({ ...s, exits: s.exits.subarray(1) }, { workspace: ws })).toThrow(RangeError);
      },
    );
    expect(asked).toEqual([]);
    sameBits(cur.trades!, simulateEagerTrades('orders', a, { fees: 0.001 }).trades!);
  });

  it("after being handed the held log: the previous result's unread trades throw, its read columns stay, the next run is right", () => {
    const ws = backtest.workspace();
    const a = orders(91, 4_000, 1, 0.1);
    const read = backtest.fromOrders(a, { fees: 0.001, workspace: ws });
    const cols = read.trades!;
    const unread = backtest.fromOrders(a, { fees: 0.002, workspace: ws });
    let handed: ArrayBuffer | undefined;
    withAllocator(
      (alloc, args) => (bytes) => {
        handed = alloc(bytes);
        const size = args[2] as Float64Array;
        structuredClone(size.buffer, { transfer: [size.buffer as ArrayBuffer] });
        return handed;
      },
      () => {
        // same length as before: the workspace hands out the log it holds (unread's)
        expect(() => backtest.fromOrders({ close: a.close, size: a.size.slice() }, { workspace: ws })).toThrow(/size was detached or replaced while the fill log was allocated/);
      },
    );
    expect(handed).toBeDefined();
    expect(() => unread.trades).toThrow(/reused by a later run with the same workspace/);
    sameBits(cols, simulateEagerTrades('orders', a, { fees: 0.001 }).trades!);
    checkRun(orders(92, 4_000, 1, 0.1), { fees: 0.001, workspace: ws });
  });

  it('after being handed new memory (the held log was too small): the previous result still reads its trades', () => {
    const ws = backtest.workspace();
    const a = orders(93, 2_000, 1, 0.1);
    const unread = backtest.fromOrders(a, { fees: 0.001, workspace: ws });
    withAllocator(
      (alloc, args) => (bytes) => {
        const b = alloc(bytes);
        const size = args[2] as Float64Array;
        structuredClone(size.buffer, { transfer: [size.buffer as ArrayBuffer] });
        return b;
      },
      () => {
        expect(() => backtest.fromOrders(orders(94, 50_000, 1, 0.1), { workspace: ws })).toThrow(TypeError);
      },
    );
    sameBits(unread.trades!, simulateEagerTrades('orders', a, { fees: 0.001 }).trades!);
  });
});

describe('fromSignals with a workspace', () => {
  it('run after run, each result gives the eager trades; fromOrders and fromSignals share one workspace', () => {
    const ws = backtest.workspace();
    const runs: Runs<SignalOptions> = [
      [101, 3_000, 1, 0.1, { fees: 0.001 }],
      [102, 200_000, 1, 0.3, { fees: 0.001, direction: 'both', fixedFees: 0.01, initCash: 1e4 }],
      [103, 5_000, 3, 0.1, { stopLoss: 0.02, trailingStop: 0.03, takeProfit: 0.04, threads: 2 }],
      [104, 4_000, 2, 0.2, { groups: [2], size: 0.5, sizeType: 'percent' }],
      [105, 1_000, 1, 0.4, { direction: 'short', start: 50, slippage: 0.001 }],
    ];
    // a fromOrders run on the same workspace after each
    runAfterRun(ws, runs, (seed, n, cols, p, o) => {
      const r = checkSignals(signals(seed, n, cols, p), o);
      checkRun(orders(seed, n >> 1, 1, 0.2), { fees: 0.001, workspace: ws });
      return r;
    });
  });

  it("lifetime as fromOrders': read columns hold until a later result's trades are read, unread trades throw", () => {
    const ws = backtest.workspace();
    const a = signals(111, 5_000, 1, 0.2);
    const first = backtest.fromSignals(a, { fees: 0.001, direction: 'both', workspace: ws });
    const cols = first.trades!;
    const own = backtest.fromSignals(a, { fees: 0.001, direction: 'both' }).trades!;
    const second = backtest.fromSignals(signals(112, 5_000, 1, 0.2), { fees: 0.001, workspace: ws });
    const third = backtest.fromSignals(a, { fees: 0.001, direction: 'both', workspace: ws });
    sameBits(cols, own);
    expect(() => second.trades).toThrow(/reused by a later run with the same workspace/);
    sameBits(third.trades!, own);
    expect(third.trades!.pnl.buffer).toBe(cols.pnl.buffer);
  });
});
