// fromOrders' `workspace` option: runs that reuse one workspace's memory (the fill log, and
// the trade columns once read) give, run after run, the trades the same run records while
// it runs (the eager path), bit for bit, whatever the workspace held before (larger runs,
// several columns with nonzero column indices and open trades, runs that throw). Then the
// lifetime rules: a result's columns hold until a later result's trades are read, an
// unread previous result's `trades` throws, and a run that throws changes neither.
import { describe, expect, it } from 'vitest';
import { backtest, type BacktestResult, type OrderOptions } from '../../src/index.js';
import { simulateEagerTrades } from '../../src/backtest/index.js';
import { rng } from '../helpers.js';
import { sameBits, walk } from './trade-bits.js';

function orders(seed: number, n: number, columns: number, sparse: number) {
  const r = rng(seed);
  const close = walk(r, n, 0.01);
  const size = Float64Array.from({ length: n * columns }, (_, i) => (r() < sparse ? NaN : (i % 2 ? -1 : 1) * (0.3 + r() * 0.5)));
  return { close, size };
}

function checkRun(inputs: { close: Float64Array; size: Float64Array }, o: OrderOptions): BacktestResult {
  const r = backtest.fromOrders(inputs, o);
  const { workspace: _ws, ...plain } = o;
  const eager = simulateEagerTrades('orders', inputs, plain);
  expect(r.metrics).toEqual(eager.metrics);
  sameBits(r.trades!, eager.trades!);
  return r;
}

describe('fromOrders with a workspace', () => {
  it('run after run, each result gives the eager trades, whatever the workspace held before', () => {
    const ws = backtest.workspace();
    expect(ws.bytes).toBe(0);
    // sizes up and down (300,000 orders: a log on 2 MB pages at an offset), several columns
    // (nonzero column indices, an open trade per column) before one column (column 0 only)
    const runs: [number, number, number, number, OrderOptions][] = [
      [11, 2_000, 1, 0.1, { fees: 0.001 }],
      [12, 300_000, 1, 0.02, { fees: 0.001, fixedFees: 0.01, initCash: 1e5 }],
      [13, 5_000, 3, 0.2, { fees: 0.002, threads: 2 }],
      [14, 4_000, 1, 0, { slippage: 0.001 }],
      [15, 3_000, 2, 0.3, { groups: [2], initCash: 500 }],
      [16, 1_000, 1, 0.5, { direction: 'long', start: 100 }],
      [17, 60_000, 1, 0, { fees: 0.001 }],
    ];
    let most = 0;
    for (const [seed, n, cols, sparse, o] of runs) {
      const r = checkRun(orders(seed, n, cols, sparse), { ...o, workspace: ws });
      expect(r.trades!.size.length).toBeGreaterThan(0);
      // the workspace keeps its largest memory: it never shrinks
      expect(ws.bytes).toBeGreaterThanOrEqual(most);
      most = ws.bytes;
    }
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
    // a bad price, a bad length and a bad option (the log's memory is asked for before the inputs are checked)
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

  it('bad values name the option; fromSignals and the grid do not take it', () => {
    const a = orders(71, 100, 1, 0);
    for (const w of [{}, null, 1, { bytes: 0 }])
      expect(() => backtest.fromOrders(a, { workspace: w as never })).toThrow(new TypeError(`hean.backtest.fromOrders: option 'workspace' must be a workspace from backtest.workspace(), got ${w === null ? 'null' : typeof w === 'number' ? 'number 1' : 'an object'}`));
    expect(() => backtest.fromSignals({ close: a.close, entries: new Uint8Array(100) }, { workspace: backtest.workspace() } as never)).toThrow(/option 'workspace' is not available here/);
    expect(() => backtest.maCrossGrid({ close: a.close }, { fast: [2], slow: [5], workspace: backtest.workspace() } as never)).toThrow(/option 'workspace' is not available here/);
  });
});
