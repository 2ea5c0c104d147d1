import type { StddevOptions } from '../indicators/stddev.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { lmax, resumEvery, ringMoments } from './rolling.js';

/**
 * A window's mean and population variance, streamed exactly like the kernels'
 * WindowMoments (Welford slide, two-pass re-sum every max(8·period, 128) bars).
 */
export abstract class MomentsStream<V> extends Stream<V> {
  readonly period: number;
  protected readonly invP: number;
  private readonly every: number;
  protected n = 0;
  private pos = 0;
  private since = 0;
  protected mean = NaN;
  protected m2 = 0;

  protected constructor(kind: string, opts: Record<string, number>, fields: readonly string[]) {
    super(kind, opts, ['n', 'pos', 'since', 'mean', 'm2', ...fields], opts.period!);
    this.period = opts.period!;
    this.invP = 1.0 / this.period;
    this.every = resumEvery(this.period, 128);
  }
  protected clearMoments(): void {
    this.n = this.pos = this.since = this.m2 = 0;
    this.mean = NaN;
  }
  /** Slides the window by x; false while it is still filling (or on a gap). */
  protected slide(x: number): boolean {
    if (isGap(x)) {
      this.n = this.pos = 0;
      return false;
    }
    const p = this.period;
    const n = ++this.n;
    const old = this.w[this.pos]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    if (n < p) return false;
    if (n === p || ++this.since >= this.every) {
      this.since = 0;
      [this.mean, this.m2] = ringMoments(this.w, 0, p, this.pos, this.invP);
      return true;
    }
    const dx = x - old;
    const nm = this.mean + dx * this.invP;
    this.m2 = this.m2 + dx * (x - nm + (old - this.mean));
    this.mean = nm;
    return true;
  }
  /** Population variance, clamped at 0. */
  protected variance(): number {
    return lmax(this.m2 * this.invP, 0.0);
  }
}

/** Streaming {@link stddev}, bit-identical to the batch function. */
export class Stddev extends MomentsStream<number> {
  private readonly nb: number;
  private out = NaN;

  constructor(options?: number | StddevOptions) {
    const o = streamOptions('stddev', options);
    super('stddev', o, ['out']);
    this.nb = o.stdDev!;
    this.start();
  }
  protected clear(): void {
    this.clearMoments();
    this.out = NaN;
  }
  /** Adds a new bar; returns the deviation (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return (this.out = this.slide(close) ? Math.sqrt(this.variance()) * this.nb : NaN);
  }
  /** Revises the latest bar. */
  replace(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    this.undo();
    return (this.out = this.slide(close) ? Math.sqrt(this.variance()) * this.nb : NaN);
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }
}
