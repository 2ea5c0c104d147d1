import type { WillrOptions } from '../indicators/willr.js';
import { badInput, isGap, streamOptions } from './base.js';
import { dequeMask, ExtremeStream } from './extreme.js';
import { divNz } from './rolling.js';

/** Streaming {@link willr}: `update(high, low, close)`, bit-identical to the batch function. */
export class Willr extends ExtremeStream<number> {
  readonly period: number;
  private readonly m: number; // deque slot mask
  private n = 0;
  private out = NaN;
  // Argument registers (not state): V8 boxes a double argument of a call it doesn't inline.
  private ih = NaN;
  private il = NaN;
  private ic = NaN;

  constructor(options?: number | WillrOptions) {
    const o = streamOptions('willr', options);
    const m = dequeMask(o.period!);
    super('willr', o, ['n', 'hh', 'hs', 'lh', 'ls', 'out'], 4 * (m + 1));
    this.period = o.period!;
    this.m = m;
    this.start();
  }
  protected clear(): void {
    this.n = this.hh = this.hs = this.lh = this.ls = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns %R (NaN during warm-up). */
  update(high: number, low: number, close: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    this.save();
    this.ih = high;
    this.il = low;
    this.ic = close;
    this.step();
    return this.out;
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    this.undo();
    this.ih = high;
    this.il = low;
    this.ic = close;
    this.step();
    return this.out;
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  private step(): void {
    const h = this.ih;
    const l = this.il;
    const c = this.ic;
    if (isGap(h) || isGap(l) || isGap(c)) {
      this.n = this.hs = this.ls = 0;
      this.out = NaN;
      return;
    }
    const p = this.period;
    const i = this.n++;
    const m = this.m;
    this.qx = h;
    this.qy = l;
    this.pushPair(0, m, p, i);
    if (i + 1 < p) {
      this.out = NaN;
      return;
    }
    const hi = this.w[this.hh]!;
    const lo = this.w[2 * (m + 1) + this.lh]!;
    // TA-Lib's operation order: (highest - close) / ((highest - lowest) / -100).
    this.out = divNz(hi - c, (hi - lo) / -100.0, 0.0);
  }
}
