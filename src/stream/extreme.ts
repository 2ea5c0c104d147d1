// Rolling extremes by monotonic deques for the TypeScript streaming classes that still
// mirror their kernels (Willr, Stoch, Stochrsi); the C++ steps use deque_push (kernel.hpp).
import { Stream, type StreamSnapshot } from './base.js';

/**
 * Rolling highest high and lowest low by two monotonic deques, equal to the kernels'
 * BlockExtreme bit for bit: values are exact and, on ties, the most recent bar wins in
 * both (so tied +0 / -0 and Aroon's indices come out the same). A deque over the last `p`
 * bars has a power-of-two capacity c = m + 1 >= p (m = dequeMask(p)) and takes 2c window
 * slots: values at at + slot, run indices at at + c + slot; the max deque sits at `at`,
 * the min deque right after it (4c slots in all). Subclasses list the deques' head slots
 * and sizes ('hh', 'hs', 'lh', 'ls') among their state fields.
 *
 * pushPair writes the window directly (no put(): a call V8 doesn't inline would box the
 * double) and keeps its own undo records for replace().
 */
export abstract class ExtremeStream<V> extends Stream<V> {
  protected hh = 0; // max deque: head slot, size
  protected hs = 0;
  protected lh = 0; // min deque
  protected ls = 0;
  // Argument registers: V8 boxes a double argument of a call it doesn't inline.
  protected qx = 0.5;
  protected qy = 0.5;
  // Undo records of this bar's deque writes: (value slot, index slot, old value, old index).
  private readonly qu = new Float64Array(4 * 2 * 3);
  private qn = 0;

  protected constructor(kind: string, opts: Readonly<Record<string, number>>, fields: readonly string[], windowSize = 0) {
    super(kind, opts, fields, windowSize, ['qn']);
  }
  protected undo(): void {
    const u = this.qu;
    const w = this.w;
    for (let k = this.qn - 4; k >= 0; k -= 4) {
      w[u[k]!] = u[k + 2]!;
      w[u[k + 1]!] = u[k + 3]!;
    }
    this.qn = 0;
    super.undo();
  }
  reset(): void {
    this.qn = 0;
    super.reset();
  }
  restore(snap: StreamSnapshot): void {
    super.restore(snap);
    this.qn = 0;
  }

  /**
   * Pushes qx (run index i) into the max deque and qy into the min deque at `at` (slot
   * mask m), both over the last p bars. The maximum is then w[at + hh] (its run index
   * w[at + m + 1 + hh]), the minimum w[at + 2(m + 1) + lh] (index w[at + 3(m + 1) + lh]).
   * At most 3 calls a bar.
   */
  protected pushPair(at: number, m: number, p: number, i: number): void {
    const w = this.w;
    const u = this.qu;
    const c = m + 1;
    let x = this.qx;
    let head = this.hh;
    let size = this.hs;
    if (size > 0 && w[at + c + head]! <= i - p) {
      head = (head + 1) & m;
      size--;
    }
    let t = (head + size - 1) & m;
    while (size > 0 && w[at + t]! <= x) {
      size--;
      t = (t - 1) & m;
    }
    t = at + ((t + 1) & m);
    const n = this.qn;
    u[n] = t;
    u[n + 1] = t + c;
    u[n + 2] = w[t]!;
    u[n + 3] = w[t + c]!;
    w[t] = x;
    w[t + c] = i;
    this.hh = head;
    this.hs = size + 1;
    at += 2 * c;
    x = this.qy;
    head = this.lh;
    size = this.ls;
    if (size > 0 && w[at + c + head]! <= i - p) {
      head = (head + 1) & m;
      size--;
    }
    t = (head + size - 1) & m;
    while (size > 0 && w[at + t]! >= x) {
      size--;
      t = (t - 1) & m;
    }
    t = at + ((t + 1) & m);
    u[n + 4] = t;
    u[n + 5] = t + c;
    u[n + 6] = w[t]!;
    u[n + 7] = w[t + c]!;
    w[t] = x;
    w[t + c] = i;
    this.qn = n + 8;
    this.lh = head;
    this.ls = size + 1;
  }
}

/** The slot mask of a deque over p bars: a power of two >= p, less 1. */
export function dequeMask(p: number): number {
  let c = 1;
  while (c < p) c *= 2;
  return c - 1;
}
