import type { SmaOptions } from '../indicators/sma.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { resumEvery, ringSum } from './rolling.js';

/**
 * Streaming {@link sma}, bit-identical to the batch function: the same running sum, bars
 * in groups of four from one anchor sum (WindowSum::step4) and exact re-sum every
 * max(8·period, 1024) bars.
 */
export class Sma extends Stream<number> {
  readonly period: number;
  private readonly inv: number;
  private readonly every: number;
  private n = 0;
  private pos = 0; // ring slot of the oldest value (next write)
  private sum = 0;
  private since = 0;
  private d01 = 0; // sum of the current group's first differences (d0, then d0 + d1)
  private d2 = 0; // its third difference
  private out = NaN;

  constructor(options?: number | SmaOptions) {
    const o = streamOptions('sma', options);
    super('sma', o, ['n', 'pos', 'sum', 'since', 'd01', 'd2', 'out'], o.period!);
    this.period = o.period!;
    this.inv = 1.0 / this.period;
    this.every = resumEvery(this.period, 1024);
    this.start();
  }
  protected clear(): void {
    this.n = this.pos = this.sum = this.since = this.d01 = this.d2 = 0;
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
    const d = x - old;
    switch ((n - p - 1) & 3) {
      case 0:
        this.d01 = d;
        return (this.out = (this.sum + d) * this.inv);
      case 1:
        this.d01 = this.d01 + d;
        return (this.out = (this.sum + this.d01) * this.inv);
      case 2:
        this.d2 = d;
        return (this.out = (this.sum + (this.d01 + d)) * this.inv);
    }
    this.since += 4;
    if (this.since >= this.every) {
      this.since = 0;
      this.sum = ringSum(this.w, 0, p, this.pos);
    } else {
      this.sum = this.sum + (this.d01 + (this.d2 + d));
    }
    return (this.out = this.sum * this.inv);
  }
}
