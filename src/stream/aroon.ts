import type { AroonOptions } from '../indicators/aroon.js';
import { badInput, isGap, streamOptions } from './base.js';
import { dequeMask, ExtremeStream } from './donchian.js';

/** The latest Aroon down / up (NaN during warm-up). */
export interface AroonValue {
  down: number;
  up: number;
}

/**
 * The highest high's and lowest low's run indices over the last period + 1 bars (ties:
 * the most recent bar), shared by {@link Aroon} and {@link AroonOsc}.
 */
export abstract class AroonWindow<V> extends ExtremeStream<V> {
  readonly period: number;
  protected readonly factor: number;
  private readonly m: number; // deque slot mask
  protected n = 0;
  protected hi = NaN; // run index of the highest high (NaN: warm-up or gap)
  protected li = NaN;
  // Argument registers (not state): V8 boxes a double argument of a call it doesn't inline.
  protected ih = NaN;
  protected il = NaN;

  protected constructor(kind: string, options: unknown, fields: readonly string[] = []) {
    const o = streamOptions(kind, options);
    const m = dequeMask(o.period! + 1);
    super(kind, o, ['n', 'hh', 'hs', 'lh', 'ls', 'hi', 'li', ...fields], 4 * (m + 1));
    this.period = o.period!;
    this.m = m;
    this.factor = 100.0 / this.period;
  }
  protected clear(): void {
    this.n = this.hh = this.hs = this.lh = this.ls = 0;
    this.hi = this.li = NaN;
  }
  get ready(): boolean {
    return !Number.isNaN(this.hi);
  }
  /** Takes the bar from the registers ih, il. */
  protected step(): void {
    const h = this.ih;
    const l = this.il;
    if (isGap(h) || isGap(l)) {
      this.n = this.hs = this.ls = 0;
      this.hi = this.li = NaN;
      return;
    }
    const q = this.period + 1;
    const i = this.n++;
    const m = this.m;
    const c = m + 1;
    this.qx = h;
    this.qy = l;
    this.pushPair(0, m, q, i);
    if (i < this.period) {
      this.hi = this.li = NaN;
      return;
    }
    this.hi = this.w[c + this.hh]!;
    this.li = this.w[3 * c + this.lh]!;
  }
}

/** Streaming {@link aroon}: `update(high, low)` returns { down, up }, bit-identical to the batch function. */
export class Aroon extends AroonWindow<AroonValue> {
  constructor(options?: number | AroonOptions) {
    super('aroon', options);
    this.start();
  }
  /** Adds a new bar; returns { down, up }. */
  update(high: number, low: number): AroonValue {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'update', ['high', 'low'], [high, low]);
    this.save();
    this.ih = high;
    this.il = low;
    this.step();
    return this.value;
  }
  /** Revises the latest bar. */
  replace(high: number, low: number): AroonValue {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low'], [high, low]);
    this.undo();
    this.ih = high;
    this.il = low;
    this.step();
    return this.value;
  }
  get value(): AroonValue {
    if (Number.isNaN(this.hi)) return { down: NaN, up: NaN };
    // Bar counts are exact integers in doubles: TA-Lib's integer formula.
    const now = this.n - 1;
    const dp = this.period;
    return { down: (dp - (now - this.li)) * this.factor, up: (dp - (now - this.hi)) * this.factor };
  }
}
