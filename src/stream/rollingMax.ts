import type { RollingMaxOptions } from '../indicators/rollingMax.js';
import { RollingExtreme } from './rollingMin.js';

/** Streaming {@link rollingMax}, bit-identical to the batch function. */
export class RollingMax extends RollingExtreme {
  constructor(options?: number | RollingMaxOptions) {
    super('rollingMax', options, true);
  }
}
