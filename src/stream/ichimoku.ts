import type { IchimokuOptions } from '../indicators/ichimoku.js';
import { isGap, streamOptions } from './base.js';
import { ExtremeStream } from './donchian.js';

/**
 * The latest Ichimoku lines (NaN during warm-up). There is no `chikou`: the batch
 * function's lagging span is the close `displacement` bars **ahead**, which a stream
 * can't know; it is simply the close, `displacement` bars later.
 */
export interface IchimokuValue {
  tenkan: number;
  kijun: number;
  /** `(tenkan + kijun) / 2` as of `displacement` bars ago: the cloud at this bar. */
  senkouA: number;
  /** The senkou window's midpoint as of `displacement` bars ago. */
  senkouB: number;
}

/**
 * Streaming {@link ichimoku}: `update(high, low, close)` returns { tenkan, kijun, senkouA,
 * senkouB }, bit-identical to the batch function's lines of the same names. The batch
 * function's `chikou` (the close `displacement` bars ahead) looks into the future and is
 * not streamed. The close only takes part in the gap rule (a non-finite close is a gap,
 * as in the batch function).
 */
export class Ichimoku extends ExtremeStream<IchimokuValue> {
  readonly tenkan: number;
  readonly kijun: number;
  readonly senkou: number;
  readonly displacement: number;
  private readonly kb: number; // window offsets: kijun deques, senkou deques, delay rings of A and B
  private readonly sb: number;
  private readonly ab: number;
  private n = 0;
  private thh = 0; // deques (max of high, min of low) per window: head slot, size
  private ths = 0;
  private tlh = 0;
  private tls = 0;
  private khh = 0;
  private khs = 0;
  private klh = 0;
  private kls = 0;
  private shh = 0;
  private shs = 0;
  private slh = 0;
  private sls = 0;
  private dpos = 0; // delay rings: slot of the value from `displacement` bars ago
  private t = NaN;
  private k = NaN;
  private a = NaN;
  private b = NaN;

  constructor(options?: number | IchimokuOptions) {
    const o = streamOptions('ichimoku', options);
    const pt = o.tenkan!;
    const pk = o.kijun!;
    const ps = o.senkou!;
    const d = o.displacement!;
    const fields = ['n', 'thh', 'ths', 'tlh', 'tls', 'khh', 'khs', 'klh', 'kls', 'shh', 'shs', 'slh', 'sls', 'dpos', 't', 'k', 'a', 'b'];
    super('ichimoku', o, fields, 4 * (pt + pk + ps) + 2 * d);
    this.tenkan = pt;
    this.kijun = pk;
    this.senkou = ps;
    this.displacement = d;
    this.kb = 4 * pt;
    this.sb = this.kb + 4 * pk;
    this.ab = this.sb + 4 * ps;
    this.start();
  }
  protected clear(): void {
    this.n = this.thh = this.ths = this.tlh = this.tls = this.khh = this.khs = this.klh = this.kls = 0;
    this.shh = this.shs = this.slh = this.sls = this.dpos = 0;
    this.t = this.k = this.a = this.b = NaN;
  }
  /** Adds a new bar; returns { tenkan, kijun, senkouA, senkouB }. */
  update(high: number, low: number, close: number): IchimokuValue {
    this.save();
    this.step(high, low, close);
    return { tenkan: this.t, kijun: this.k, senkouA: this.a, senkouB: this.b };
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number): IchimokuValue {
    this.undo();
    this.step(high, low, close);
    return { tenkan: this.t, kijun: this.k, senkouA: this.a, senkouB: this.b };
  }
  get value(): IchimokuValue {
    return { tenkan: this.t, kijun: this.k, senkouA: this.a, senkouB: this.b };
  }
  /** True once tenkan has a value. */
  get ready(): boolean {
    return !Number.isNaN(this.t);
  }

  /** The close takes part only in the gap rule, as in the batch function. */
  private step(h: number, l: number, c: number): void {
    if (isGap(h) || isGap(l) || isGap(c)) {
      this.n = this.ths = this.tls = this.khs = this.kls = this.shs = this.sls = this.dpos = 0;
      this.t = this.k = this.a = this.b = NaN;
      return;
    }
    const { tenkan: pt, kijun: pk, senkou: ps, displacement: d, kb, sb, ab } = this;
    const w = this.w;
    const i = this.n++;
    this.ths = this.qpush(0, pt, this.thh, this.ths, h, i, true);
    this.thh = this.qh;
    this.tls = this.qpush(2 * pt, pt, this.tlh, this.tls, l, i, false);
    this.tlh = this.qh;
    this.khs = this.qpush(kb, pk, this.khh, this.khs, h, i, true);
    this.khh = this.qh;
    this.kls = this.qpush(kb + 2 * pk, pk, this.klh, this.kls, l, i, false);
    this.klh = this.qh;
    this.shs = this.qpush(sb, ps, this.shh, this.shs, h, i, true);
    this.shh = this.qh;
    this.sls = this.qpush(sb + 2 * ps, ps, this.slh, this.sls, l, i, false);
    this.slh = this.qh;
    const t = i + 1 >= pt ? (w[this.thh]! + w[2 * pt + this.tlh]!) * 0.5 : NaN;
    const k = i + 1 >= pk ? (w[kb + this.khh]! + w[kb + 2 * pk + this.klh]!) * 0.5 : NaN;
    const a = i + 1 >= pt && i + 1 >= pk ? (t + k) * 0.5 : NaN;
    const b = i + 1 >= ps ? (w[sb + this.shh]! + w[sb + 2 * ps + this.slh]!) * 0.5 : NaN;
    this.t = t;
    this.k = k;
    if (d === 0) {
      this.a = a;
      this.b = b;
      return;
    }
    // The spans computed `displacement` bars ago belong to this bar.
    const s = this.dpos;
    this.a = i >= d ? w[ab + s]! : NaN;
    this.b = i >= d ? w[ab + d + s]! : NaN;
    this.put(ab + s, a);
    this.put(ab + d + s, b);
    this.dpos = s + 1 === d ? 0 : s + 1;
  }
}
