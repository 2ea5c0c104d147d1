import type { SupertrendOptions } from '../indicators/supertrend.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { trueRange } from './rolling.js';

/** The latest Supertrend line and direction (1 up, -1 down; NaN during warm-up). */
export interface SupertrendValue {
  supertrend: number;
  direction: number;
}

/** Streaming {@link supertrend}: `update(high, low, close)` returns { supertrend, direction }, bit-identical to the batch function. */
export class Supertrend extends Stream<SupertrendValue> {
  readonly period: number;
  readonly multiplier: number;
  private readonly wk: number;
  private readonly wa: number;
  private n = 0;
  private pc = 0; // previous close
  private asum = 0;
  private atr = 0;
  private fu = 0; // final upper and lower bands
  private fl = 0;
  private dir = -1;
  private line = NaN;
  private out = NaN; // direction output

  constructor(options?: number | SupertrendOptions) {
    const o = streamOptions('supertrend', options);
    super('supertrend', o, ['n', 'pc', 'asum', 'atr', 'fu', 'fl', 'dir', 'line', 'out']);
    this.period = o.period!;
    this.multiplier = o.multiplier!;
    this.wk = 1.0 / this.period;
    this.wa = (this.period - 1) / this.period;
    this.start();
  }
  protected clear(): void {
    this.n = this.pc = this.asum = this.atr = this.fu = this.fl = 0;
    this.dir = -1;
    this.line = this.out = NaN;
  }
  /** Adds a new bar; returns { supertrend, direction }. */
  update(high: number, low: number, close: number): SupertrendValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    this.save();
    this.step(high, low, close);
    return { supertrend: this.line, direction: this.out };
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): SupertrendValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    this.undo();
    this.step(high, low, close);
    return { supertrend: this.line, direction: this.out };
  }
  get value(): SupertrendValue {
    return { supertrend: this.line, direction: this.out };
  }
  get ready(): boolean {
    return !Number.isNaN(this.line);
  }

  private step(h: number, l: number, c: number): void {
    this.line = this.out = NaN;
    if (isGap(h) || isGap(l) || isGap(c)) {
      this.n = this.asum = 0;
      this.dir = -1;
      return;
    }
    const i = this.n++;
    const p = this.period;
    const pc = this.pc;
    this.pc = c;
    if (i === 0) return;
    const tr = trueRange(h, l, pc);
    if (i < p) {
      this.asum = this.asum + tr;
      return;
    }
    if (i === p) this.atr = (this.asum + tr) / p;
    else this.atr = this.atr * this.wa + tr * this.wk;
    const hl2 = (h + l) * 0.5;
    const band = this.atr * this.multiplier;
    const bu = hl2 + band;
    const bl = hl2 - band;
    if (i === p) {
      this.fu = bu;
      this.fl = bl;
    } else {
      // A band only ratchets toward price, unless the previous close broke through it.
      this.fu = bu < this.fu ? bu : pc > this.fu ? bu : this.fu;
      this.fl = bl > this.fl ? bl : pc < this.fl ? bl : this.fl;
    }
    // As if the previous trend were down at the start.
    if (this.dir > 0) this.dir = c < this.fl ? -1 : 1;
    else this.dir = c > this.fu ? 1 : -1;
    this.line = this.dir > 0 ? this.fl : this.fu;
    this.out = this.dir;
  }
}
