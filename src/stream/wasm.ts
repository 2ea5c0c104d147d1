// The generic streaming class: an indicator's C++ step (native-cpp/src/<name>.cpp,
// HEAN_STREAM) runs in the WASM engine with its state in linear memory; this class gives
// it the streaming API. Nothing here knows any indicator's arithmetic, so a streaming
// class is a constructor naming its indicator (see Ema below).
import { indicatorTable } from '../core/indicator.js';
import type { StreamApi } from '../wasm/engine.js';
import { wasmEngine } from '../wasm/load.js';
import type { VwapOptions } from '../indicators/vwap.js';
import { field } from '../core/guard.js';
import { candleOptions, copyOf, hasSettings } from '../indicators/candle.js';
import { CANDLE_SETTING_NAMES, DEFAULT_CANDLE_SETTINGS, settingsVector, type CandleSetting, type CandleSettingName, type RangeType } from '../patterns.js';
import { badInput, MAX_STREAM_WINDOW, readSnapshot, Stream, streamOptions, writeSnapshot, type StreamSnapshot } from './base.js';

/**
 * Snapshot layouts of an earlier hean that can't be resumed (their state meant something else),
 * by kind: the earlier state length and the error restore() gives for them.
 */
const RETIRED: Readonly<Record<string, { nState: number; why: string }>> = {
  mfi: {
    nState: 7,
    why: "hean.mfi.restore: this snapshot is from an older hean whose Mfi followed TA-Lib 0.6 (money flow split by the exact sign of the change); it cannot be resumed under TA-Lib 0.8's rules: start a new Mfi and warm it up",
  },
  // The regression sums now slide as TA-Lib 0.8.1's (state n, pos, out, then the sums and
  // the re-seed count); the earlier state (n, pos, out) has no sums to continue from.
  ...Object.fromEntries(
    (['linearreg', 'linearregIntercept', 'linearregSlope', 'linearregAngle', 'tsf'] as const).map((kind) => [
      kind,
      {
        nState: 3,
        why: `hean.${kind}.restore: this snapshot is from an older hean that summed each regression window afresh; this version slides the sums as TA-Lib 0.8.1 does, and the snapshot holds none to continue from: start a new instance and warm it up (period bars)`,
      },
    ]),
  ),
};

/**
 * Snapshot layouts of an earlier hean that restore by conversion, by kind: the earlier state
 * length and the state this version keeps for it (from the earlier state, the window and
 * the options). The snapshot is checked in its own layout first (lengths, checksum).
 */
const MIGRATED: Readonly<Record<string, { nState: number; state: (old: Float64Array, window: Float64Array, opts: Readonly<Record<string, number>>) => Float64Array }>> = {
  // Beta added s[18], the window's sum |x return| (native-cpp/src/beta.cpp re-sums the
  // co-moments when a departing x return outweighs it): summed over the x ring, oldest
  // (slot s[1]) first, as the step sums it afresh.
  beta: {
    nState: 18,
    state: (old, window, opts) => {
      const p = opts.period!;
      let a = 0;
      for (let k = 0, j = old[1]!; k < p; k++, j = j + 1 === p ? 0 : j + 1) a += Math.abs(window[j]!);
      const s = new Float64Array(19);
      s.set(old);
      s[18] = a;
      return s;
    },
  },
};

/** The layout tag of the C++ steps whose state layout differs from their earlier TypeScript class's. */
export const LAYOUT_CPP = 2;

// Instances live in linear memory: freed when their JS object is collected.
let freeing: FinalizationRegistry<number> | undefined;

/**
 * Base of the streaming classes whose step is the indicator's C++ code, compiled to WASM
 * (one output: `update(...)` returns the value). Subclasses add `update`/`replace` with
 * the indicator's inputs (CloseStream, HlcStream).
 */
