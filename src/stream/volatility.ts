import type { VolatilityOptions } from '../indicators/volatility.js';
import { isGap, Stream, streamOptions } from './base.js';
import { llog, lmax, resumEvery, ringMean, ringSqDev } from './rolling.js';

/**
 * Streaming {@link volatility}, bit-identical to the batch function: 1-bar log returns from
 * hean's own `llog` (as the kernel), windowed like the kernel's WindowMoments (Welford slide,
 * two-pass re-sum every max(8·period, 128) returns), sample deviation times √periodsPerYear.
 */
export class Volatility extends Stream<number> {
  readonly period: number;
  private readonly invP: number;
  private readonly ddof: number;
  private readonly scale: number;
  private readonly every: number;
  private n = 0;
  private prev = 0; // previous close
  private pos = 0; // ring of log returns: oldest slot
  private since = 0;
  private mean = 0;
  private m2 = 0;
  private out = NaN;

  constructor(options?: number | VolatilityOptions) {
    const o = streamOptions('volatility', options);
    super('volatility', o, ['n', 'prev', 'pos', 'since', 'mean', 'm2', 'out'], o.period!);
    const p = o.period!;
    this.period = p;
    this.invP = 1.0 / p;
    this.ddof = p - 1;
    this.scale = Math.sqrt(o.periodsPerYear!);
    this.every = resumEvery(p, 128);
    this.start();
  }
  protected clear(): void {
    this.n = this.prev = this.pos = this.since = this.mean = this.m2 = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the volatility (NaN during warm-up). */
  update(close: number): number {
    this.save();
    return (this.out = this.step(close));
  }
  /** Revises the latest bar; returns the revised volatility. */
  replace(close: number): number {
    this.undo();
    return (this.out = this.step(close));
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
      return NaN;
    }
    const p = this.period;
    const i = this.n++;
    const prev = this.prev;
    this.prev = x;
    if (i === 0) return NaN;
    // A zero or negative close is not a gap: its NaN/±Infinity return enters the window, as in the kernel.
    const r = llog(x / prev);
    const old = this.w[this.pos]!;
    this.put(this.pos, r);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    if (i < p) return NaN;
    if (i === p || ++this.since === this.every) {
      this.since = 0;
      this.mean = ringMean(this.w, 0, p, this.pos, this.invP);
      this.m2 = ringSqDev(this.w, 0, p, this.pos, this.mean);
    } else {
      const dx = r - old;
      const nm = this.mean + dx * this.invP;
      this.m2 = this.m2 + dx * (r - nm + (old - this.mean));
      this.mean = nm;
    }
    return Math.sqrt(lmax(this.m2 / this.ddof, 0.0)) * this.scale;
  }
}
