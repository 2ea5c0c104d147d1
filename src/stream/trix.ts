import { badInput } from './base.js';
import type { TrixOptions } from '../indicators/trix.js';
import { TripleEma } from './tema.js';

/** Streaming {@link trix}: 1-bar percent change of the triple EMA, bit-identical to the batch function. */
export class Trix extends TripleEma {
  constructor(options?: number | TrixOptions) {
    super('trix', options);
    this.start();
  }
  /** Adds a new bar; returns the TRIX (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close) ? this.roc() : (this.out = NaN);
  }
  /** Revises the latest bar; returns the revised TRIX. */
  replace(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    this.undo();
    return this.step(close) ? this.roc() : (this.out = NaN);
  }
  private roc(): number {
    // The triple EMA's first value has no predecessor.
    if (this.n - 1 === this.lb3) return (this.out = NaN);
    const prev = this.prev3;
    return (this.out = prev !== 0 ? (this.e3 / prev - 1.0) * 100.0 : 0.0);
  }
}