export abstract class StepStream<V = number> extends Stream<V> {
  protected readonly t: number;
  protected readonly api: StreamApi;
  /**
   * update() and replace() of this instance: the indicator's own WASM exports (hean_su_<name>,
   * hean_sr_<name>: its step compiled in, no dispatch), or, for an instance that runs another
   * indicator's step (MA of a type) and for the hand-written classes, the generic exports of
   * the indicator's input count. Called with that many inputs, as f64 arguments: writing
   * them to a bar buffer in linear memory and passing only the instance was measured slower
   * on Node 20 (own export alone, median of 9 interleaved runs: atr 15.0 -> 16.1 ns, ema
   * 11.0 -> 12.0, macd 12.7 -> 13.4).
   */
  protected readonly up: (t: number, ...x: number[]) => number;
  protected readonly re: (t: number, ...x: number[]) => number;
  private readonly nState: number;
  private readonly nWindow: number;
  private readonly at: { state: number; window: number; out: number };
  /** Output names (for multi-output values). */
  private readonly names: readonly string[];
  /** Index of output 0 in the Float64Array over linear memory. */
  protected readonly outIndex: number;
  /** That Float64Array (renewed when memory grows). */
  private heap: Float64Array;
  /** This instance's outputs in linear memory, a view made once (renewed when memory grows). */
  private outView: Float64Array;
  /** The first output after the last step; value() wraps it. */
  protected v = NaN;

  /** Non-zero for a kind whose state layout replaced its earlier TypeScript class's (see writeSnapshot). */
  private readonly layout: number;

  /**
   * `layout`: 0 where the step keeps the earlier TypeScript class's state and window layout
   * (its snapshots restore), else a tag (LAYOUT_CPP) that salts the snapshot checksum so
   * restore() refuses the earlier layout's snapshots with a clear error.
   */
  /** Refuses options the streaming step does not implement (before any WASM state exists). */
  protected checkOptions(_o: Readonly<Record<string, number>>): void {}

  /**
   * `extra`: option numbers after the table's, for a step that reads more (a candle
   * pattern's 33 settings numbers, its StreamDef's n_extra).
   */
  protected constructor(kind: string, options: unknown, layout = 0, extra?: Float64Array) {
    const o = streamOptions(kind, options);
    super(kind, o, [], 0);
    this.checkOptions(o);
    const meta = indicatorTable().get(kind)!;
    const api = (this.api = wasmEngine().streamApi());
    if (!api.has(meta.id)) throw new Error(`hean: indicator '${kind}' has no streaming step in the WASM engine (stale build?)`);
    const table = meta.options.map((m) => o[m.name]!);
    const opts = Float64Array.from(extra ? [...table, ...extra] : table);
    const wlen = api.windowLen(meta.id, opts);
    if (!(wlen >= 0 && wlen <= MAX_STREAM_WINDOW)) {
      throw new RangeError(`hean.${kind}: the options need a window of ${wlen} values; a streaming instance holds at most ${MAX_STREAM_WINDOW}`);
    }
    this.names = meta.outputs;
    const t = api.create(meta.id, opts);
    if (t === 0) throw new RangeError(`hean.${kind}: out of memory for a streaming instance (WASM engine)`);
    this.t = t;
    const own = api.delegated(t) ? undefined : api.direct(kind);
    const n = Math.min(meta.required, 4) as 1 | 2 | 3 | 4;
    this.up = own?.update ?? api[`update${n}`];
    this.re = own?.replace ?? api[`replace${n}`];
    const l = api.layout(t);
    this.nState = l.nState;
    this.nWindow = wlen;
    this.at = l;
    this.outIndex = l.out >> 3;
    this.heap = api.heap();
    this.outView = this.heap.subarray(this.outIndex, this.outIndex + meta.outputs.length);
    this.layout = layout;
    (freeing ??= new FinalizationRegistry((p: number) => api.free(p))).register(this, t);
  }
  protected clear(): void {}

