import type { DemaOptions } from '../indicators/dema.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';

/**
 * Streaming {@link dema}, bit-identical to the batch function: 2·EMA − EMA(EMA), the first
 * EMA SMA-seeded and the second seeded with the mean of the first's first `period` values.
 */
export class Dema extends Stream<number> {
  readonly period: number;
  private readonly k: number;
  private readonly a: number;
  private readonly lb: number;
  private n = 0;
  private sum = 0; // seed sum of the first EMA, then of the second
  private e1 = NaN;
  private e2 = NaN;
  private out = NaN;

  constructor(options?: number | DemaOptions) {
    const o = streamOptions('dema', options);
    super('dema', o, ['n', 'sum', 'e1', 'e2', 'out']);
    const p = o.period!;
    this.period = p;
    this.k = 2.0 / (p + 1.0);
    this.a = 1.0 - this.k;
    this.lb = 2 * (p - 1);
    this.start();
  }
  protected clear(): void {
    this.n = this.sum = 0;
    this.e1 = this.e2 = this.out = NaN;
  }
  /** Adds a new bar; returns the DEMA (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised DEMA. */
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
      this.n = this.sum = 0;
      return (this.out = NaN);
    }
    const p = this.period;
    const i = this.n++; // index in the run
    if (i < p) {
      this.sum += x;
      if (i < p - 1) return (this.out = NaN);
      this.e1 = this.sum / p;
      this.sum = this.e1;
    } else {
      this.e1 = this.e1 * this.a + x * this.k;
      if (i > this.lb) {
        this.e2 = this.e2 * this.a + this.e1 * this.k;
        return (this.out = this.e1 * 2.0 - this.e2);
      }
      this.sum = this.sum + this.e1;
    }
    if (i < this.lb) return (this.out = NaN);
    this.e2 = this.sum / p;
    return (this.out = this.e1 * 2.0 - this.e2);
  }
}
