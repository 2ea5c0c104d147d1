import type { TrimaOptions } from '../indicators/trima.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { resumEvery, ringSumN } from './rolling.js';

/**
 * Streaming {@link trima}, bit-identical to the batch function: a window sum of n1 closes,
 * and a window sum of the last n2 of those sums (n1 = ⌊p/2⌋ + 1, n2 = p + 1 − n1), each
 * with the kernel's WindowSum schedule (re-summed every max(8·n, 1024) steps).
 */
export class Trima extends Stream<number> {
  readonly period: number;
  private readonly n1: number;
  private readonly n2: number;
  private readonly every1: number;
  private readonly every2: number;
  private readonly div: number;
  private readonly lb: number;
  private n = 0;
  private pos1 = 0; // close ring (slots 0 .. n1-1): oldest slot
  private since1 = 0;
  private sum1 = 0;
  private pos2 = 0; // ring of sums (slots n1 .. n1+n2-1): oldest slot
  private since2 = 0;
  private sum2 = 0;
  private out = NaN;
  private xin = NaN; // the bar being added, for general() (not state)

  constructor(options?: number | TrimaOptions) {
    const o = streamOptions('trima', options);
    const p = o.period!;
    const n1 = Math.floor(p / 2) + 1;
    const n2 = p + 1 - n1;
    super('trima', o, ['n', 'pos1', 'since1', 'sum1', 'pos2', 'since2', 'sum2', 'out'], n1 + n2);
    this.period = p;
    this.n1 = n1;
    this.n2 = n2;
    this.every1 = resumEvery(n1, 1024);
    this.every2 = resumEvery(n2, 1024);
    this.div = n1 * n2;
    this.lb = p - 1;
    this.start();
  }
  protected clear(): void {
    this.n = this.pos1 = this.since1 = this.sum1 = this.pos2 = this.since2 = this.sum2 = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the TRIMA (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised TRIMA. */
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

  // The steady state (a warmed-up run between re-sums), kept small so it inlines into
  // update(); everything else goes through general(), out of line.
  private step(x: number): number {
    const i = this.n;
    if (i <= this.lb || this.since1 + 1 >= this.every1 || this.since2 + 1 >= this.every2 || isGap(x)) {
      this.xin = x;
      this.general();
      return this.out;
    }
    this.n = i + 1;
    this.since1++;
    this.since2++;
    const { n1, n2 } = this;
    const old1 = this.w[this.pos1]!;
    this.put(this.pos1, x);
    this.pos1 = this.pos1 + 1 === n1 ? 0 : this.pos1 + 1;
    const s = (this.sum1 = this.sum1 + (x - old1));
    const j = n1 + this.pos2;
    const old2 = this.w[j]!;
    this.put(j, s);
    this.pos2 = this.pos2 + 1 === n2 ? 0 : this.pos2 + 1;
    this.sum2 = this.sum2 + (s - old2);
    return (this.out = this.sum2 / this.div);
  }

  /** Any bar (gaps, warm-up, re-sums included), input in `xin`, output to `out`. */
  private general(): void {
    const x = this.xin;
    if (isGap(x)) {
      this.n = this.pos1 = this.pos2 = 0;
      this.out = NaN;
      return;
    }
    const { n1, n2 } = this;
    const i = this.n++;
    const old1 = this.w[this.pos1]!;
    this.put(this.pos1, x);
    this.pos1 = this.pos1 + 1 === n1 ? 0 : this.pos1 + 1;
    if (i < n1 - 1) {
      this.out = NaN;
      return;
    }
    if (i === n1 - 1) {
      this.since1 = 0;
      this.sum1 = ringSumN(this.w, 0, n1, this.pos1, n1);
    } else if (++this.since1 >= this.every1) {
      this.since1 = 0;
      this.sum1 = ringSumN(this.w, 0, n1, this.pos1, n1);
    } else {
      this.sum1 = this.sum1 + (x - old1);
    }
    const s = this.sum1;
    const j = n1 + this.pos2;
    const old2 = this.w[j]!;
    this.put(j, s);
    this.pos2 = this.pos2 + 1 === n2 ? 0 : this.pos2 + 1;
    const m = i - (n1 - 1); // index in the series of sums
    if (m < n2 - 1) {
      this.out = NaN;
      return;
    }
    if (m === n2 - 1) {
      this.since2 = 0;
      this.sum2 = ringSumN(this.w, n1, n2, this.pos2, n2);
    } else if (++this.since2 >= this.every2) {
      this.since2 = 0;
      this.sum2 = ringSumN(this.w, n1, n2, this.pos2, n2);
    } else {
      this.sum2 = this.sum2 + (s - old2);
    }
    this.out = this.sum2 / this.div;
  }
}
