import type { RsiOptions } from '../indicators/rsi.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { divOr, lmax } from './rolling.js';

/** Streaming {@link rsi}, bit-identical to the batch function. */
export class Rsi extends Stream<number> {
  readonly period: number;
  private readonly k: number;
  private readonly a: number;
  private readonly a2: number;
  private readonly ak: number;
  private n = 0;
  private prev = 0;
  private gain = 0;
  private loss = 0;
  private g0 = 0; // gain and loss terms of the first bar of the current pair
  private l0 = 0;
  private out = NaN;

  constructor(options?: number | RsiOptions) {
    const o = streamOptions('rsi', options);
    super('rsi', o, ['n', 'prev', 'gain', 'loss', 'g0', 'l0', 'out']);
    const p = o.period!;
    this.period = p;
    this.k = 1.0 / p;
    this.a = (p - 1) / p;
    this.a2 = this.a * this.a;
    this.ak = this.a * this.k;
    this.start();
  }
  protected clear(): void {
    this.n = this.prev = this.gain = this.loss = this.g0 = this.l0 = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the RSI (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised RSI. */
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
      this.n = this.gain = this.loss = 0;
      return (this.out = NaN);
    }
    const n = ++this.n;
    const p = this.period;
    const d = x - this.prev;
    this.prev = x;
    if (n === 1) return (this.out = NaN);
    if (n <= p + 1) {
      this.gain = this.gain + lmax(d, 0.0);
      this.loss = this.loss + lmax(-d, 0.0);
      if (n <= p) return (this.out = NaN);
      this.gain = this.gain / p;
      this.loss = this.loss / p;
    } else if ((n - p) & 1) {
      // Second bar of a pair: the kernel's two-step form from the pair's anchor.
      this.gain = this.gain * this.a2 + (this.g0 * this.ak + lmax(d, 0.0) * this.k);
      this.loss = this.loss * this.a2 + (this.l0 * this.ak + lmax(-d, 0.0) * this.k);
    } else {
      // First bar of a pair (bars after the seed go in pairs, as in the kernel).
      const g0 = (this.g0 = lmax(d, 0.0));
      const l0 = (this.l0 = lmax(-d, 0.0));
      const g = this.gain * this.a + g0 * this.k;
      return (this.out = divOr(g * 100.0, g + (this.loss * this.a + l0 * this.k), 0.0));
    }
    return (this.out = divOr(this.gain * 100.0, this.gain + this.loss, 0.0));
  }
}
