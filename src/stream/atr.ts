import type { AtrOptions } from '../indicators/atr.js';
import type { NatrOptions } from '../indicators/natr.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { trueRange } from './rolling.js';

/** True range and its Wilder average over (high, low, close) bars, as the kernels do. */
abstract class RangeStream extends Stream<number> {
  protected n = 0;
  protected pc = 0; // previous close
  protected sum = 0;
  protected v = NaN;
  protected out = NaN;

  protected constructor(kind: string, opts: Record<string, number>) {
    super(kind, opts, ['n', 'pc', 'sum', 'v', 'out']);
  }
  protected clear(): void {
    this.n = this.pc = this.sum = 0;
    this.v = this.out = NaN;
  }
  /** Adds a new bar. */
  update(high: number, low: number, close: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    this.save();
    return (this.out = this.step(high, low, close));
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    this.undo();
    return (this.out = this.step(high, low, close));
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }
  /** Returns the output for the bar; gaps reset the run. */
  private step(h: number, l: number, c: number): number {
    if (isGap(h) || isGap(l) || isGap(c)) {
      this.n = this.sum = 0;
      return NaN;
    }
    const n = ++this.n;
    const pc = this.pc;
    this.pc = c;
    if (n === 1) return NaN;
    return this.bar(n - 1, trueRange(h, l, pc), c);
  }
  /** i: index in the run (>= 1); tr: its true range. */
  protected abstract bar(i: number, tr: number, close: number): number;
}

/** Wilder's ATR over the true range: SMA seed of bars 1..p, then v*a + tr*k. */
abstract class WilderRange extends RangeStream {
  readonly period: number;
  private readonly k: number;
  private readonly a: number;
  protected constructor(kind: string, options: unknown) {
    const o = streamOptions(kind, options);
    super(kind, o);
    this.period = o.period!;
    this.k = 1.0 / this.period;
    this.a = (this.period - 1) / this.period;
  }
  protected atr(i: number, tr: number): number {
    const p = this.period;
    if (i <= p) {
      this.sum += tr;
      if (i < p) return NaN;
      return (this.v = this.sum / p);
    }
    return (this.v = this.v * this.a + tr * this.k);
  }
}

/** Streaming {@link trange}: `update(high, low, close)`, bit-identical to the batch function. */
export class Trange extends RangeStream {
  constructor() {
    super('trange', {});
    this.start();
  }
  protected bar(_i: number, tr: number): number {
    return tr;
  }
}

/** Streaming {@link atr}: `update(high, low, close)`, bit-identical to the batch function. */
export class Atr extends WilderRange {
  constructor(options?: number | AtrOptions) {
    super('atr', options);
    this.start();
  }
  protected bar(i: number, tr: number): number {
    return this.atr(i, tr);
  }
}

/** Streaming {@link natr}: 100 · ATR / close, bit-identical to the batch function. */
export class Natr extends WilderRange {
  constructor(options?: number | NatrOptions) {
    super('natr', options);
    this.start();
  }
  protected bar(i: number, tr: number, c: number): number {
    const v = this.atr(i, tr);
    if (Number.isNaN(v)) return v;
    return c !== 0 ? (v / c) * 100.0 : 0.0;
  }
}