  get value(): V {
    return this.wrap(this.v);
  }
  get ready(): boolean {
    return !Number.isNaN(this.v);
  }
  /** The Float64Array over linear memory (renewed only after memory grew: the old view is then detached, and its elements read as undefined). */
  protected view(): Float64Array {
    const h = this.heap;
    return h[0] !== undefined ? h : (this.heap = this.api.heap());
  }
  /**
   * The outputs after the last step (multi-output update/replace read outputs 1.. there): a
   * view made once, renewed only after memory grew. Growth detaches the old view, and an
   * element of a detached view reads as undefined: that read is the test (cheaper in
   * optimised code than the view's length, ~2 ns of an update here).
   */
  protected outs(): Float64Array {
    const o = this.outView;
    return o[0] !== undefined ? o : (this.outView = this.view().subarray(this.outIndex, this.outIndex + this.names.length));
  }
  /** Output k (k >= 1; output 0 is `v`) after the last step, from linear memory. */
  protected output(k: number): number {
    return this.view()[this.outIndex + k]!;
  }
  /** The value from the first output (the others are read with output(k)). */
  protected wrap(first: number): V {
    if (this.names.length === 1) return first as V;
    const o: Record<string, number> = {};
    for (let k = 0; k < this.names.length; k++) o[this.names[k]!] = k === 0 ? first : this.output(k);
    return o as V;
  }
  override reset(): void {
    this.api.reset(this.t);
    this.v = this.api.heap()[this.at.out >> 3]!;
  }
  override snapshot(): StreamSnapshot {
    const h = this.api.heap();
    const s = this.at.state >> 3;
    const w = this.at.window >> 3;
    return writeSnapshot(this.kindName(), this.snapshotOptions(), h.subarray(s, s + this.nState), h.subarray(w, w + this.nWindow), this.layout);
  }
  override restore(snap: StreamSnapshot): void {
    let read: ReturnType<typeof readSnapshot>;
    try {
      read = readSnapshot(snap, this.kindName(), this.snapshotOptions(), this.nState, this.nWindow, this.layout);
    } catch (e) {
      // Kind and options matched (they are checked first): a retired or migrated layout's state length.
      const earlier = (n: number) => e instanceof RangeError && e.message.endsWith(` state must be an array of ${this.nState} numbers, got ${n}`);
      const r = RETIRED[this.kindName()];
      if (r && earlier(r.nState)) throw new RangeError(r.why);
      const m = MIGRATED[this.kindName()];
      if (!m || !earlier(m.nState)) throw e;
      const old = readSnapshot(snap, this.kindName(), this.snapshotOptions(), m.nState, this.nWindow, this.layout);
      read = { state: m.state(old.state, old.window, this.opts), window: old.window };
    }
    const { state, window } = read;
    const h = this.api.heap();
    h.set(state, this.at.state >> 3);
    h.set(window, this.at.window >> 3);
    this.api.restored(this.t);
    this.v = this.api.heap()[this.at.out >> 3]!;
  }
  /** The options a snapshot records (and restore() requires): the table's, and any the step adds. */
  protected snapshotOptions(): Readonly<Record<string, number>> {
    return this.opts;
  }
  private kindName(): string {
    return (this as unknown as { kind: string }).kind;
  }
}

/**
 * A C++-step stream over (high, low, close, volume) bars with an optional session id:
 * `update(high, low, close, volume, session?)`. The step is told whether the id was given
 * (the presence mask after the inputs), so an omitted id and a NaN one differ.
 */
export abstract class HlcvSessionStream extends StepStream<number> {
  /** Adds a new bar (with its session id, if sessions are used); returns the value (NaN during warm-up and on gaps). */
  update(high: number, low: number, close: number, volume: number, session?: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number' || (session !== undefined && typeof session !== 'number')) badInput(this.constructor.name, 'update', ['high', 'low', 'close', 'volume', 'session'], [high, low, close, volume, session], 1);
    return (this.v = session === undefined ? this.api.update(this.t, high, low, close, volume, NaN, 0) : this.api.update(this.t, high, low, close, volume, session, 1));
  }
  /** Revises the latest bar. */
  replace(high: number, low: number, close: number, volume: number, session?: number): number {
    if (typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' || typeof volume !== 'number' || (session !== undefined && typeof session !== 'number')) badInput(this.constructor.name, 'replace', ['high', 'low', 'close', 'volume', 'session'], [high, low, close, volume, session], 1);
    return (this.v = session === undefined ? this.api.replace(this.t, high, low, close, volume, NaN, 0) : this.api.replace(this.t, high, low, close, volume, session, 1));
  }
}

/** A C++-step stream over (open, high, low, close) bars: `update(open, high, low, close)`. */
export abstract class OhlcStream extends StepStream<number> {
  /** Adds a new bar; returns the value (NaN on gaps). */
  update(open: number, high: number, low: number, close: number): number {
    if (typeof open !== 'number' || typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'update', ['open', 'high', 'low', 'close'], [open, high, low, close]);
    return (this.v = this.up(this.t, open, high, low, close));
  }
  /** Revises the latest bar (the one still forming); returns the revised value. */
  replace(open: number, high: number, low: number, close: number): number {
    if (typeof open !== 'number' || typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number') badInput(this.constructor.name, 'replace', ['open', 'high', 'low', 'close'], [open, high, low, close]);
    return (this.v = this.re(this.t, open, high, low, close));
  }
}

/**
 * A candlestick pattern's stream (src/stream/candles.gen.ts): an OhlcStream whose options
 * also take `candleSettings`, checked as the pattern's cdl* function checks them (same
 * errors), so it equals the batch function called with the same settings bit for bit.
 * Snapshots record each setting field that differs from TA-Lib 0.8's default (as
 * `candleSettings.<name>.<field>`, rangeType by number: 0 realBody, 1 highLow, 2 shadows),
 * and restore() takes only a snapshot of the same settings.
 */
export abstract class PatternStream extends OhlcStream {
  /** The candle settings in force: TA-Lib 0.8's defaults with the given overrides. */
  readonly candleSettings: Readonly<Record<CandleSettingName, Readonly<CandleSetting>>>;
  private readonly settingsRecord: Readonly<Record<string, number>>;

