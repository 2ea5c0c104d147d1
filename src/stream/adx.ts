import type { AdxOptions } from '../indicators/adx.js';
import { badInput, isGap, Stream, streamOptions } from './base.js';
import { divOr, labs, trueRange } from './rolling.js';

/** The latest directional movement values (NaN during warm-up; adx starts `period - 1` bars after the others). */
export interface AdxValue {
  adx: number;
  plusDi: number;
  minusDi: number;
  dx: number;
}

/** Streaming {@link adx}: `update(high, low, close)` returns { adx, plusDi, minusDi, dx }, bit-identical to the batch function. */
export class Adx extends Stream<AdxValue> {
  readonly period: number;
  private n = 0;
  private ph = 0; // previous bar
  private pl = 0;
  private pc = 0;
  private pdm = 0;
  private mdm = 0;
  private tr = 0;
  private dxs = 0; // DX, kept through ~0 DI sums
  private adxs = 0; // ADX (the seed sum before 2*period - 1)
  private oAdx = NaN;
  private oPdi = NaN;
  private oMdi = NaN;
  private oDx = NaN;

  constructor(options?: number | AdxOptions) {
    const o = streamOptions('adx', options);
    super('adx', o, ['n', 'ph', 'pl', 'pc', 'pdm', 'mdm', 'tr', 'dxs', 'adxs', 'oAdx', 'oPdi', 'oMdi', 'oDx']);
    this.period = o.period!;
    this.start();
  }
  protected clear(): void {
    this.n = this.ph = this.pl = this.pc = this.pdm = this.mdm = this.tr = this.dxs = this.adxs = 0;
    this.oAdx = this.oPdi = this.oMdi = this.oDx = NaN;
  }
  /** Adds a new bar; returns { adx, plusDi, minusDi, dx }. */
  update(high: number, low: number, close: number): AdxValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['high', 'low', 'close'], [high, low, close]);
    this.save();
    this.step(high, low, close);
    return this.value;
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): AdxValue {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['high', 'low', 'close'], [high, low, close]);
    this.undo();
    this.step(high, low, close);
    return this.value;
  }
  get value(): AdxValue {
    return { adx: this.oAdx, plusDi: this.oPdi, minusDi: this.oMdi, dx: this.oDx };
  }
  /** True once adx has a value. */
  get ready(): boolean {
    return !Number.isNaN(this.oAdx);
  }

  private step(h: number, l: number, c: number): void {
    this.oAdx = this.oPdi = this.oMdi = this.oDx = NaN;
    if (isGap(h) || isGap(l) || isGap(c)) {
      this.n = this.pdm = this.mdm = this.tr = this.dxs = this.adxs = 0;
      return;
    }
    const i = this.n++;
    const up = h - this.ph;
    const down = this.pl - l;
    const pc = this.pc;
    this.ph = h;
    this.pl = l;
    this.pc = c;
    if (i === 0) return;
    // Wilder's rule: at most one of +DM / -DM is non-zero, and only if it is the larger move.
    const minus = down > 0 ? (up < down ? down : 0.0) : 0.0;
    const plus = up > 0 ? (up > down ? up : 0.0) : 0.0;
    const tr = trueRange(h, l, pc);
    const p = this.period;
    if (i < p) {
      this.pdm = this.pdm + plus;
      this.mdm = this.mdm + minus;
      this.tr = this.tr + tr;
      return;
    }
    this.pdm = this.pdm - this.pdm / p + plus;
    this.mdm = this.mdm - this.mdm / p + minus;
    this.tr = this.tr - this.tr / p + tr;
    const pdi = divOr(this.pdm, this.tr, 0.0) * 100.0;
    const mdi = divOr(this.mdm, this.tr, 0.0) * 100.0;
    const sum = mdi + pdi;
    const bad = labs(sum) < 1e-14;
    const raw = divOr(labs(mdi - pdi), sum, 0.0) * 100.0;
    if (!bad) this.dxs = raw;
    this.oPdi = pdi;
    this.oMdi = mdi;
    this.oDx = this.dxs;
    if (i < 2 * p - 1) {
      this.adxs = this.adxs + (bad ? 0.0 : raw);
    } else if (i === 2 * p - 1) {
      this.oAdx = this.adxs = (this.adxs + (bad ? 0.0 : raw)) / p;
    } else {
      if (!bad) this.adxs = (this.adxs * (p - 1) + raw) / p;
      this.oAdx = this.adxs;
    }
  }
}
