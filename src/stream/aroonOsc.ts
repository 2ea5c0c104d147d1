import { badInput } from './base.js';
import type { AroonOscOptions } from '../indicators/aroonOsc.js';
import { AroonWindow } from './aroon.js';

/** Streaming {@link aroonOsc}: `update(high, low)`, bit-identical to the batch function. */
export class AroonOsc extends AroonWindow<number> {
  private out = NaN;

  constructor(options?: number | AroonOscOptions) {
    super('aroonOsc', options, ['out']);
    this.start();
  }
  protected clear(): void {
    super.clear();
    this.out = NaN;
  }
  /** Adds a new bar; returns up - down (NaN during warm-up). */
  update(high: number, low: number): number {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'update', ['high', 'low'], [high, low]);
    this.save();
    this.ih = high;
    this.il = low;
    this.step();
    return (this.out = (this.hi - this.li) * this.factor);
  }
  /** Revises the latest bar. */
  replace(high: number, low: number): number {
    if (typeof high !== 'number' || typeof low !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low'], [high, low]);
    this.undo();
    this.ih = high;
    this.il = low;
    this.step();
    return (this.out = (this.hi - this.li) * this.factor);
  }
  get value(): number {
    return this.out;
  }
}
