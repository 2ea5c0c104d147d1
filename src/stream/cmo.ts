import type { CmoOptions } from '../indicators/cmo.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { divOr, lmax } from './rolling.js';

/** Streaming {@link cmo}, bit-identical to the batch function (RSI's smoothing, CMO's ratio). */
export class Cmo extends Stream<number> {
  readonly period: number;
  private readonly k: number;
  private readonly a: number;
  private n = 0;
  private prev = 0;
  private gain = 0;
  private loss = 0;
  private out = NaN;

  constructor(options?: number | CmoOptions) {
    const o = streamOptions('cmo', options);
    super('cmo', o, ['n', 'prev', 'gain', 'loss', 'out']);
    const p = o.period!;
    this.period = p;
    this.k = 1.0 / p;
    this.a = (p - 1) / p;
    this.start();
  }
  protected clear(): void {
    this.n = this.prev = this.gain = this.loss = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the CMO (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised CMO. */
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
    } else {
      this.gain = this.gain * this.a + lmax(d, 0.0) * this.k;
      this.loss = this.loss * this.a + lmax(-d, 0.0) * this.k;
    }
    return (this.out = divOr(this.gain - this.loss, this.gain + this.loss, 0.0) * 100.0);
  }
}
