import type { AtrOptions } from '../indicators/atr.js';
import type { NatrOptions } from '../indicators/natr.js';
import { badInput, Stream, streamOptions } from './base.js';
import { trueRange } from './rolling.js';

/** True range and its Wilder average over (high, low, close) bars, as the kernels do. */
abstract class RangeStream extends Stream<number> {
  protected n = 0;
  protected pc = 0; // previous close
  protected v = 0; // Wilder average (the pair's anchor); during the seed, the sum of the ranges
  protected cur = NaN; // this bar's average
  protected tr0 = 0; // first true range of the current pair
  protected out = NaN;

  protected constructor(kind: string, opts: Record<string, number>) {
    super(kind, opts, ['n', 'pc', 'v', 'cur', 'tr0', 'out']);
  }
  protected clear(): void {
    this.n = this.pc = this.v = this.tr0 = 0;
    this.cur = this.out = NaN;
  }
  /** Adds a new bar. */
  update(high: number, low: number, close: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    this.save();
    this.step(high, low, close);
    return this.out;
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    this.undo();
    this.step(high, low, close);
    return this.out;
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }
  /** Sets `out` for the bar; gaps reset the run. */
  private step(h: number, l: number, c: number): void {
    // A non-finite value makes the sum NaN: one test for the three gap checks.
    if (!(h - h + (l - l) + (c - c) === 0)) {
      this.n = this.v = 0;
      this.out = NaN;
      return;
    }
    const n = ++this.n;
    const pc = this.pc;
    this.pc = c;
    if (n === 1) {
      this.out = NaN;
      return;
    }
    this.bar(n - 1, trueRange(h, l, pc), c);
  }
  /** i: index in the run (>= 1); tr: its true range. Sets `out`. */
  protected abstract bar(i: number, tr: number, close: number): void;
}

/**
 * Wilder's ATR over the true range: SMA seed of bars 1..p, then v*a + tr*k, with the
 * kernel's pairing (bars after the seed in pairs; the second is a²·v + (a·k·tr0 + k·tr1)).
 */
abstract class WilderRange extends RangeStream {
  readonly period: number;
  private readonly k: number;
  private readonly a: number;
  private readonly a2: number;
  private readonly ak: number;
  protected constructor(kind: string, options: unknown) {
    const o = streamOptions(kind, options);
    super(kind, o);
    this.period = o.period!;
    this.k = 1.0 / this.period;
    this.a = (this.period - 1) / this.period;
    this.a2 = this.a * this.a;
    this.ak = this.a * this.k;
  }
  /** Sets `cur` to this bar's ATR; false during the seed. */
  protected atr(i: number, tr: number): boolean {
    const p = this.period;
    if (i <= p) {
      this.v += tr;
      if (i < p) return false;
      this.cur = this.v = this.v / p;
      return true;
    }
    if ((i - p) & 1) {
      this.tr0 = tr;
      this.cur = this.v * this.a + tr * this.k;
    } else {
      this.cur = this.v = this.v * this.a2 + (this.tr0 * this.ak + tr * this.k);
    }
    return true;
  }
}

/** Streaming {@link trange}: `update(high, low, close)`, bit-identical to the batch function. */
export class Trange extends RangeStream {
  constructor() {
    super('trange', {});
    this.start();
  }
  protected bar(_i: number, tr: number): void {
    this.out = tr;
  }
}

/** Streaming {@link atr}: `update(high, low, close)`, bit-identical to the batch function. */
export class Atr extends WilderRange {
  constructor(options?: number | AtrOptions) {
    super('atr', options);
    this.start();
  }
  protected bar(i: number, tr: number): void {
    this.out = this.atr(i, tr) ? this.cur : NaN;
  }
}

/** Streaming {@link natr}: 100 · ATR / close, bit-identical to the batch function. */
export class Natr extends WilderRange {
  constructor(options?: number | NatrOptions) {
    super('natr', options);
    this.start();
  }
  protected bar(i: number, tr: number, c: number): void {
    if (!this.atr(i, tr)) this.out = NaN;
    else this.out = c !== 0 ? (this.cur / c) * 100.0 : 0.0;
  }
}
