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
  private n = 0;
  private fastSum = 0;
  private slowSum = 0;
  private fastV = 0;
  private slowV = 0;
  private acc = 0; // sum of the first `signal` MACD values (the signal's seed)
  private sig = NaN;
  private m = NaN;

  constructor(options?: number | MacdOptions) {
    const o = streamOptions('macd', options);
    super('macd', o, ['n', 'fastSum', 'slowSum', 'fastV', 'slowV', 'acc', 'sig', 'm']);
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
    this.n = this.fastSum = this.slowSum = this.fastV = this.slowV = this.acc = 0;
    this.sig = this.m = NaN;
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
    const ok = !Number.isNaN(this.sig);
    return ok ? { macd: this.m, signal: this.sig, histogram: this.m - this.sig } : { macd: NaN, signal: NaN, histogram: NaN };
  }
  get ready(): boolean {
    return !Number.isNaN(this.sig);
  }

  private step(x: number): void {
    if (isGap(x)) {
      this.clear();
      return;
    }
    const n = ++this.n;
    const { fast: fp, slow: sp, signal: gp } = this;
    if (n <= sp) {
      this.slowSum += x;
      if (n > sp - fp) this.fastSum += x;
      if (n < sp) return;
      this.fastV = this.fastSum / fp;
      this.slowV = this.slowSum / sp;
      this.m = this.fastV - this.slowV;
      this.acc = this.m;
    } else {
      this.fastV = this.fastV * this.af + x * this.kf;
      this.slowV = this.slowV * this.as + x * this.ks;
      this.m = this.fastV - this.slowV;
      if (n > sp + gp - 1) {
        this.sig = this.sig * this.ag + this.m * this.kg;
        return;
      }
      this.acc = this.acc + this.m;
    }
    if (n === sp + gp - 1) this.sig = this.acc / gp;
  }
}
export type { MacdResult };
