import type { SmaOptions } from '../indicators/sma.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { resumEvery, ringSum } from './rolling.js';

/**
 * Streaming {@link sma}, bit-identical to the batch function: the same running sum,
 * paired steps and exact re-sum every max(8·period, 1024) bars.
 */
export class Sma extends Stream<number> {
  readonly period: number;
  private readonly inv: number;
  private readonly every: number;
  private n = 0;
  private pos = 0; // ring slot of the oldest value (next write)
  private sum = 0;
  private since = 0;
  private d0 = 0; // first difference of the current pair
  private out = NaN;

  constructor(options?: number | SmaOptions) {
    const o = streamOptions('sma', options);
    super('sma', o, ['n', 'pos', 'sum', 'since', 'd0', 'out'], o.period!);
    this.period = o.period!;
    this.inv = 1.0 / this.period;
    this.every = resumEvery(this.period, 1024);
    this.start();
  }
  protected clear(): void {
    this.n = this.pos = this.sum = this.since = this.d0 = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the SMA (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised SMA. */
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
      this.n = this.pos = this.sum = 0;
      return (this.out = NaN);
    }
    const p = this.period;
    const n = ++this.n;
    const old = this.w[this.pos]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    if (n <= p) {
      this.sum += x;
      if (n < p) return (this.out = NaN);
      this.since = 0;
      return (this.out = this.sum * this.inv);
    }
    if ((n - p) & 1) {
      this.d0 = x - old;
      return (this.out = (this.sum + this.d0) * this.inv);
    }
    const d1 = x - old;
    this.since += 2;
    if (this.since >= this.every) {
      this.since = 0;
      this.sum = ringSum(this.w, 0, p, this.pos);
    } else {
      this.sum = this.sum + (this.d0 + d1);
    }
    return (this.out = this.sum * this.inv);
  }
}
