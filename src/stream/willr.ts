import type { WillrOptions } from '../indicators/willr.js';
import { isGap, streamOptions } from './base.js';
import { ExtremeStream } from './donchian.js';
import { divNz } from './rolling.js';

/** Streaming {@link willr}: `update(high, low, close)`, bit-identical to the batch function. */
export class Willr extends ExtremeStream<number> {
  readonly period: number;
  private n = 0;
  private hh = 0; // max deque: head slot, size
  private hs = 0;
  private lh = 0; // min deque
  private ls = 0;
  private out = NaN;

  constructor(options?: number | WillrOptions) {
    const o = streamOptions('willr', options);
    super('willr', o, ['n', 'hh', 'hs', 'lh', 'ls', 'out'], 4 * o.period!);
    this.period = o.period!;
    this.start();
  }
  protected clear(): void {
    this.n = this.hh = this.hs = this.lh = this.ls = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns %R (NaN during warm-up). */
  update(high: number, low: number, close: number): number {
    this.save();
    return (this.out = this.step(high, low, close));
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): number {
    this.undo();
    return (this.out = this.step(high, low, close));
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  private step(h: number, l: number, c: number): number {
    if (isGap(h) || isGap(l) || isGap(c)) {
      this.n = this.hs = this.ls = 0;
      return NaN;
    }
    const p = this.period;
    const i = this.n++;
    this.hs = this.qpush(0, p, this.hh, this.hs, h, i, true);
    this.hh = this.qh;
    this.ls = this.qpush(2 * p, p, this.lh, this.ls, l, i, false);
    this.lh = this.qh;
    if (i + 1 < p) return NaN;
    const hi = this.w[this.hh]!;
    const lo = this.w[2 * p + this.lh]!;
    // TA-Lib's operation order: (highest - close) / ((highest - lowest) / -100).
    return divNz(hi - c, (hi - lo) / -100.0, 0.0);
  }
}
