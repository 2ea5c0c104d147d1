import type { HmaOptions } from '../indicators/hma.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { resumEvery, ringSumN, ringWSumN } from './rolling.js';

/** ⌊√p⌋, exactly as the kernel computes it. */
function isqrt(p: number): number {
  let q = Math.floor(Math.sqrt(p));
  while (q * q > p) --q;
  while ((q + 1) * (q + 1) <= p) ++q;
  return q;
}

/**
 * Streaming {@link hma}, bit-identical to the batch function: WMA(2·WMA(x, ⌊p/2⌋) − WMA(x, p),
 * ⌊√p⌋), each WMA the kernel's WindowWeightedSum with its own re-sum schedule (a window
 * initialised at run index b is re-summed where (i − b) is a multiple of its interval).
 */
export class Hma extends Stream<number> {
  readonly period: number;
  private readonly h: number;
  private readonly q: number;
  private readonly divH: number;
  private readonly divP: number;
  private readonly divQ: number;
  private readonly everyH: number;
  private readonly everyP: number;
  private readonly everyQ: number;
  private readonly lb: number;
  private n = 0;
  private hot = 0; // bars that may take the steady-state path before the next re-sum
  private pos = 0; // close ring (slots 0 .. p-1): oldest slot
  private sumH = 0;
  private wsumH = 0;
  private sumP = 0;
  private wsumP = 0;
  private rpos = 0; // ring of the inner differences (slots p .. p+q-1): oldest slot
  private sumQ = 0;
  private wsumQ = 0;
  private out = NaN;
  private xin = NaN; // the bar being added, for general() (not state)

  constructor(options?: number | HmaOptions) {
    const o = streamOptions('hma', options);
    const p = o.period!;
    const h = Math.floor(p / 2);
    const q = isqrt(p);
    super('hma', o, ['n', 'hot', 'pos', 'sumH', 'wsumH', 'sumP', 'wsumP', 'rpos', 'sumQ', 'wsumQ', 'out'], p + q);
    this.period = p;
    this.h = h;
    this.q = q;
    this.divH = (h * (h + 1)) / 2;
    this.divP = (p * (p + 1)) / 2;
    this.divQ = (q * (q + 1)) / 2;
    this.everyH = resumEvery(h, 1024);
    this.everyP = resumEvery(p, 1024);
    this.everyQ = resumEvery(q, 1024);
    this.lb = p - 1 + (q - 1);
    this.start();
  }
  protected clear(): void {
    this.n = this.hot = this.pos = this.rpos = 0;
    this.sumH = this.wsumH = this.sumP = this.wsumP = this.sumQ = this.wsumQ = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the HMA (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised HMA. */
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
    const w = this.w;
    const pos = this.pos;
    let hp = pos + p - this.h;
    if (hp >= p) hp -= p;
    const oldP = w[pos]!;
    const oldH = w[hp]!;
    this.put(pos, x);
    this.pos = pos + 1 === p ? 0 : pos + 1;
    this.wsumH = this.wsumH - this.sumH + x * this.h;
    this.sumH = this.sumH + (x - oldH);
    this.wsumP = this.wsumP - this.sumP + x * p;
    this.sumP = this.sumP + (x - oldP);
    const d = (this.wsumH / this.divH) * 2.0 - this.wsumP / this.divP;
    const j = p + this.rpos;
    const oldR = w[j]!;
    this.put(j, d);
    this.rpos = this.rpos + 1 === this.q ? 0 : this.rpos + 1;
    this.wsumQ = this.wsumQ - this.sumQ + d * this.q;
    this.sumQ = this.sumQ + (d - oldR);
    return (this.out = this.wsumQ / this.divQ);
  }

  /** Any bar (gaps, warm-up, re-sums included), input in `xin`, output to `out`. */
  private general(): void {
    const x = this.xin;
    this.hot = 0;
    if (isGap(x)) {
      this.n = this.pos = this.rpos = 0;
      this.out = NaN;
      return;
    }
    const { period: p, h, q, w } = this;
    const i = this.n++;
    // Before the write, slot pos holds x[i-p] and slot pos+p-h holds x[i-h].
    let hp = this.pos + p - h;
    if (hp >= p) hp -= p;
    const oldP = w[this.pos]!;
    const oldH = w[hp]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    if (i < p - 1) {
      this.out = NaN;
      return;
    }
    // Both inner windows start at index p-1.
    const sH = (i - (p - 1)) % this.everyH;
    if (sH === 0) {
      let o = this.pos + p - h;
      if (o >= p) o -= p;
      this.sumH = ringSumN(w, 0, p, o, h);
      this.wsumH = ringWSumN(w, 0, p, o, h);
    } else {
      this.wsumH = this.wsumH - this.sumH + x * h;
      this.sumH = this.sumH + (x - oldH);
    }
    const sP = (i - (p - 1)) % this.everyP;
    if (sP === 0) {
      this.sumP = ringSumN(w, 0, p, this.pos, p);
      this.wsumP = ringWSumN(w, 0, p, this.pos, p);
    } else {
      this.wsumP = this.wsumP - this.sumP + x * p;
      this.sumP = this.sumP + (x - oldP);
    }
    const d = (this.wsumH / this.divH) * 2.0 - this.wsumP / this.divP;
    const j = p + this.rpos;
    const oldR = w[j]!;
    this.put(j, d);
    this.rpos = this.rpos + 1 === q ? 0 : this.rpos + 1;
    if (i < this.lb) {
      this.out = NaN;
      return;
    }
    // The outer window starts at index lb.
    const sQ = (i - this.lb) % this.everyQ;
    if (sQ === 0) {
      this.sumQ = ringSumN(w, p, q, this.rpos, q);
      this.wsumQ = ringWSumN(w, p, q, this.rpos, q);
    } else {
      this.wsumQ = this.wsumQ - this.sumQ + d * q;
      this.sumQ = this.sumQ + (d - oldR);
    }
    this.out = this.wsumQ / this.divQ;
    this.hot = Math.min(this.everyH - 1 - sH, this.everyP - 1 - sP, this.everyQ - 1 - sQ);
  }
}
