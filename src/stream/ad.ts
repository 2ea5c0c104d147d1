import { badInput, isGap, Stream } from './base.js';

/**
 * The kernels' money flow volume (ad_flow): ((close − low) − (high − close)) / (high − low)
 * · volume, 0 where high <= low.
 */
export function adFlow(h: number, l: number, c: number, v: number): number {
  const r = h - l;
  return r > 0.0 ? ((c - l - (h - c)) / r) * v : 0.0;
}

/** Streaming {@link ad}: `update(high, low, close, volume)`, bit-identical to the batch function. */
export class Ad extends Stream<number> {
  private ad = 0;
  private out = NaN;

  constructor() {
    super('ad', {}, ['ad', 'out']);
    this.start();
  }
  protected clear(): void {
    this.ad = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the A/D line (from the first bar of a run). */
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
      this.ad = 0;
      return (this.out = NaN);
    }
    return (this.out = (this.ad = this.ad + adFlow(h, l, c, v)));
  }
}
