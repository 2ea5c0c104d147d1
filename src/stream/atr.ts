import { badInput, Stream } from './base.js';
import { trueRange } from './rolling.js';

/** The true range over (high, low, close) bars, as the kernels compute it. */
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
