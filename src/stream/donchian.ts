import type { DonchianOptions } from '../indicators/donchian.js';
import { isGap, Stream, streamOptions } from './base.js';

/**
 * Rolling highest / lowest values by monotonic deques, equal to the kernels' BlockExtreme
 * bit for bit: values are exact and, on ties, the most recent bar wins in both (so tied
 * +0 / -0 and Aroon's indices come out the same). A deque over the last `p` bars takes
 * 2p window slots from `at`: values at at + slot, run indices at at + p + slot. Its head
 * slot and size are state fields of the subclass, passed to qpush and returned (the head
 * through the `qh` register, which is not state).
 */
export abstract class ExtremeStream<V> extends Stream<V> {
  /** Head slot after the last qpush (a return register). */
  protected qh = 0;

  /**
   * Pushes x (run index i) into the deque at `at` over the last p bars, a rolling max if
   * `max`, else a min; returns its new size and leaves its head slot in `qh`. The front
   * is then the extreme: value w[at + qh], index w[at + p + qh].
   */
  protected qpush(at: number, p: number, head: number, size: number, x: number, i: number, max: boolean): number {
    const w = this.w;
    if (size > 0 && w[at + p + head]! <= i - p) {
      head = head + 1 === p ? 0 : head + 1;
      size--;
    }
    while (size > 0) {
      let b = head + size - 1;
      if (b >= p) b -= p;
      const y = w[at + b]!;
      if (max ? y <= x : y >= x) size--;
      else break;
    }
    let t = head + size;
    if (t >= p) t -= p;
    this.put(at + t, x);
    this.put(at + p + t, i);
    this.qh = head;
    return size + 1;
  }
}

/** The latest Donchian channels (NaN during warm-up). */
export interface DonchianValue {
  upper: number;
  middle: number;
  lower: number;
}

/** Streaming {@link donchian}: `update(high, low)`, bit-identical to the batch function. */
export class Donchian extends ExtremeStream<DonchianValue> {
  readonly period: number;
  private n = 0;
  private hh = 0; // max deque: head slot, size
  private hs = 0;
  private lh = 0; // min deque
  private ls = 0;
  private ok = 0;

  constructor(options?: number | DonchianOptions) {
    const o = streamOptions('donchian', options);
    super('donchian', o, ['n', 'hh', 'hs', 'lh', 'ls', 'ok'], 4 * o.period!);
    this.period = o.period!;
    this.start();
  }
  protected clear(): void {
    this.n = this.hh = this.hs = this.lh = this.ls = this.ok = 0;
  }
  /** Adds a new bar; returns { upper, middle, lower }. */
  update(high: number, low: number): DonchianValue {
    this.save();
    this.step(high, low);
    return this.value;
  }
  /** Revises the latest bar. */
  replace(high: number, low: number): DonchianValue {
    this.undo();
    this.step(high, low);
    return this.value;
  }
  get value(): DonchianValue {
    if (!this.ok) return { upper: NaN, middle: NaN, lower: NaN };
    const hi = this.w[this.hh]!;
    const lo = this.w[2 * this.period + this.lh]!;
    return { upper: hi, middle: (hi + lo) * 0.5, lower: lo };
  }
  get ready(): boolean {
    return this.ok === 1;
  }

  private step(h: number, l: number): void {
    if (isGap(h) || isGap(l)) {
      this.clear();
      return;
    }
    const p = this.period;
    const i = this.n++;
    this.hs = this.qpush(0, p, this.hh, this.hs, h, i, true);
    this.hh = this.qh;
    this.ls = this.qpush(2 * p, p, this.lh, this.ls, l, i, false);
    this.lh = this.qh;
    this.ok = i + 1 >= p ? 1 : 0;
  }
}
