// Shared by the backtest, lazy-trades and workspace tests: trade columns compared byte for byte, and
// a random-walk close with gaps.
import { expect } from 'vitest';
import type { Trades } from '../../src/index.js';

export const KEYS = ['column', 'entryIndex', 'exitIndex', 'direction', 'open', 'size', 'entryPrice', 'exitPrice', 'entryFees', 'exitFees', 'pnl', 'return'] as const;
const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function sameBits(lazy: Trades, eager: Trades): void {
  expect(Object.keys(lazy).sort()).toEqual([...KEYS].sort());
  for (const k of KEYS) {
    expect(lazy[k].constructor).toBe(eager[k].constructor);
    expect(lazy[k].length, k).toBe(eager[k].length);
    const a = bytes(lazy[k]);
    const b = bytes(eager[k]);
    let diff = -1;
    for (let i = 0; i < a.length && diff < 0; i++) if (a[i] !== b[i]) diff = i;
    expect(diff, `${k}: first differing byte`).toBe(-1);
  }
}

export function walk(r: () => number, n: number, gaps: number): Float64Array {
  const c = new Float64Array(n);
  let px = 50 + r() * 100;
  for (let i = 0; i < n; i++) {
    px *= 1 + (r() - 0.5) * 0.1;
    c[i] = r() < gaps ? NaN : px;
  }
  return c;
}
