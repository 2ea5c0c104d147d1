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
    this.save();
    return (this.out = this.slide(x, y) ? this.beta() : NaN);
  }
  /** Revises the latest pair. */
  replace(x: number, y: number): number {
    this.undo();
    return (this.out = this.slide(x, y) ? this.beta() : NaN);
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }
  private beta(): number {
    if (!(this.nb > 0)) return NaN;
    const vy = this.dyy();
    if (!(vy > 0)) return NaN;
    return this.dxy() / vy;
  }
}
