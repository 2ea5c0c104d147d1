import type { CciOptions } from '../indicators/cci.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';

/**
 * Streaming {@link cci}: `update(high, low, close)`, bit-identical to the batch function.
 * The mean deviation needs the whole window, so an update is O(period), as in the kernel.
 */
export class Cci extends Stream<number> {
  readonly period: number;
  private n = 0;
  private pos = 0; // ring slot of the oldest typical price (next write)
  private out = NaN;
  // Argument registers (not state): V8 boxes a double argument of a call it doesn't inline.
  private ih = NaN;
  private il = NaN;
  private ic = NaN;

  constructor(options?: number | CciOptions) {
    const o = streamOptions('cci', options);
    super('cci', o, ['n', 'pos', 'out'], o.period!);
    this.period = o.period!;
    this.start();
  }
  protected clear(): void {
    this.n = this.pos = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the CCI (NaN during warm-up). */
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
      this.n = this.pos = 0;
      this.out = NaN;
      return;
    }
    const p = this.period;
    const last = (h + l + c) / 3.0;
    this.put(this.pos, last);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    if (++this.n < p) {
      this.out = NaN;
      return;
    }
    const w = this.w;
    const o = this.pos; // oldest
    let avg = 0.0;
    for (let j = o; j < p; j++) avg = avg + w[j]!;
    for (let j = 0; j < o; j++) avg = avg + w[j]!;
    avg = avg / p;
    let dev = 0.0;
    // The kernel's labs(d) differs from Math.abs only at d = -0, where it gives -0, and
    // dev (from +0, never -0) + -0 equals dev + +0: the same sum, without a branch a term.
    for (let j = o; j < p; j++) dev = dev + Math.abs(w[j]! - avg);
    for (let j = 0; j < o; j++) dev = dev + Math.abs(w[j]! - avg);
    const num = last - avg;
    if (num === 0 || dev === 0) {
      this.out = 0.0;
      return;
    }
    this.out = num / ((dev / p) * 0.015);
  }
}
