import type { RollingMinOptions } from '../indicators/rollingMin.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';

/**
 * A monotonic deque over the last `period` bars, O(1) amortised a bar. Extremes are exact,
 * so it gives the kernels' (block-extreme) values; on ties the most recent bar wins, as
 * there, so even the sign of a tied zero matches. The deque is a ring of p + 1 (index,
 * value) slots in the window array.
 */
export abstract class RollingExtreme extends Stream<number> {
  readonly period: number;
  private readonly cap: number;
  private n = 0;
  private head = 0;
  private size = 0;
  private out = NaN;

  protected constructor(kind: string, options: unknown, private readonly greater: boolean) {
    const o = streamOptions(kind, options);
    super(kind, o, ['n', 'head', 'size', 'out'], 2 * (o.period! + 1));
    this.period = o.period!;
    this.cap = this.period + 1;
    this.start();
  }
  protected clear(): void {
    this.n = this.head = this.size = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the extreme of the last `period` closes (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar. */
  replace(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    this.undo();
    return this.step(close);
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  private step(x: number): number {
    if (isGap(x)) {
      this.n = this.head = this.size = 0;
      return (this.out = NaN);
    }
    const { w, cap, head } = this;
    const i = this.n++;
    let size = this.size;
    // Drop dominated entries from the back (values at slots cap .. 2cap-1).
    if (this.greater) {
      while (size > 0) {
        let b = head + size - 1;
        if (b >= cap) b -= cap;
        if (w[cap + b]! <= x) --size;
        else break;
      }
    } else {
      while (size > 0) {
        let b = head + size - 1;
        if (b >= cap) b -= cap;
        if (w[cap + b]! >= x) --size;
        else break;
      }
    }
    let t = head + size;
    if (t >= cap) t -= cap;
    this.put(t, i);
    this.put(cap + t, x);
    ++size;
    let h = head;
    while (w[h]! + this.period <= i) {
      if (++h === cap) h = 0;
      --size;
    }
    this.head = h;
    this.size = size;
    if (i < this.period - 1) return (this.out = NaN);
    return (this.out = w[cap + h]!);
  }
}

/** Streaming {@link rollingMin}, bit-identical to the batch function. */
export class RollingMin extends RollingExtreme {
  constructor(options?: number | RollingMinOptions) {
    super('rollingMin', options, false);
  }
}
