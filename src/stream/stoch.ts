import type { StochOptions } from '../indicators/stoch.js';
import { badInput, isGap, streamOptions } from './base.js';
import { dequeMask, ExtremeStream } from './extreme.js';
import { divNz, resumEvery, ringSum } from './rolling.js';

/** The latest slow stochastic (NaN during warm-up). */
export interface StochValue {
  k: number;
  d: number;
}

/**
 * Streaming {@link stoch}: `update(high, low, close)` returns { k, d }, bit-identical to
 * the batch function (the same SMA window sums with exact re-sums every
 * max(8·period, 1024) bars).
 */
export class Stoch extends ExtremeStream<StochValue> {
  readonly fastK: number;
  readonly slowK: number;
  readonly slowD: number;
  private readonly everyK: number;
  private readonly everyD: number;
  private readonly m: number; // deque slot mask
  private readonly fb: number; // window offsets: fast %K ring, slow %K ring
  private readonly sb: number;
  private n = 0;
  private fpos = 0; // fast %K ring: oldest slot
  private ksum = 0;
  private ksince = 0;
  private spos = 0; // slow %K ring
  private dsum = 0;
  private dsince = 0;
  private k = NaN;
  private d = NaN;

  constructor(options?: number | StochOptions) {
    const o = streamOptions('stoch', options);
    if (o.slowKMaType !== 0 || o.slowDMaType !== 0) throw new RangeError(`hean.Stoch: streaming smooths with SMAs only (slowKMaType, slowDMaType 'sma')`);
    const pk = o.fastK!;
    const m = dequeMask(pk);
    super('stoch', o, ['n', 'hh', 'hs', 'lh', 'ls', 'fpos', 'ksum', 'ksince', 'spos', 'dsum', 'dsince', 'k', 'd'], 4 * (m + 1) + o.slowK! + o.slowD!);
    this.fastK = pk;
    this.slowK = o.slowK!;
    this.slowD = o.slowD!;
    this.everyK = resumEvery(this.slowK, 1024);
    this.everyD = resumEvery(this.slowD, 1024);
    this.m = m;
    this.fb = 4 * (m + 1);
    this.sb = this.fb + this.slowK;
    this.start();
  }
  protected clear(): void {
    this.n = this.hh = this.hs = this.lh = this.ls = 0;
    this.fpos = this.ksum = this.ksince = this.spos = this.dsum = this.dsince = 0;
    this.k = this.d = NaN;
  }
  /** Adds a new bar; returns { k, d }. */
  update(high: number, low: number, close: number): StochValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    this.save();
    this.step(high, low, close);
    return { k: this.k, d: this.d };
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): StochValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    this.undo();
    this.step(high, low, close);
    return { k: this.k, d: this.d };
  }
  get value(): StochValue {
    return { k: this.k, d: this.d };
  }
  get ready(): boolean {
    return !Number.isNaN(this.d);
  }

  private step(h: number, l: number, c: number): void {
    this.k = this.d = NaN;
    if (isGap(h) || isGap(l) || isGap(c)) {
      this.n = this.hs = this.ls = this.fpos = this.spos = 0;
      return;
    }
    const pk = this.fastK;
    const sk = this.slowK;
    const sd = this.slowD;
    const i = this.n++;
    const m = this.m;
    this.qx = h;
    this.qy = l;
    this.pushPair(0, m, pk, i);
    const lbK = pk - 1;
    if (i < lbK) return;
    const hi = this.w[this.hh]!;
    const lo = this.w[2 * (m + 1) + this.lh]!;
    // TA-Lib's operation order: (close - lowest) / ((highest - lowest) / 100).
    const fast = divNz(c - lo, (hi - lo) / 100.0, 0.0);
    const fb = this.fb;
    const oldF = this.w[fb + this.fpos]!;
    this.put(fb + this.fpos, fast);
    this.fpos = this.fpos + 1 === sk ? 0 : this.fpos + 1;
    const lbSk = lbK + sk - 1;
    if (i < lbSk) return;
    if (i === lbSk || ++this.ksince >= this.everyK) {
      this.ksince = 0;
      this.ksum = ringSum(this.w, fb, sk, this.fpos);
    } else {
      this.ksum = this.ksum + (fast - oldF);
    }
    const k = this.ksum / sk;
    const sb = this.sb;
    const oldS = this.w[sb + this.spos]!;
    this.put(sb + this.spos, k);
    this.spos = this.spos + 1 === sd ? 0 : this.spos + 1;
    const lb = lbSk + sd - 1;
    if (i < lb) return;
    if (i === lb || ++this.dsince >= this.everyD) {
      this.dsince = 0;
      this.dsum = ringSum(this.w, sb, sd, this.spos);
    } else {
      this.dsum = this.dsum + (k - oldS);
    }
    this.k = k;
    this.d = this.dsum / sd;
  }
}
