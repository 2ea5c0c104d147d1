import type { KeltnerOptions } from '../indicators/keltner.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { trueRange } from './rolling.js';

/** The latest Keltner channels (NaN during warm-up). */
export interface KeltnerValue {
  upper: number;
  middle: number;
  lower: number;
}

/** Streaming {@link keltner}: `update(high, low, close)` returns { upper, middle, lower }, bit-identical to the batch function. */
export class Keltner extends Stream<KeltnerValue> {
  readonly period: number;
  readonly multiplier: number;
  readonly atrPeriod: number;
  private readonly ek: number;
  private readonly ea: number;
  private readonly wk: number;
  private readonly wa: number;
  private readonly lb: number;
  private n = 0;
  private pc = 0; // previous close
  private msum = 0; // seed sums
  private asum = 0;
  private mid = 0; // EMA of close
  private atr = 0; // Wilder ATR
  private ok = 0;

  constructor(options?: number | KeltnerOptions) {
    const o = streamOptions('keltner', options);
    super('keltner', o, ['n', 'pc', 'msum', 'asum', 'mid', 'atr', 'ok']);
    const p = o.period!;
    const ap = o.atrPeriod!;
    this.period = p;
    this.multiplier = o.multiplier!;
    this.atrPeriod = ap;
    this.ek = 2.0 / (p + 1.0);
    this.ea = 1.0 - this.ek;
    this.wk = 1.0 / ap;
    this.wa = (ap - 1) / ap;
    this.lb = p - 1 > ap ? p - 1 : ap;
    this.start();
  }
  protected clear(): void {
    this.n = this.pc = this.msum = this.asum = this.mid = this.atr = this.ok = 0;
  }
  /** Adds a new bar; returns { upper, middle, lower }. */
  update(high: number, low: number, close: number): KeltnerValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    this.save();
    this.step(high, low, close);
    return this.value;
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): KeltnerValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    this.undo();
    this.step(high, low, close);
    return this.value;
  }
  get value(): KeltnerValue {
    if (!this.ok) return { upper: NaN, middle: NaN, lower: NaN };
    const band = this.atr * this.multiplier;
    return { upper: this.mid + band, middle: this.mid, lower: this.mid - band };
  }
  get ready(): boolean {
    return this.ok === 1;
  }

  private step(h: number, l: number, c: number): void {
    if (isGap(h) || isGap(l) || isGap(c)) {
      this.n = this.msum = this.asum = this.ok = 0;
      return;
    }
    const i = this.n++;
    const p = this.period;
    const ap = this.atrPeriod;
    // Middle: EMA of close, seeded with the mean of the first `period` closes.
    if (i < p) {
      this.msum = this.msum + c;
      if (i === p - 1) this.mid = this.msum / p;
    } else {
      this.mid = this.mid * this.ea + c * this.ek;
    }
    // ATR: Wilder, seeded with the mean true range of bars 1..atrPeriod.
    if (i >= 1) {
      const tr = trueRange(h, l, this.pc);
      if (i <= ap) {
        this.asum = this.asum + tr;
        if (i === ap) this.atr = this.asum / ap;
      } else {
        this.atr = this.atr * this.wa + tr * this.wk;
      }
    }
    this.pc = c;
    this.ok = i >= this.lb ? 1 : 0;
  }
}