  protected constructor(kind: string, options: unknown, penetration: boolean) {
    const split = PatternStream.split(kind, options, penetration);
    super(kind, split.rest, 0, split.vector);
    const v = split.vector;
    const types: RangeType[] = ['realBody', 'highLow', 'shadows'];
    const settings = {} as Record<CandleSettingName, CandleSetting>;
    const record: Record<string, number> = {};
    CANDLE_SETTING_NAMES.forEach((name, j) => {
      const d = DEFAULT_CANDLE_SETTINGS[name];
      settings[name] = Object.freeze({ rangeType: types[v[3 * j]!]!, avgPeriod: v[3 * j + 1]!, factor: v[3 * j + 2]! });
      if (v[3 * j] !== types.indexOf(d.rangeType)) record[`candleSettings.${name}.rangeType`] = v[3 * j]!;
      if (v[3 * j + 1] !== d.avgPeriod) record[`candleSettings.${name}.avgPeriod`] = v[3 * j + 1]!;
      if (!Object.is(v[3 * j + 2], d.factor)) record[`candleSettings.${name}.factor`] = v[3 * j + 2]!;
    });
    this.candleSettings = Object.freeze(settings);
    this.settingsRecord = record;
  }

  /** The options without `candleSettings` (for the table) and the settings' 33 numbers. */
  private static split(kind: string, options: unknown, penetration: boolean): { rest: unknown; vector: Float64Array } {
    if (!hasSettings(options)) return { rest: options, vector: settingsVector(undefined, `hean.${kind}`) };
    const o = candleOptions(`hean.${kind}`, penetration, copyOf(options, `hean.${kind}`));
    return { rest: o.penetration !== undefined ? { penetration: o.penetration } : undefined, vector: o.vector };
  }

  protected override snapshotOptions(): Readonly<Record<string, number>> {
    return { ...this.opts, ...this.settingsRecord };
  }
}

/**
 * Streaming {@link vwap}: `update(high, low, close, volume, session?)`, bit-identical to
 * the batch function (cumulative for `period: 0`, else rolling over `period` bars).
 *
 * `session` (optional, last argument of `update` and `replace`) is the bar's session id,
 * the batch function's `session` series one bar at a time: a new session, and so a fresh
 * VWAP, starts wherever it differs from the previous bar's id. Pass it on every bar or on
 * none (a bar without an id after one with an id starts a new session); ids are exempt
 * from the gap rule, and a NaN id starts a new session on its bar and the next.
 */
export class Vwap extends HlcvSessionStream {
  /** 0: cumulative since the session start; > 0: rolling window in bars. */
  readonly period: number;
  constructor(options?: number | Omit<VwapOptions, 'session'>) {
    if (options !== null && typeof options === 'object' && field(options, 'session', 'hean.Vwap: options') !== undefined) {
      throw new TypeError('hean.Vwap: pass the session id of each bar to update(), not a session series to the constructor');
    }
    super('vwap', options);
    this.period = this.opts.period!;
  }
}
