import { badInput } from './base.js';
import type { RollingBetaOptions } from '../indicators/rollingBeta.js';
import { CoMomentsStream } from './rollingCorr.js';

/** Streaming {@link rollingBeta}: `update(x, y)` (asset and benchmark returns), bit-identical to the batch function. */
export class RollingBeta extends CoMomentsStream<number> {
  private out = NaN;

  constructor(options?: number | RollingBetaOptions) {
    super('rollingBeta', options, ['out']);
    this.start();
  }
  protected clear(): void {
    this.clearMoments();
    this.out = NaN;
  }
  /** Adds a new pair; returns the beta (NaN during warm-up and where the y window is constant). */
  update(x: number, y: number): number {
    if (typeof x !== 'number' || typeof y !== 'number') badInput(this.constructor.name, 'update', ['x', 'y'], [x, y]);
    this.save();
    this.ix = x;
    this.iy = y;
    this.step();
    return this.out;
  }
  /** Revises the latest pair. */
  replace(x: number, y: number): number {
    if (typeof x !== 'number' || typeof y !== 'number') badInput(this.constructor.name, 'replace', ['x', 'y'], [x, y]);
    this.undo();
    this.ix = x;
    this.iy = y;
    this.step();
    return this.out;
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }
  // Writes the output (no double return: see the argument registers).
  private step(): void {
    if (!this.slide() || !(this.nb > 0)) {
      this.out = NaN;
      return;
    }
    const inv = this.invP;
    const vy = this.syy - this.sy * this.sy * inv;
    this.out = vy > 0 ? (this.sxy - this.sx * this.sy * inv) / vy : NaN;
  }
}
