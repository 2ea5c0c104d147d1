import type { RocOptions } from '../indicators/roc.js';
import { streamOptions } from './base.js';
import { Lagged } from './lagged.js';

/** Streaming {@link roc}: 100 · (close / close[period bars ago] − 1), 0 where the older close is 0; bit-identical to the batch function. */
export class Roc extends Lagged {
  constructor(options?: number | RocOptions) {
    super('roc', streamOptions('roc', options));
    this.start();
  }
  protected of(x: number, old: number): number {
    return old !== 0 ? (x / old - 1.0) * 100.0 : 0.0;
  }
}
