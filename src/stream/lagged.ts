import { badInput, isGap, Stream } from './base.js';

/** A value from the close and the close `period` bars back (mom, roc), kept in a ring. */
export abstract class Lagged extends Stream<number> {
  readonly period: number;
  private n = 0;
  private pos = 0; // ring slot of the value `period` bars back (next write)
  private out = NaN;

  protected constructor(kind: string, o: Record<string, number>) {
    super(kind, o, ['n', 'pos', 'out'], o.period!);
    this.period = o.period!;
  }
  protected clear(): void {
    this.n = this.pos = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the value (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised value. */
  replace(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    this.undo();
    return this.step(close);
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }
  /** The output from this close and the one `period` bars back, as the kernel computes it. */
  protected abstract of(x: number, old: number): number;

  private step(x: number): number {
    if (isGap(x)) {
      this.n = this.pos = 0;
      return (this.out = NaN);
    }
    const old = this.w[this.pos]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === this.period ? 0 : this.pos + 1;
    if (++this.n <= this.period) return (this.out = NaN);
    return (this.out = this.of(x, old));
  }
}
