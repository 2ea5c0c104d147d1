import type { VolatilityOptions } from '../indicators/volatility.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
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
  private hot = 0; // bars that may take the steady-state path before the next re-sum
  private prev = 0; // previous close
  private pos = 0; // ring of log returns: oldest slot
  private mean = 0;
  private m2 = 0;
  private out = NaN;
  private xin = NaN; // the bar being added, for general() (not state)
  private rin = NaN; // its log return, for general() (not state)

  constructor(options?: number | VolatilityOptions) {
    const o = streamOptions('volatility', options);
    super('volatility', o, ['n', 'hot', 'prev', 'pos', 'mean', 'm2', 'out'], o.period!);
    const p = o.period!;
    this.period = p;
    this.invP = 1.0 / p;
    this.ddof = p - 1;
    this.scale = Math.sqrt(o.periodsPerYear!);
    this.every = resumEvery(p, 128);
    this.start();
  }
  protected clear(): void {
    this.n = this.hot = this.prev = this.pos = this.mean = this.m2 = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the volatility (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.step(close);
  }
  /** Revises the latest bar; returns the revised volatility. */
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

  // The steady state (a warmed-up run between re-sums), kept small so it inlines into
  // update(); everything else goes through general(), out of line.
  private step(x: number): number {
    // A zero or negative close is not a gap: its NaN/±Infinity return enters the window, as
    // in the kernel. (On a run's first bar, or a gap, r is unused.)
    const r = llog(x / this.prev);
    if (this.hot === 0 || !(x - x === 0)) {
      this.xin = x;
      this.rin = r;
      this.general();
      return this.out;
    }
    this.hot--;
    this.n++;
    this.prev = x;
    const pos = this.pos;
    const old = this.w[pos]!;
    this.put(pos, r);
    this.pos = pos + 1 === this.period ? 0 : pos + 1;
    const m = this.mean;
    const dx = r - old;
    const nm = m + dx * this.invP;
    this.m2 = this.m2 + dx * (r - nm + (old - m));
    this.mean = nm;
    const v = this.m2 / this.ddof;
    return (this.out = Math.sqrt(v > 0.0 ? v : 0.0) * this.scale); // lmax(v, 0)
  }

  /**
   * Any bar (gaps, warm-up, re-sums included): the close in `xin` and, from the second bar
   * of a run, its log return in `rin`; output to `out`.
   */
  private general(): void {
    const x = this.xin;
    this.hot = 0;
    if (isGap(x)) {
      this.n = this.pos = 0;
      this.out = NaN;
      return;
    }
    const p = this.period;
    const i = this.n++;
    this.prev = x;
    if (i === 0) {
      this.out = NaN;
      return;
    }
    const r = this.rin;
    const old = this.w[this.pos]!;
    this.put(this.pos, r);
    this.pos = this.pos + 1 === p ? 0 : this.pos + 1;
    if (i < p) {
      this.out = NaN;
      return;
    }
    // The window starts at index p (its first p returns) and is re-summed every `every` bars.
    const s = (i - p) % this.every;
    if (s === 0) {
      this.mean = ringMean(this.w, 0, p, this.pos, this.invP);
      this.m2 = ringSqDev(this.w, 0, p, this.pos, this.mean);
    } else {
      const dx = r - old;
      const nm = this.mean + dx * this.invP;
      this.m2 = this.m2 + dx * (r - nm + (old - this.mean));
      this.mean = nm;
    }
    this.out = Math.sqrt(lmax(this.m2 / this.ddof, 0.0)) * this.scale;
    this.hot = this.every - 1 - s;
  }
}
