// What a user can read of a result's trade columns: every column is a view of the first n
// trades, but `.buffer` gives the whole ArrayBuffer (the room the binding sized, the 64-byte
// alignment gaps between columns). Those bytes must not be leftovers of earlier heap use (the
// process's freed memory: other results, strings, anything), so every byte outside the views
// must read 0, as it did when the columns came from a zero-filled ArrayBuffer. The heap is
// dirtied first with a known pattern (freed buffers of the sizes the columns take), so memory
// handed back uninitialised shows it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { backtest, type Trades } from '../../src/index.js';
import { cpp } from '../../src/core/indicator.js';
import { rng } from '../helpers.js';
import { sameBits, walk } from './trade-bits.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// Frees many buffers of `bytes` filled with 0xA5, so the allocator's free lists hold dirty
// chunks of about that size.
function dirty(bytes: number): void {
  for (let round = 0; round < 4; round++) {
    let keep: Buffer[] | undefined = [];
    for (let k = 0; k < 64; k++) keep.push(Buffer.allocUnsafeSlow(bytes + 64 * (k % 8)).fill(0xa5));
    keep = undefined;
    gc();
  }
}

// Bytes of each distinct buffer behind the columns that no column views and that are not 0.
function strayBytes(t: Trades): number {
  const views = Object.values(t) as ArrayBufferView[];
  let stray = 0;
  for (const buf of new Set(views.map((v) => v.buffer))) {
    const seen = new Uint8Array(buf.byteLength);
    for (const v of views) if (v.buffer === buf) seen.fill(1, v.byteOffset, v.byteOffset + v.byteLength);
    const bytes = new Uint8Array(buf);
    for (let i = 0; i < bytes.length; i++) if (!seen[i] && bytes[i] !== 0) stray++;
  }
  return stray;
}

function orders(seed: number, n: number) {
  const r = rng(seed);
  const close = walk(r, n, 0.02);
  const size = Float64Array.from({ length: n }, () => (r() < 0.5 ? NaN : (r() - 0.5) * 2));
  return { close, size };
}

// A result's own columns are uninitialised memory whose unviewed bytes the binding zeroes;
// a workspace's new memory is zero-filled.
describe('trade columns: no uninitialised memory behind the views', () => {
  it("a result's own columns (heap-sized: one buffer)", () => {
    let stray = 0;
    for (let k = 0; k < 6; k++) {
      const inputs = orders(300 + k, 400 + 50 * k);
      // ~70 bytes a trade, one buffer: dirty chunks of about the size it asks for
      dirty(70 * 400);
      const t = backtest.fromOrders(inputs, { fees: 0.001 }).trades!;
      expect(t.size.length).toBeGreaterThan(20);
      stray += strayBytes(t);
    }
    expect(stray).toBe(0);
  });

  it("a workspace's new columns (room for fills + columns, about half used)", () => {
    let stray = 0;
    for (let k = 0; k < 6; k++) {
      const ws = backtest.workspace();
      const inputs = orders(500 + k, 400 + 50 * k);
      dirty(70 * 400);
      const t = backtest.fromOrders(inputs, { fees: 0.001, workspace: ws }).trades!;
      expect(t.size.length).toBeGreaterThan(20);
      stray += strayBytes(t);
    }
    expect(stray).toBe(0);
  });
});

describe("trade columns built from a log: every count, into every workspace memory", () => {
  it('a short, exact or bound trade count, with no, a small or a large workspace buffer: the same trades (run under scripts/sanitize.sh too)', () => {
    const addon = cpp() as unknown as { backtestTrades(f: Float64Array, m: Float64Array, reuse?: ArrayBuffer | null, release?: boolean): Trades };
    // two columns, a buy and a sell in the first, a buy in the second (open at the end)
    const fills = Float64Array.of(2, 10, -2, 11, 1, 20);
    const meta = (trades: number) => Float64Array.of(2, 0, 9, 0.001, 0, 3, 0, trades, 2, 1, 11, 20);
    const want = addon.backtestTrades(fills, meta(2));
    expect(want.size.length).toBe(2);
    expect(Array.from(want.open)).toEqual([0, 1]);
    for (const t of [0, 1, 2, 3, 4, 5])
      for (const reuse of [undefined, null, new ArrayBuffer(64), new ArrayBuffer(1 << 16)]) {
        const before = reuse ? new Uint8Array(reuse).fill(0xee).slice() : undefined;
        const got = addon.backtestTrades(fills.slice(), meta(t), reuse);
        sameBits(got, want);
        if (reuse && got.size.buffer !== reuse) expect(new Uint8Array(reuse)).toEqual(before);
      }
    // past the bound (fills + columns = 5): refused, the log kept
    const kept = fills.slice();
    expect(() => addon.backtestTrades(kept, meta(6), undefined, true)).toThrow(RangeError);
    expect(kept.length).toBe(6);
  });

  it("after trades are read, nothing a result holds views a detached buffer", () => {
    const r = backtest.fromOrders(orders(9, 500), { fees: 0.001, equity: true });
    expect(r.trades!.size.length).toBeGreaterThan(20);
    const views: ArrayBufferView[] = [];
    const walkObj = (o: unknown, depth: number): void => {
      if (ArrayBuffer.isView(o)) views.push(o);
      else if (o && typeof o === 'object' && depth < 4) for (const v of Object.values(o)) walkObj(v, depth + 1);
    };
    walkObj(r, 0);
    expect(views.length).toBeGreaterThan(12);
    for (const v of views) expect(v.buffer.byteLength).toBeGreaterThan(0);
    expect(JSON.stringify(r).length).toBeGreaterThan(1000);
  });
});
