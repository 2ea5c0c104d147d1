import type { MfiOptions } from '../indicators/mfi.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { resumEvery, ringSum } from './rolling.js';

/** Streaming {@link mfi}: `update(high, low, close, volume)`, bit-identical to the batch function. */
export class Mfi extends Stream<number> {
  readonly period: number;
  private readonly every: number;
  private n = 0;
  private prev = 0; // previous typical price
  private pos = 0; // ring slot of the oldest flow (next write)
  private sp = 0; // window sums of positive and negative money flow
  private sn = 0;
  private since = 0;
  private out = NaN;
  // Argument registers (not state): V8 boxes a double argument of a call it doesn't inline.
  private ih = NaN;
  private il = NaN;
  private ic = NaN;
  private iv = NaN;

  constructor(options?: number | MfiOptions) {
    const o = streamOptions('mfi', options);
    super('mfi', o, ['n', 'prev', 'pos', 'sp', 'sn', 'since', 'out'], 2 * o.period!);
    this.period = o.period!;
    this.every = resumEvery(this.period, 1024);
    this.start();
  }
  protected clear(): void {
    this.n = this.prev = this.pos = this.sp = this.sn = this.since = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the MFI (NaN during warm-up). */
  update(high: number, low: number, close: number, volume: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close', 'volume'], [high, low, close, volume]);
    this.save();
    this.ih = high;
    this.il = low;
    this.ic = close;
    this.iv = volume;
    this.step();
    return this.out;
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number, volume: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close', 'volume'], [high, low, close, volume]);
    this.undo();
    this.ih = high;
    this.il = low;
    this.ic = close;
    this.iv = volume;
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
    const v = this.iv;
    if (isGap(h) || isGap(l) || isGap(c) || isGap(v)) {
      this.n = this.pos = 0;
      this.out = NaN;
      return;
    }
    const t = (h + l + c) / 3.0;
    const i = this.n++;
    const prev = this.prev;
    this.prev = t;
    if (i === 0) {
      this.out = NaN;
      return;
    }
    const p = this.period;
    const mf = t * v;
    const pos = t > prev ? mf : 0.0;
    const neg = t < prev ? mf : 0.0;
    const s = this.pos;
    const oldP = this.w[s]!;
    const oldN = this.w[p + s]!;
    this.put(s, pos);
    this.put(p + s, neg);
    this.pos = s + 1 === p ? 0 : s + 1;
    if (i < p) {
      this.out = NaN;
      return;
    }
    if (i === p || ++this.since >= this.every) {
      this.since = 0;
      this.sp = ringSum(this.w, 0, p, this.pos);
      this.sn = ringSum(this.w, p, p, this.pos);
    } else {
      this.sp = this.sp + (pos - oldP);
      this.sn = this.sn + (neg - oldN);
    }
    const tot = this.sp + this.sn;
    this.out = tot < 1.0 ? 0.0 : (this.sp / tot) * 100.0;
  }
}
