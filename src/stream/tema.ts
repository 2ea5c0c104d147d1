import type { TemaOptions } from '../indicators/tema.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';

/**
 * Three chained EMAs of one period as the tema/trix kernels run them: the first SMA-seeded,
 * each later one seeded with the mean of the first `period` values of the one before.
 * `step` returns true once all three are running (from index 3·(period−1)).
 */
export abstract class TripleEma extends Stream<number> {
  readonly period: number;
  private readonly k: number;
  private readonly a: number;
  private readonly lb2: number;
  protected readonly lb3: number;
  protected n = 0;
  private sum = 0; // seed sum of the EMA being seeded
  protected e1 = NaN;
  protected e2 = NaN;
  protected e3 = NaN;
  protected prev3 = NaN; // e3 before the latest bar
  protected out = NaN;

  protected constructor(kind: string, options: unknown) {
    const o = streamOptions(kind, options);
    super(kind, o, ['n', 'sum', 'e1', 'e2', 'e3', 'prev3', 'out']);
    const p = o.period!;
    this.period = p;
    this.k = 2.0 / (p + 1.0);
    this.a = 1.0 - this.k;
    this.lb2 = 2 * (p - 1);
    this.lb3 = 3 * (p - 1);
  }
  protected clear(): void {
    this.n = this.sum = 0;
    this.e1 = this.e2 = this.e3 = this.prev3 = this.out = NaN;
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  /** Steps the three EMAs; false during warm-up and on gaps. */
  protected step(x: number): boolean {
    if (isGap(x)) {
      this.n = this.sum = 0;
      return false;
    }
    const p = this.period;
    const i = this.n++;
    if (i < p) {
      this.sum += x;
      if (i < p - 1) return false;
      this.e1 = this.sum / p;
      this.sum = this.e1;
    } else {
      this.e1 = this.e1 * this.a + x * this.k;
      if (i <= this.lb2) {
        this.sum = this.sum + this.e1;
      } else {
        this.e2 = this.e2 * this.a + this.e1 * this.k;
        if (i > this.lb3) {
          this.prev3 = this.e3;
          this.e3 = this.e3 * this.a + this.e2 * this.k;
          return true;
        }
        this.sum = this.sum + this.e2;
      }
    }
    if (i === this.lb2) {
      this.e2 = this.sum / p;
      this.sum = this.e2;
    }
    if (i < this.lb3) return false;
    this.e3 = this.sum / p;
    return true;
  }
}

/** Streaming {@link tema}: 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)), bit-identical to the batch function. */
export class Tema extends TripleEma {
  constructor(options?: number | TemaOptions) {
    super('tema', options);
    this.start();
  }
  /** Adds a new bar; returns the TEMA (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    if (this.step(close)) return (this.out = this.e3 + (this.e1 * 3.0 - this.e2 * 3.0));
    return (this.out = NaN);
  }
  /** Revises the latest bar; returns the revised TEMA. */
  replace(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    this.undo();
    if (this.step(close)) return (this.out = this.e3 + (this.e1 * 3.0 - this.e2 * 3.0));
    return (this.out = NaN);
  }
}
