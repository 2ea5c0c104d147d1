import type { KamaOptions } from '../indicators/kama.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { divOr, labs, resumEvery, ringSumN } from './rolling.js';

/**
 * Streaming {@link kama}, bit-identical to the batch function: the efficiency ratio's sum
 * of |1-bar changes| is the kernel's WindowSum (re-summed every max(8·period, 1024) bars).
 */
export class Kama extends Stream<number> {
  readonly period: number;
  private readonly slowK: number;
  private readonly diff: number;
  private readonly every: number;
  private n = 0;
  private prev = 0; // previous close
  private pos = 0; // close ring (slots 0 .. p-1): slot of the close p bars back
  private cpos = 0; // change ring (slots p .. 2p-1): slot of the change p bars back
  private hot = 0; // bars that may take the steady-state path before the next re-sum
  private sum = 0;
  private kama = 0;
  private out = NaN;
  private xin = NaN; // the bar being added, for general() (not state)

  constructor(options?: number | KamaOptions) {
    const o = streamOptions('kama', options);
    const p = o.period!;
    super('kama', o, ['n', 'hot', 'prev', 'pos', 'cpos', 'sum', 'kama', 'out'], 2 * p);
    this.period = p;
    this.slowK = 2.0 / (o.slow! + 1.0);
    this.diff = 2.0 / (o.fast! + 1.0) - this.slowK;
    this.every = resumEvery(p, 1024);
    this.start();
  }
  protected clear(): void {
    this.n = this.hot = this.prev = this.pos = this.cpos = this.sum = this.kama = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the KAMA (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised KAMA. */
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
    if (this.hot === 0 || !(x - x === 0)) {
      this.xin = x;
      this.general();
      return this.out;
    }
    this.hot--;
    this.n++;
    const p = this.period;
    const prev = this.prev;
    this.prev = x;
    const old = this.w[this.pos]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    const c = labs(x - prev);
    const j = p + this.cpos;
    const oldC = this.w[j]!;
    this.put(j, c);
    this.cpos = this.cpos + 1 === p ? 0 : this.cpos + 1;
    this.sum = this.sum + (c - oldC);
    return (this.out = this.smooth(x, old));
  }

  /** Any bar (gaps, warm-up, re-sums included), input in `xin`, output to `out`. */
  private general(): void {
    const x = this.xin;
    this.hot = 0;
    if (isGap(x)) {
      this.n = this.pos = this.cpos = 0;
      this.out = NaN;
      return;
    }
    const p = this.period;
    const i = this.n++;
    const prev = this.prev;
    this.prev = x;
    const old = this.w[this.pos]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    if (i === 0) {
      this.out = NaN;
      return;
    }
    const c = labs(x - prev);
    const j = p + this.cpos;
    const oldC = this.w[j]!;
    this.put(j, c);
    this.cpos = this.cpos + 1 === p ? 0 : this.cpos + 1;
    if (i < p) {
      this.out = NaN;
      return;
    }
    if (i === p) this.kama = prev;
    // The change sum starts at index p and is re-summed every `every` bars.
    const s = (i - p) % this.every;
    if (s === 0) this.sum = ringSumN(this.w, p, p, this.cpos, p);
    else this.sum = this.sum + (c - oldC);
    this.out = this.smooth(x, old);
    this.hot = this.every - 1 - s;
  }

  /** The efficiency ratio and the adaptive step, from the window's change sum. */
  private smooth(x: number, old: number): number {
    const roc = x - old;
    const er = this.sum > roc ? labs(divOr(roc, this.sum, 1.0)) : 1.0;
    let sc = er * this.diff + this.slowK;
    sc = sc * sc;
    return (this.kama = (x - this.kama) * sc + this.kama);
  }
}
