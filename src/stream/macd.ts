import type { MacdOptions, MacdResult } from '../indicators/macd.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';

/** The latest MACD values (numbers, NaN during warm-up). */
export interface MacdValue {
  macd: number;
  signal: number;
  histogram: number;
}

/** Streaming {@link macd} with TA-Lib's seeding, bit-identical to the batch function. */
export class Macd extends Stream<MacdValue> {
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
  private readonly kf: number;
  private readonly af: number;
  private readonly ks: number;
  private readonly as: number;
  private readonly kg: number;
  private readonly ag: number;
  // Few fields, as update() saves every one for replace(): during the seeds fastV and
  // slowV hold the sums of the closes and sig the sum of the first `signal` MACD values.
  private n = 0;
  private fastV = 0;
  private slowV = 0;
  private sig = 0;
  private m = NaN;

  constructor(options?: number | MacdOptions) {
    const o = streamOptions('macd', options);
    super('macd', o, ['n', 'fastV', 'slowV', 'sig', 'm']);
    let f = o.fast!;
    let s = o.slow!;
    if (s < f) [f, s] = [s, f];
    this.fast = f;
    this.slow = s;
    this.signal = o.signal!;
    this.kf = 2.0 / (f + 1.0);
    this.af = 1.0 - this.kf;
    this.ks = 2.0 / (s + 1.0);
    this.as = 1.0 - this.ks;
    this.kg = 2.0 / (this.signal + 1.0);
    this.ag = 1.0 - this.kg;
    this.start();
  }
  protected clear(): void {
    this.n = this.fastV = this.slowV = this.sig = 0;
    this.m = NaN;
  }
  /** Adds a new bar; returns { macd, signal, histogram } (NaN during warm-up). */
  update(close: number): MacdValue {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    this.step(close);
    return this.value;
  }
  /** Revises the latest bar. */
  replace(close: number): MacdValue {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    this.undo();
    this.step(close);
    return this.value;
  }
  get value(): MacdValue {
    return this.ready ? { macd: this.m, signal: this.sig, histogram: this.m - this.sig } : { macd: NaN, signal: NaN, histogram: NaN };
  }
  get ready(): boolean {
    return this.n >= this.slow + this.signal - 1;
  }

  private step(x: number): void {
    if (isGap(x)) {
      this.clear();
      return;
    }
    const n = ++this.n;
    const { fast: fp, slow: sp, signal: gp } = this;
    if (n <= sp) {
      this.slowV += x;
      if (n > sp - fp) this.fastV += x;
      if (n < sp) return;
      this.fastV = this.fastV / fp;
      this.slowV = this.slowV / sp;
      this.m = this.fastV - this.slowV;
      this.sig = this.m;
    } else {
      this.fastV = this.fastV * this.af + x * this.kf;
      this.slowV = this.slowV * this.as + x * this.ks;
      this.m = this.fastV - this.slowV;
      if (n > sp + gp - 1) {
        this.sig = this.sig * this.ag + this.m * this.kg;
        return;
      }
      this.sig = this.sig + this.m;
    }
    if (n === sp + gp - 1) this.sig = this.sig / gp;
  }
}
export type { MacdResult };
