import type { PpoOptions } from '../indicators/ppo.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { divOr, resumEvery, ringSumN } from './rolling.js';

/**
 * Streaming {@link ppo}, bit-identical to the batch function: 100 · (fast − slow) / slow of
 * two SMAs (the kernel's window sums) or two EMAs (each seeded with the SMA of its own first
 * `period` closes). fast > slow is swapped, as the batch function does.
 */
export class Ppo extends Stream<number> {
  readonly fast: number;
  readonly slow: number;
  private readonly ema: boolean;
  private readonly invF: number;
  private readonly invS: number;
  private readonly everyF: number;
  private readonly everyS: number;
  private readonly kf: number;
  private readonly af: number;
  private readonly ks: number;
  private readonly as: number;
  private n = 0;
  private pos = 0; // close ring (sma): oldest slot
  private sinceF = 0;
  private sinceS = 0;
  private f = 0; // fast sum (sma) or EMA
  private s = 0; // slow sum (sma) or EMA
  private out = NaN;

  constructor(options?: number | PpoOptions) {
    const o = streamOptions('ppo', options);
    if (o.maType! > 1) throw new RangeError(`hean.Ppo: streaming computes maType 'sma' or 'ema' only`);
    let fp = o.fast!;
    let sp = o.slow!;
    if (sp < fp) [fp, sp] = [sp, fp];
    const ema = o.maType === 1;
    super('ppo', o, ['n', 'pos', 'sinceF', 'sinceS', 'f', 's', 'out'], ema ? 0 : sp);
    this.fast = fp;
    this.slow = sp;
    this.ema = ema;
    this.invF = 1.0 / fp;
    this.invS = 1.0 / sp;
    this.everyF = resumEvery(fp, 1024);
    this.everyS = resumEvery(sp, 1024);
    this.kf = 2.0 / (fp + 1.0);
    this.af = 1.0 - this.kf;
    this.ks = 2.0 / (sp + 1.0);
    this.as = 1.0 - this.ks;
    this.start();
  }
  protected clear(): void {
    this.n = this.pos = this.sinceF = this.sinceS = this.f = this.s = 0;
    this.out = NaN;
  }
  /** Adds a new bar; returns the PPO (NaN during warm-up). */
  update(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    return this.ema ? this.stepEma(close) : this.stepSma(close);
  }
  /** Revises the latest bar; returns the revised PPO. */
  replace(close: number): number {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    this.undo();
    return this.ema ? this.stepEma(close) : this.stepSma(close);
  }
  get value(): number {
    return this.out;
  }
  get ready(): boolean {
    return !Number.isNaN(this.out);
  }

  private stepEma(x: number): number {
    if (isGap(x)) {
      this.n = this.f = this.s = 0;
      return (this.out = NaN);
    }
    const { fast: fp, slow: sp } = this;
    const n = ++this.n;
    if (n <= fp) {
      this.f += x;
      if (n === fp) this.f = this.f / fp;
    } else {
      this.f = this.f * this.af + x * this.kf;
    }
    if (n <= sp) {
      this.s += x;
      if (n < sp) return (this.out = NaN);
      this.s = this.s / sp;
    } else {
      this.s = this.s * this.as + x * this.ks;
    }
    return (this.out = divOr(this.f - this.s, this.s, 0.0) * 100.0);
  }

  private stepSma(x: number): number {
    if (isGap(x)) {
      this.n = this.pos = 0;
      return (this.out = NaN);
    }
    const { fast: fp, slow: sp } = this;
    const w = this.w;
    const i = this.n++;
    // Before the write, slot pos holds x[i-sp] and slot pos+sp-fp holds x[i-fp].
    let fo = this.pos + sp - fp;
    if (fo >= sp) fo -= sp;
    const oldS = w[this.pos]!;
    const oldF = w[fo]!;
    this.put(this.pos, x);
    this.pos = this.pos + 1 === sp ? 0 : this.pos + 1;
    if (i < sp - 1) return (this.out = NaN);
    if (i === sp - 1 || ++this.sinceF >= this.everyF) {
      this.sinceF = 0;
      let o = this.pos + sp - fp;
      if (o >= sp) o -= sp;
      this.f = ringSumN(w, 0, sp, o, fp);
    } else {
      this.f = this.f + (x - oldF);
    }
    if (i === sp - 1 || ++this.sinceS >= this.everyS) {
      this.sinceS = 0;
      this.s = ringSumN(w, 0, sp, this.pos, sp);
    } else {
      this.s = this.s + (x - oldS);
    }
    const fast = this.f * this.invF;
    const slow = this.s * this.invS;
    return (this.out = divOr(fast - slow, slow, 0.0) * 100.0);
  }
}
