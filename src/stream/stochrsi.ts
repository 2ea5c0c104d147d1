import type { StochrsiOptions } from '../indicators/stochrsi.js';
import { badInput, isGap, streamOptions } from './base.js';
import { dequeMask, ExtremeStream } from './extreme.js';
import { divNz, divOr, lmax, resumEvery, ringSum } from './rolling.js';

/** The latest stochastic RSI (NaN during warm-up). */
export interface StochrsiValue {
  k: number;
  d: number;
}

/** Streaming {@link stochrsi}: `update(close)` returns { k, d }, bit-identical to the batch function. */
export class Stochrsi extends ExtremeStream<StochrsiValue> {
  readonly period: number;
  readonly fastK: number;
  readonly fastD: number;
  private readonly rk: number;
  private readonly ra: number;
  private readonly every: number;
  private readonly m: number; // deque slot mask
  private readonly fb: number; // window offset of the %K ring
  private n = 0;
  private prev = 0;
  private gain = 0;
  private loss = 0;
  private fpos = 0;
  private dsum = 0;
  private since = 0;
  private k = NaN;
  private d = NaN;

  constructor(options?: number | StochrsiOptions) {
    const o = streamOptions('stochrsi', options);
    if (o.fastDMaType !== 0) throw new RangeError(`hean.Stochrsi: streaming smooths %D with an SMA only (fastDMaType 'sma')`);
    const pk = o.fastK!;
    const m = dequeMask(pk);
    super('stochrsi', o, ['n', 'prev', 'gain', 'loss', 'hh', 'hs', 'lh', 'ls', 'fpos', 'dsum', 'since', 'k', 'd'], 4 * (m + 1) + o.fastD!);
    this.period = o.period!;
    this.fastK = pk;
    this.fastD = o.fastD!;
    this.rk = 1.0 / this.period;
    this.ra = (this.period - 1) / this.period;
    this.every = resumEvery(this.fastD, 1024);
    this.m = m;
    this.fb = 4 * (m + 1);
    this.start();
  }
  protected clear(): void {
    this.n = this.prev = this.gain = this.loss = this.hh = this.hs = this.lh = this.ls = 0;
    this.fpos = this.dsum = this.since = 0;
    this.k = this.d = NaN;
  }
  /** Adds a new bar; returns { k, d }. */
  update(close: number): StochrsiValue {
    if (typeof close !== 'number') badInput(this.constructor.name, 'update', ['close'], [close]);
    this.save();
    this.step(close);
    return { k: this.k, d: this.d };
  }
  /** Revises the latest bar. */
  replace(close: number): StochrsiValue {
    if (typeof close !== 'number') badInput(this.constructor.name, 'replace', ['close'], [close]);
    this.undo();
    this.step(close);
    return { k: this.k, d: this.d };
  }
  get value(): StochrsiValue {
    return { k: this.k, d: this.d };
  }
  get ready(): boolean {
    return !Number.isNaN(this.k);
  }

  private step(x: number): void {
    this.k = this.d = NaN;
    if (isGap(x)) {
      this.n = this.gain = this.loss = this.hs = this.ls = this.fpos = 0;
      return;
    }
    const p = this.period;
    const i = this.n++;
    const dx = x - this.prev;
    this.prev = x;
    if (i === 0) return;
    // RSI (the kernels' RsiState).
    if (i <= p) {
      this.gain = this.gain + lmax(dx, 0.0);
      this.loss = this.loss + lmax(-dx, 0.0);
      if (i < p) return;
      this.gain = this.gain / p;
      this.loss = this.loss / p;
    } else {
      this.gain = this.gain * this.ra + lmax(dx, 0.0) * this.rk;
      this.loss = this.loss * this.ra + lmax(-dx, 0.0) * this.rk;
    }
    const v = divOr(this.gain * 100.0, this.gain + this.loss, 0.0);
    const pk = this.fastK;
    const m = this.m;
    this.qx = v;
    this.qy = v;
    this.pushPair(0, m, pk, i);
    const lbK = p + pk - 1;
    if (i < lbK) return;
    const hi = this.w[this.hh]!;
    const lo = this.w[2 * (m + 1) + this.lh]!;
    // TA-Lib's STOCHF operation order: (x - lowest) / ((highest - lowest) / 100).
    const fast = divNz(v - lo, (hi - lo) / 100.0, 0.0);
    const pd = this.fastD;
    const fb = this.fb;
    const old = this.w[fb + this.fpos]!;
    this.put(fb + this.fpos, fast);
    this.fpos = this.fpos + 1 === pd ? 0 : this.fpos + 1;
    const lb = lbK + pd - 1;
    if (i < lb) return;
    if (i === lb || ++this.since >= this.every) {
      this.since = 0;
      this.dsum = ringSum(this.w, fb, pd, this.fpos);
    } else {
      this.dsum = this.dsum + (fast - old);
    }
    this.k = fast;
    this.d = this.dsum / pd;
  }
}
