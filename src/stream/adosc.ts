import type { AdoscOptions } from '../indicators/adosc.js';
import { adFlow } from './ad.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';

/**
 * Streaming {@link adosc}: `update(high, low, close, volume)`, bit-identical to the batch
 * function (both EMAs of the A/D line seeded with its first value, as TA-Lib).
 */
export class Adosc extends Stream<number> {
  readonly fast: number;
  readonly slow: number;
  private readonly lb: number;
  private readonly kf: number;
  private readonly af: number;
  private readonly ks: number;
  private readonly as: number;
  private n = 0;
  private ad = 0;
  private f = 0;
  private s = 0;
  private out = NaN;

  constructor(options?: number | AdoscOptions) {
    const o = streamOptions('adosc', options);
    super('adosc', o, ['n', 'ad', 'f', 's', 'out']);
    this.fast = o.fast!;
    this.slow = o.slow!;
    this.lb = (this.fast > this.slow ? this.fast : this.slow) - 1;
    this.kf = 2.0 / (this.fast + 1.0);
    this.af = 1.0 - this.kf;
    this.ks = 2.0 / (this.slow + 1.0);
    this.as = 1.0 - this.ks;
    this.start();
  }
  protected clear(): void {
    this.n = this.ad = this.f = this.s = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the oscillator (NaN during warm-up). */
  update(high: number, low: number, close: number, volume: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close', 'volume'], [high, low, close, volume]);
    this.save();
    return this.step(high, low, close, volume);
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number, volume: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close', 'volume'], [high, low, close, volume]);
    this.undo();
    return this.step(high, low, close, volume);
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  private step(h: number, l: number, c: number, v: number): number {
    if (isGap(h) || isGap(l) || isGap(c) || isGap(v)) {
      this.n = 0;
      return (this.out = NaN);
    }
    const i = this.n++;
    if (i === 0) {
      this.ad = this.f = this.s = adFlow(h, l, c, v);
      return (this.out = NaN);
    }
    this.ad = this.ad + adFlow(h, l, c, v);
    this.f = this.f * this.af + this.ad * this.kf;
    this.s = this.s * this.as + this.ad * this.ks;
    if (i < this.lb) return (this.out = NaN);
    return (this.out = this.f - this.s);
  }
}
