import type { MomOptions } from '../indicators/mom.js';
import { streamOptions } from './base.js';
import { Lagged } from './lagged.js';

/** Streaming {@link mom}: close − close[period bars ago], bit-identical to the batch function. */
export class Mom extends Lagged {
  constructor(options?: number | MomOptions) {
    super('mom', streamOptions('mom', options));
    this.start();
  }
  protected of(x: number, old: number): number {
    return x - old;
  }
}
