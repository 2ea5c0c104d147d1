import type { UltoscOptions } from '../indicators/ultosc.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { divOr, lmin, resumEvery, ringSumAt, trueRange } from './rolling.js';

/** Streaming {@link ultosc}: `update(high, low, close)`, bit-identical to the batch function. */
export class Ultosc extends Stream<number> {
  /** The three periods, sorted ascending (as TA-Lib and the batch function do). */
  readonly periods: readonly [number, number, number];
  private readonly p0: number;
  private readonly p1: number;
  private readonly p2: number;
  private readonly e0: number;
  private readonly e1: number;
  private readonly e2: number;
  private readonly cap: number; // ring slots: the longest period + 1
  private n = 0;
  private pc = 0; // previous close
  private pos = 0; // ring slot of the latest bar
  private a0 = 0; // window sums of buying pressure (a) and true range (b)
  private a1 = 0;
  private a2 = 0;
  private b0 = 0;
  private b1 = 0;
  private b2 = 0;
  private s0 = 0; // steps since the last exact re-sum
  private s1 = 0;
  private s2 = 0;
  private out = NaN;
  // Argument registers (not state): V8 boxes a double argument of a call it doesn't inline.
  private ih = NaN;
  private il = NaN;
  private ic = NaN;

  constructor(options?: number | UltoscOptions) {
    const o = streamOptions('ultosc', options);
    const ps = [o.period1!, o.period2!, o.period3!].sort((x, y) => x - y) as [number, number, number];
    const cap = ps[2] + 1;
    super('ultosc', o, ['n', 'pc', 'pos', 'a0', 'a1', 'a2', 'b0', 'b1', 'b2', 's0', 's1', 's2', 'out'], 2 * cap);
    this.periods = ps;
    [this.p0, this.p1, this.p2] = ps;
    this.e0 = resumEvery(this.p0, 1024);
    this.e1 = resumEvery(this.p1, 1024);
    this.e2 = resumEvery(this.p2, 1024);
    this.cap = cap;
    this.start();
  }
  protected clear(): void {
    this.n = this.pc = this.pos = this.a0 = this.a1 = this.a2 = this.b0 = this.b1 = this.b2 = this.s0 = this.s1 = this.s2 = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the oscillator (NaN during warm-up). */
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
    const i = this.n++;
    const pc = this.pc;
    this.pc = c;
    if (i === 0) {
      this.out = NaN;
      return;
    }
    const cap = this.cap;
    const s = this.pos + 1 === cap ? 0 : this.pos + 1;
    this.pos = s;
    const bp = c - lmin(l, pc);
    const tr = trueRange(h, l, pc);
    this.put(s, bp);
    this.put(cap + s, tr);
    const lb = this.p2;
    if (i < lb) {
      this.out = NaN;
      return;
    }
    const w = this.w;
    const first = i === lb;
    // Window k: the p_k values ending at slot s; f(i - p_k) sits p_k slots back.
    let p = this.p0;
    let o = s - p < 0 ? s - p + cap : s - p;
    if (first || ++this.s0 >= this.e0) {
      this.s0 = 0;
      const f = o + 1 === cap ? 0 : o + 1;
      this.a0 = ringSumAt(w, 0, cap, f, p);
      this.b0 = ringSumAt(w, cap, cap, f, p);
    } else {
      this.a0 = this.a0 + (bp - w[o]!);
      this.b0 = this.b0 + (tr - w[cap + o]!);
    }
    p = this.p1;
    o = s - p < 0 ? s - p + cap : s - p;
    if (first || ++this.s1 >= this.e1) {
      this.s1 = 0;
      const f = o + 1 === cap ? 0 : o + 1;
      this.a1 = ringSumAt(w, 0, cap, f, p);
      this.b1 = ringSumAt(w, cap, cap, f, p);
    } else {
      this.a1 = this.a1 + (bp - w[o]!);
      this.b1 = this.b1 + (tr - w[cap + o]!);
    }
    p = this.p2;
    o = s - p < 0 ? s - p + cap : s - p;
    if (first || ++this.s2 >= this.e2) {
      this.s2 = 0;
      const f = o + 1 === cap ? 0 : o + 1;
      this.a2 = ringSumAt(w, 0, cap, f, p);
      this.b2 = ringSumAt(w, cap, cap, f, p);
    } else {
      this.a2 = this.a2 + (bp - w[o]!);
      this.b2 = this.b2 + (tr - w[cap + o]!);
    }
    // TA-Lib adds 0 for a ~0 TR sum; the last term has weight 1 (no multiply).
    let acc = 0.0;
    acc = acc + divOr(this.a0, this.b0, 0.0) * 4.0;
    acc = acc + divOr(this.a1, this.b1, 0.0) * 2.0;
    acc = acc + divOr(this.a2, this.b2, 0.0);
    this.out = (acc / 7.0) * 100.0;
  }
}
