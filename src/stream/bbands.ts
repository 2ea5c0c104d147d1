import type { BbandsOptions } from '../indicators/bbands.js';
import { badInput, streamOptions } from './base.js';
import { MomentsStream } from './stddev.js';

/** The latest Bollinger Bands (NaN during warm-up). */
export interface BbandsValue {
  upper: number;
  middle: number;
  lower: number;
}

/** Streaming {@link bbands}, bit-identical to the batch function. */
export class Bbands extends MomentsStream<BbandsValue> {
  private readonly k: number;
  private ok = 0;

  constructor(options?: number | BbandsOptions) {
    const o = streamOptions('bbands', options);
    super('bbands', o, ['ok']);
    this.k = o.stdDev!;
    this.start();
  }
  protected clear(): void {
    this.clearMoments();
    this.ok = 0;
  }
  /** Adds a new bar; returns { upper, middle, lower }. */
  update(close: number): BbandsValue {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    this.ok = this.slide(close) ? 1 : 0;
    return this.value;
  }
  /** Revises the latest bar. */
  replace(close: number): BbandsValue {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    this.undo();
    this.ok = this.slide(close) ? 1 : 0;
    return this.value;
  }
  get value(): BbandsValue {
    if (!this.ok) return { upper: NaN, middle: NaN, lower: NaN };
    const mid = this.mean;
    const sd = Math.sqrt(this.variance());
    return { upper: mid + sd * this.k, middle: mid, lower: mid - sd * this.k };
  }
  get ready(): boolean {
    return this.ok === 1;
  }
}
