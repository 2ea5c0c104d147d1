import { badInput, isGap, Stream } from './base.js';

/** Streaming {@link obv}: `update(close, volume)`, bit-identical to the batch function. */
export class Obv extends Stream<number> {
  private n = 0;
  private prev = 0; // previous close
  private obv = 0;
  private out = NaN;

  constructor() {
    super('obv', {}, ['n', 'prev', 'obv', 'out']);
    this.start();
  }
  protected clear(): void {
    this.n = this.prev = this.obv = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the OBV (from the first bar of a run). */
  update(close: number, volume: number): number {
    if (typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'update', ['close', 'volume'], [close, volume]);
    this.save();
    return this.step(close, volume);
  }
  /** Revises the latest bar. */
  replace(close: number, volume: number): number {
    if (typeof close !== 'number' || typeof volume !== 'number') badInput(this.constructor.name, 'replace', ['close', 'volume'], [close, volume]);
    this.undo();
    return this.step(close, volume);
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  private step(c: number, v: number): number {
    if (isGap(c) || isGap(v)) {
      this.n = 0;
      return (this.out = NaN);
    }
    const pc = this.prev;
    this.prev = c;
    if (this.n++ === 0) return (this.out = (this.obv = v));
    return (this.out = (this.obv = this.obv + (c > pc ? v : c < pc ? -v : 0.0)));
  }
}
