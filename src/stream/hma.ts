import type { HmaOptions } from '../indicators/hma.js';
import { isGap, Stream, streamOptions } from './base.js';
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
 * ⌊√p⌋), each WMA the kernel's WindowWeightedSum with its own re-sum schedule.
 */
export class Hma extends Stream<number> {
  readonly period: number;
  private readonly h: number;
  private readonly q: number;
  private readonly dh: number;
  private readonly dp: number;
  private readonly dq: number;
  private readonly divH: number;
  private readonly divP: number;
  private readonly divQ: number;
  private readonly everyH: number;
  private readonly everyP: number;
  private readonly everyQ: number;
  private n = 0;
  private pos = 0; // close ring (slots 0 .. p-1): oldest slot
  private sinceH = 0;
  private sumH = 0;
  private wsumH = 0;
  private sinceP = 0;
  private sumP = 0;
  private wsumP = 0;
  private rpos = 0; // ring of the inner differences (slots p .. p+q-1): oldest slot
  private sinceQ = 0;
  private sumQ = 0;
  private wsumQ = 0;
  private out = NaN;

  constructor(options?: number | HmaOptions) {
    const o = streamOptions('hma', options);
    const p = o.period!;
    const h = Math.floor(p / 2);
    const q = isqrt(p);
    super(
      'hma',
      o,
      ['n', 'pos', 'sinceH', 'sumH', 'wsumH', 'sinceP', 'sumP', 'wsumP', 'rpos', 'sinceQ', 'sumQ', 'wsumQ', 'out'],
      p + q,
    );
    this.period = p;
    this.h = h;
    this.q = q;
    this.dh = h;
    this.dp = p;
    this.dq = q;
    this.divH = (h * (h + 1)) / 2;
    this.divP = (p * (p + 1)) / 2;
    this.divQ = (q * (q + 1)) / 2;
    this.everyH = resumEvery(h, 1024);
    this.everyP = resumEvery(p, 1024);
    this.everyQ = resumEvery(q, 1024);
    this.start();
  }
  protected clear(): void {
    this.n = this.pos = this.rpos = 0;
    this.sinceH = this.sumH = this.wsumH = this.sinceP = this.sumP = this.wsumP = 0;
    this.sinceQ = this.sumQ = this.wsumQ = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the HMA (NaN during warm-up). */
  update(close: number): number {
    this.save();
    return (this.out = this.step(close));
  }
  /** Revises the latest bar; returns the revised HMA. */
  replace(close: number): number {
    this.undo();
    return (this.out = this.step(close));
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  private step(x: number): number {
    if (isGap(x)) {
      this.n = this.pos = this.rpos = 0;
      return NaN;
    }
    const { period: p, h, q } = this;
    const w = this.w;
    const i = this.n++;
    // Before the write, slot pos holds x[i-p] and slot pos+p-h holds x[i-h].
    let hp = this.pos + p - h;
    if (hp >= p) hp -= p;
    const oldP = w[this.pos]!;
    const oldH = w[hp]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    if (i < p - 1) return NaN;
    if (i === p - 1 || ++this.sinceH === this.everyH) {
      this.sinceH = 0;
      let o = this.pos + p - h;
      if (o >= p) o -= p;
      this.sumH = ringSumN(w, 0, p, o, h);
      this.wsumH = ringWSumN(w, 0, p, o, h);
    } else {
      this.wsumH = this.wsumH - this.sumH + x * this.dh;
      this.sumH = this.sumH + (x - oldH);
    }
    if (i === p - 1 || ++this.sinceP === this.everyP) {
      this.sinceP = 0;
      this.sumP = ringSumN(w, 0, p, this.pos, p);
      this.wsumP = ringWSumN(w, 0, p, this.pos, p);
    } else {
      this.wsumP = this.wsumP - this.sumP + x * this.dp;
      this.sumP = this.sumP + (x - oldP);
    }
    const d = (this.wsumH / this.divH) * 2.0 - this.wsumP / this.divP;
    const j = p + this.rpos;
    const oldR = w[j]!;
    this.put(j, d);
    this.rpos = this.rpos + 1 === q ? 0 : this.rpos + 1;
    const m = i - (p - 1); // index in the series of differences
    if (m < q - 1) return NaN;
    if (m === q - 1 || ++this.sinceQ === this.everyQ) {
      this.sinceQ = 0;
      this.sumQ = ringSumN(w, p, q, this.rpos, q);
      this.wsumQ = ringWSumN(w, p, q, this.rpos, q);
    } else {
      this.wsumQ = this.wsumQ - this.sumQ + d * this.dq;
      this.sumQ = this.sumQ + (d - oldR);
    }
    return this.wsumQ / this.divQ;
  }
}
