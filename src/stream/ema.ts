import type { EmaOptions } from '../indicators/ema.js';
import type { WildersOptions } from '../indicators/wilders.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';

/** SMA-seeded exponential smoothing, optionally with the kernel's pairwise step. */
class Exponential extends Stream<number> {
  readonly period: number;
  private readonly k: number;
  private readonly a: number;
  private readonly a2: number;
  private readonly ak: number;
  private n = 0; // bars in the current run
  private y = 0; // value (the pair's anchor when paired); the seed's sum until then
  private x0 = 0; // first bar of the current pair
  private out = NaN;

  protected constructor(kind: string, options: unknown, wilder: boolean, private readonly paired: boolean) {
    const o = streamOptions(kind, options);
    super(kind, o, ['n', 'y', 'x0', 'out']);
    const p = o.period!;
    this.period = p;
    this.k = wilder ? 1.0 / p : 2.0 / (p + 1.0);
    this.a = wilder ? (p - 1) / p : 1.0 - this.k;
    this.a2 = this.a * this.a;
    this.ak = this.a * this.k;
    this.start();
  }
  protected clear(): void {
    this.n = 0;
    this.y = 0;
    this.x0 = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the value (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
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

  private step(x: number): number {
    if (isGap(x)) {
      this.n = 0;
      this.y = 0;
      return (this.out = NaN);
    }
    const n = ++this.n;
    const p = this.period;
    if (n <= p) {
      this.y += x;
      if (n < p) return (this.out = NaN);
      return (this.out = this.y = this.y / p);
    }
    if (!this.paired) return (this.out = this.y = this.y * this.a + x * this.k);
    if ((n - p) & 1) {
      this.x0 = x;
      return (this.out = this.y * this.a + x * this.k);
    }
    return (this.out = this.y = this.y * this.a2 + (this.x0 * this.ak + x * this.k));
  }
}

/**
 * Streaming {@link ema}: `update(close)` per bar, bit-identical to the batch function.
 * Mirrors the kernel's pairing (bars after the seed go in pairs; the second of a pair is
 * `a²·y + (a·k·x0 + k·x1)`), so every streamed value equals `ema(series)[i]` exactly.
 */
export class Ema extends Exponential {
  constructor(options?: number | EmaOptions) {
    super('ema', options, false, true);
  }
}

/** Streaming {@link wilders} (RMA), bit-identical to the batch function. */
export class Wilders extends Exponential {
  constructor(options?: number | WildersOptions) {
    super('wilders', options, true, false);
  }
}
