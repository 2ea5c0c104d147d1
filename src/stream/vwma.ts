import type { VwmaOptions } from '../indicators/vwma.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { resumEvery, ringSumN } from './rolling.js';

/**
 * Streaming {@link vwma}: `update(close, volume)`, bit-identical to the batch function (the
 * kernel's window sums of close·volume and volume, and its exact count of nonzero volumes).
 */
export class Vwma extends Stream<number> {
  readonly period: number;
  private readonly every: number;
  private n = 0;
  private pos = 0; // rings of close·volume (slots 0 .. p-1) and volume (p .. 2p-1): oldest slot
  private since = 0;
  private scv = 0;
  private sv = 0;
  private nz = 0; // nonzero volumes in the window
  private out = NaN;

  constructor(options?: number | VwmaOptions) {
    const o = streamOptions('vwma', options);
    super('vwma', o, ['n', 'pos', 'since', 'scv', 'sv', 'nz', 'out'], 2 * o.period!);
    this.period = o.period!;
    this.every = resumEvery(this.period, 1024);
    this.start();
  }
  protected clear(): void {
    this.n = this.pos = this.since = this.scv = this.sv = this.nz = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the VWMA (NaN during warm-up and while the window has no volume). */
  update(close: number, volume: number): number {
    if (typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'update', ['close', 'volume'], [close, volume]);
    this.save();
    return this.step(close, volume);
  }
  /** Revises the latest bar. */
  replace(close: number, volume: number): number {
    if (typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'replace', ['close', 'volume'], [close, volume]);
    this.undo();
    return this.step(close, volume);
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  private step(c: number, v: number): number {
    if (isGap(c) || isGap(v)) {
      this.n = this.pos = this.nz = 0;
      return (this.out = NaN);
    }
    const p = this.period;
    const i = this.n++;
    const pos = this.pos;
    const cv = c * v;
    const oldCv = this.w[pos]!;
    const oldV = this.w[p + pos]!;
    this.put(pos, cv);
    this.put(p + pos, v);
    this.pos = pos + 1 === p ? 0 : pos + 1;
    // Counts of 0/1 are exact whatever the order, as the kernel's window sum of them is.
    this.nz += v !== 0 ? 1 : 0;
    if (i >= p) this.nz -= oldV !== 0 ? 1 : 0;
    if (i < p - 1) return (this.out = NaN);
    if (i === p - 1 || ++this.since >= this.every) {
      this.since = 0;
      this.scv = ringSumN(this.w, 0, p, this.pos, p);
      this.sv = ringSumN(this.w, p, p, this.pos, p);
    } else {
      this.scv = this.scv + (cv - oldCv);
      this.sv = this.sv + (v - oldV);
    }
    if (this.nz > 0) return (this.out = this.scv / this.sv);
    return (this.out = NaN);
  }
}
