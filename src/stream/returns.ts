import type { ReturnsOptions } from '../indicators/returns.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { llog } from './rolling.js';

/** Streaming {@link returns}, bit-identical to the batch function (the log kind uses hean's own `llog`, as the kernel does). */
export class Returns extends Stream<number> {
  readonly period: number;
  private readonly log: boolean;
  private n = 0;
  private pos = 0; // ring slot of the value `period` bars back (next write)
  private out = NaN;

  constructor(options?: number | ReturnsOptions) {
    const o = streamOptions('returns', options);
    super('returns', o, ['n', 'pos', 'out'], o.period!);
    this.period = o.period!;
    this.log = o.kind === 1;
    this.start();
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

  private step(x: number): number {
    if (isGap(x)) {
      this.n = this.pos = 0;
      return (this.out = NaN);
    }
    const old = this.w[this.pos]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === this.period ? 0 : this.pos + 1;
    if (++this.n <= this.period) return (this.out = NaN);
    return (this.out = this.log ? llog(x / old) : x / old - 1.0);
  }
}
