import type { ZscoreOptions } from '../indicators/zscore.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { lmax } from './rolling.js';

/**
 * Streaming {@link zscore}, bit-identical to the batch function: the kernel's moments about
 * an origin re-centred on the newest close every `period` bars (an exact two-pass re-sum;
 * in between a Welford slide, whose own re-sum every max(8·period, 128) steps is never
 * reached), and its exact count of changes in the window.
 */
export class Zscore extends Stream<number> {
  readonly period: number;
  private readonly invP: number;
  private n = 0;
  private prev = 0; // previous close
  private pos = 0; // close ring: oldest slot
  private since = 0; // bars since the origin was re-centred
  private origin = 0;
  private mean = 0; // of close - origin
  private m2 = 0;
  private changes = 0; // closes differing from the one before, among the last period - 1
  private out = NaN;
  private xin = NaN; // the bar being added, for general() (not state)

  constructor(options?: number | ZscoreOptions) {
    const o = streamOptions('zscore', options);
    super('zscore', o, ['n', 'prev', 'pos', 'since', 'origin', 'mean', 'm2', 'changes', 'out'], o.period!);
    this.period = o.period!;
    this.invP = 1.0 / this.period;
    this.start();
  }
  protected clear(): void {
    this.n = this.prev = this.pos = this.since = this.origin = this.mean = this.m2 = this.changes = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the z-score (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised z-score. */
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

  // The steady state (a warmed-up run between re-centrings), kept small so it inlines into
  // update(); everything else goes through general(), out of line.
  private step(x: number): number {
    const i = this.n;
    const p = this.period;
    if (i < p || this.since + 1 === p || isGap(x)) {
      this.xin = x;
      this.general();
      return this.out;
    }
    this.n = i + 1;
    this.since++;
    const w = this.w;
    const pos = this.pos;
    const old = w[pos]!; // x[i-p]
    const next = w[pos + 1 === p ? 0 : pos + 1]!; // x[i-p+1]
    this.put(pos, x);
    this.pos = pos + 1 === p ? 0 : pos + 1;
    this.changes += (x !== this.prev ? 1 : 0) - (next !== old ? 1 : 0);
    this.prev = x;
    const xn = x - this.origin;
    const xo = old - this.origin;
    const dx = xn - xo;
    const nm = this.mean + dx * this.invP;
    this.m2 = this.m2 + dx * (xn - nm + (xo - this.mean));
    this.mean = nm;
    const sd = Math.sqrt(lmax(this.m2 * this.invP, 0.0));
    const z = sd > 0.0 ? (x - this.origin - this.mean) / sd : 0.0;
    return (this.out = this.changes > 0 ? z : 0.0);
  }

  /** Any bar (gaps, warm-up, re-sums included), input in `xin`, output to `out`. */
  private general(): void {
    const x = this.xin;
    if (isGap(x)) {
      this.n = this.pos = this.changes = 0;
      this.out = NaN;
      return;
    }
    const p = this.period;
    if (p === 1) {
      this.out = 0.0;
      return;
    }
    const w = this.w;
    const i = this.n++;
    const pos = this.pos;
    const old = w[pos]!; // x[i-p]
    const next = w[pos + 1 === p ? 0 : pos + 1]!; // x[i-p+1]
    this.put(pos, x);
    this.pos = pos + 1 === p ? 0 : pos + 1;
    if (i > 0) this.changes += x !== this.prev ? 1 : 0;
    if (i >= p) this.changes -= next !== old ? 1 : 0;
    this.prev = x;
    if (i < p - 1) {
      this.out = NaN;
      return;
    }
    if (i === p - 1 || ++this.since === p) {
      this.since = 0;
      this.origin = x;
      this.resum();
    } else {
      const xn = x - this.origin;
      const xo = old - this.origin;
      const dx = xn - xo;
      const nm = this.mean + dx * this.invP;
      this.m2 = this.m2 + dx * (xn - nm + (xo - this.mean));
      this.mean = nm;
    }
    const sd = Math.sqrt(lmax(this.m2 * this.invP, 0.0));
    const z = sd > 0.0 ? (x - this.origin - this.mean) / sd : 0.0;
    this.out = this.changes > 0 ? z : 0.0;
  }

  /** WindowMoments::resum over close - origin, oldest first. */
  private resum(): void {
    const { w, period: p, origin } = this;
    let a = 0.0;
    for (let k = 0, j = this.pos; k < p; k++) {
      a = a + (w[j]! - origin);
      if (++j === p) j = 0;
    }
    a = a * this.invP;
    let b = 0.0;
    for (let k = 0, j = this.pos; k < p; k++) {
      const d = w[j]! - origin - a;
      b = b + d * d;
      if (++j === p) j = 0;
    }
    this.mean = a;
    this.m2 = b;
  }
}
