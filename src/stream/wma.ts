import type { WmaOptions } from '../indicators/wma.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { resumEvery, ringSumN, ringWSumN } from './rolling.js';

/**
 * Streaming {@link wma}, bit-identical to the batch function: the kernel's running plain
 * and weighted sums (WindowWeightedSum), re-summed every max(8·period, 1024) bars.
 */
export class Wma extends Stream<number> {
  readonly period: number;
  private readonly dp: number;
  private readonly div: number;
  private readonly every: number;
  private n = 0;
  private pos = 0; // ring slot of the oldest value (next write)
  private since = 0;
  private sum = 0;
  private wsum = 0;
  private out = NaN;

  constructor(options?: number | WmaOptions) {
    const o = streamOptions('wma', options);
    super('wma', o, ['n', 'pos', 'since', 'sum', 'wsum', 'out'], o.period!);
    const p = o.period!;
    this.period = p;
    this.dp = p;
    this.div = (p * (p + 1)) / 2;
    this.every = resumEvery(p, 1024);
    this.start();
  }
  protected clear(): void {
    this.n = this.pos = this.since = this.sum = this.wsum = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the WMA (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised WMA. */
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
      this.n = this.pos = 0;
      return (this.out = NaN);
    }
    const p = this.period;
    const n = ++this.n;
    const old = this.w[this.pos]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    if (n < p) return (this.out = NaN);
    if (n === p || ++this.since === this.every) {
      this.since = 0;
      this.sum = ringSumN(this.w, 0, p, this.pos, p);
      this.wsum = ringWSumN(this.w, 0, p, this.pos, p);
    } else {
      this.wsum = this.wsum - this.sum + x * this.dp;
      this.sum = this.sum + (x - old);
    }
    return (this.out = this.wsum / this.div);
  }
}
