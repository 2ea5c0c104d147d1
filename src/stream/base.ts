// Shared machinery of the streaming classes. A class keeps its state in numbered slots of
// a Float64Array (and window values in a ring), so save/undo for `replace`, `reset`,
// `snapshot` and `restore` are generic and allocation-free. Every class mirrors its C++
// kernel's arithmetic operation for operation, so streamed values equal batch values bit
// for bit, gaps included: a non-finite input is a gap, outputs NaN and restarts the run.

/**
 * A number of a snapshot, JSON-safe and exact: NaN is `null`, ±Infinity and -0 are the
 * strings `'Infinity'`, `'-Infinity'` and `'-0'` (JSON would turn them into null and 0).
 */
export type SnapshotNumber = number | null | 'Infinity' | '-Infinity' | '-0';

/**
 * A serialisable copy of a streaming indicator's state: JSON-safe and exact (see
 * {@link SnapshotNumber}), with a checksum over everything else, so a snapshot damaged in
 * storage or transit is refused by `restore` rather than resumed from.
 */
export interface StreamSnapshot {
  readonly kind: string;
  readonly version: 1;
  readonly options: Readonly<Record<string, number>>;
  readonly state: readonly SnapshotNumber[];
  readonly window: readonly SnapshotNumber[];
  /** FNV-1a (32-bit) of kind, version, options, state and window. */
  readonly checksum: number;
}

import { cpp, indicatorTable, optionAliases, parseOptions } from '../core/indicator.js';
import { describe, field, isArray, keysOf, reading } from '../core/guard.js';

const MAX_UNDO = 8;

/**
 * Most window values a streaming instance keeps (16,777,216, 128 MiB). The batch functions
 * accept periods up to 1e9 (their scratch is bounded by the input); a stream allocates its
 * whole window up front, so a larger one is a RangeError instead of a slow death by memory.
 */
export const MAX_STREAM_WINDOW = 2 ** 24;

function encodeNumber(v: number): SnapshotNumber {
  if (v !== v) return null;
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0 && 1 / v < 0) return '-0';
  return v;
}

function decodeNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === null) return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === '-0') return -0;
  return undefined;
}

const hashBuf = new Float64Array(1);
const hashBytes = new Uint8Array(hashBuf.buffer);

/** FNV-1a over a snapshot's contents (numbers by their bits, NaN canonical). */
function checksumOf(kind: string, version: number, options: readonly [string, number][], state: ArrayLike<number>, window: ArrayLike<number>, layout = 0): number {
  let h = 0x811c9dc5;
  const str = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i) & 0xff;
      h = Math.imul(h, 0x01000193);
      h ^= s.charCodeAt(i) >>> 8;
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  };
  const num = (x: number) => {
    hashBuf[0] = x !== x ? NaN : x;
    for (let i = 0; i < 8; i++) {
      h ^= hashBytes[i]!;
      h = Math.imul(h, 0x01000193);
    }
  };
  str(kind);
  num(version);
  for (const [k, v] of options) {
    str(k);
    num(v);
  }
  num(state.length);
  for (let i = 0; i < state.length; i++) num(state[i]!);
  num(window.length);
  for (let i = 0; i < window.length; i++) num(window[i]!);
  // A state layout that replaced an earlier one of the same size (see writeSnapshot).
  if (layout !== 0) {
    str('layout');
    num(layout);
  }
  return h >>> 0;
}

/** Throws hean's TypeError for a non-number argument of update()/replace() (it would corrupt the state). */
export function badInput(kind: string, method: string, names: readonly string[], values: readonly unknown[], optional = 0): never {
  for (let i = 0; i < names.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' && !(i >= names.length - optional && v === undefined)) {
      throw new TypeError(`hean.${kind}.${method}: ${names[i]} must be a number, got ${describe(v)}`);
    }
  }
  throw new TypeError(`hean.${kind}.${method}: arguments must be numbers`);
}

/** True for NaN and ±Infinity (and anything that is not a number): the gap rule of the batch kernels. */
export function isGap(x: number): boolean {
  return typeof x !== 'number' || !(x - x === 0);
}

interface Ops {
  save(this: object): void;
  undo(this: object): void;
}
const opsByKind = new Map<string, Ops>();

// save/undo copy the state fields to and from shadow fields. They are generated once per
// kind from its field list and held by each instance, so the `this.save()` call in a
// class's update() always sees the same function and V8 inlines it, however many other
// kinds the process uses (a shared method calling per-kind code would go megamorphic).
// Plain own properties keep update() at a few ns, where a typed-array state or a generic
// loop costs 3-5x more.
function opsFor(kind: string, fields: readonly string[], resets: readonly string[]): Ops {
  const key = `${kind}\u0000${fields.join(',')}\u0000${resets.join(',')}`;
  let ops = opsByKind.get(key);
  if (!ops) {
    for (const f of [...fields, ...resets]) if (!/^[a-zA-Z]\w*$/.test(f)) throw new Error(`bad state field ${f}`);
    const zero = resets.map((f) => `this.${f} = 0;`).join(' ');
    ops = {
      save: new Function(`${fields.map((f) => `this._${f} = this.${f};`).join(' ')} ${zero} this.undoN = 0; this.updated = true;`) as Ops['save'],
      undo: new Function(fields.map((f) => `this.${f} = this._${f};`).join(' ')) as Ops['undo'],
    };
    opsByKind.set(key, ops);
  }
  return ops;
}

/**
 * Base class of every streaming indicator (`Ema`, `Macd`, …): `update` adds a bar,
 * `replace` revises the forming one, `value` / `ready` read the result, `reset` forgets,
 * `snapshot` / `restore` move the exact state. `V` is the value type (a number, or an
 * object for multi-output indicators).
 */
export abstract class Stream<V> {
  /** Window values (rings), if the indicator has any; written through put(). */
  protected readonly w: Float64Array;
  private readonly undoAt = new Int32Array(MAX_UNDO);
  private readonly undoOld = new Float64Array(MAX_UNDO);
  private undoN = 0;
  private updated = false;
  /** Call first in update(): remembers the state so replace() can revise this bar. */
  protected readonly save: () => void;
  private readonly restoreFields: () => void;

  protected constructor(
    private readonly kind: string,
    protected readonly opts: Readonly<Record<string, number>>,
    private readonly fields: readonly string[],
    windowSize = 0,
    /** Counters a subclass zeroes on every save (its own undo records). */
    resets: readonly string[] = [],
  ) {
    if (new.target === Stream) throw new TypeError('hean.Stream: abstract; construct one of the streaming classes (Sma, Ema, …)');
    if (!(windowSize >= 0 && windowSize <= MAX_STREAM_WINDOW) || !Number.isInteger(windowSize)) {
      throw new RangeError(`hean.${kind}: the options need a window of ${windowSize} values; a streaming instance holds at most ${MAX_STREAM_WINDOW}`);
    }
    this.w = new Float64Array(windowSize);
    const ops = opsFor(kind, fields, resets);
    this.save = ops.save;
    this.restoreFields = ops.undo;
  }

  /** Sets the initial state (every field in `fields`). */
  protected abstract clear(): void;

  /** Subclass constructors end with this. */
  protected start(): void {
    this.clear();
    this.save();
    this.updated = false;
  }

  /** Call first in replace(): returns to the state before the last update. */
  protected undo(): void {
    if (!this.updated) return this.save();
    this.restoreFields();
    for (let k = this.undoN - 1; k >= 0; k--) this.w[this.undoAt[k]!] = this.undoOld[k]!;
    this.undoN = 0;
  }

  /** Writes a window slot, remembering the old value for undo(). */
  protected put(i: number, x: number): void {
    const n = this.undoN++;
    this.undoAt[n] = i;
    this.undoOld[n] = this.w[i]!;
    this.w[i] = x;
  }

  /** The latest output (NaN, or an object of NaNs, during warm-up and on gaps). */
  abstract get value(): V;
  /** True once the latest output is a value (not warm-up, not a gap). */
  abstract get ready(): boolean;

  /** Forgets everything, as if newly constructed. */
  reset(): void {
    this.w.fill(0);
    this.start();
    this.undoN = 0;
  }

  /** A JSON-safe, exact, checksummed copy of the state; `restore` on an instance with the same options resumes it. */
  snapshot(): StreamSnapshot {
    const self = this as unknown as Record<string, number>;
    return writeSnapshot(this.kind, this.opts, this.fields.map((f) => self[f]!), this.w);
  }

  /**
   * Restores a snapshot from `snapshot()` (of an instance of the same class and options).
   * A snapshot of another kind, version or options, or a truncated, altered or damaged one
   * (checksum mismatch), throws a TypeError or RangeError and leaves this instance unchanged.
   */
  restore(snap: StreamSnapshot): void {
    const { state, window: w } = readSnapshot(snap, this.kind, this.opts, this.fields.length, this.w.length);
    const self = this as unknown as Record<string, number>;
    this.fields.forEach((f, i) => (self[f] = state[i]!));
    this.w.set(w);
    this.save();
    this.updated = false;
  }
}

/**
 * The snapshot of an instance of `kind` with `opts` whose state and window are these.
 * `layout` (non-zero) marks a state layout that replaced an earlier one of the kind: it
 * salts the checksum (the snapshot's shape is unchanged), so readSnapshot tells a snapshot
 * of the earlier layout from this one even where the sizes happen to agree.
 */
export function writeSnapshot(kind: string, opts: Readonly<Record<string, number>>, state: ArrayLike<number>, window: ArrayLike<number>, layout = 0): StreamSnapshot {
  return {
    kind,
    version: 1,
    options: { ...opts },
    state: Array.from(state, encodeNumber),
    window: Array.from(window, encodeNumber),
    checksum: checksumOf(kind, 1, Object.entries(opts), state, window, layout),
  };
}

/**
 * Checks a snapshot against an instance of `kind` with `opts`, `nState` state values and
 * `nWindow` window values (kind, version, options, lengths, every number, checksum) and
 * returns its decoded state and window; throws hean's TypeError or RangeError otherwise.
 */
export function readSnapshot(snap: StreamSnapshot, kind: string, opts: Readonly<Record<string, number>>, nState: number, nWindow: number, layout = 0): { state: Float64Array; window: Float64Array } {
    const where = `hean.${kind}.restore`;
    if (snap === null || typeof snap !== 'object' || isArray(snap, where)) throw new TypeError(`${where}: expected a snapshot object, got ${describe(snap)}`);
    const snapKind = field(snap, 'kind', where);
    if (snapKind !== kind) throw new TypeError(`${where}: snapshot is of ${typeof snapKind === 'string' ? snapKind : describe(snapKind)}, not ${kind}`);
    const version = field(snap, 'version', where);
    if (version !== 1) throw new RangeError(`${where}: unsupported snapshot version ${describe(version)} (this hean reads version 1)`);
    const options = field(snap, 'options', where);
    if (options === null || typeof options !== 'object' || isArray(options, `${where}: options`)) throw new RangeError(`${where}: snapshot options must be an object`);
    const optionKeys = keysOf(options, `${where}: options`);
    const own = Object.entries(opts);
    if (optionKeys.length !== own.length) throw new RangeError(`${where}: snapshot has options ${optionKeys.join(', ')}; this instance ${own.map(([k]) => k).join(', ')}`);
    // A snapshot written under an option's deprecated name (0.1's stddev `nbDev`) names it so in its checksum too.
    const aliases = Object.entries(optionAliases(kind));
    const named = own.map(([k, v]): [string, number] => [optionKeys.includes(k) ? k : (aliases.find(([old, to]) => to === k && optionKeys.includes(old))?.[0] ?? k), v]);
    for (const [k, v] of named) {
      const o = field(options, k, `${where}: options`);
      if (o !== v) throw new RangeError(`${where}: snapshot has ${k}=${describe(o)}, this instance ${k}=${v}`);
    }
    const dec = (a: unknown, n: number, what: string): Float64Array => {
      if (!isArray(a, `${where}: ${what}`)) throw new RangeError(`${where}: ${what} must be an array of ${n} numbers, got ${describe(a)}`);
      const len = reading(`${where}: ${what}`, () => a.length);
      if (len !== n) throw new RangeError(`${where}: ${what} must be an array of ${n} numbers, got ${len}`);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = decodeNumber(reading(`${where}: ${what}[${i}]`, () => a[i]));
        if (x === undefined) throw new TypeError(`${where}: ${what}[${i}] is not a number (or null, 'Infinity', '-Infinity', '-0')`);
        out[i] = x;
      }
      return out;
    };
    if (layout !== 0) {
      // A snapshot of the layout this one replaced: intact (its unsalted checksum holds) but
      // not resumable; say so rather than "damaged".
      const any = (a: unknown): number[] | undefined => {
        if (!isArray(a, where)) return undefined;
        const out: number[] = [];
        for (let i = 0, n = reading(where, () => a.length); i < n; i++) {
          const x = decodeNumber(reading(where, () => a[i]));
          if (x === undefined) return undefined;
          out.push(x);
        }
        return out;
      };
      const st = any(field(snap, 'state', where));
      const wi = any(field(snap, 'window', where));
      if (st && wi && field(snap, 'checksum', where) === checksumOf(kind, 1, named, st, wi)) {
        throw new RangeError(`${where}: the snapshot holds the state of hean's earlier TypeScript ${kind} stream, a layout this version doesn't read; rebuild the stream by replaying the bars`);
      }
    }
    const state = dec(field(snap, 'state', where), nState, 'state');
    const w = dec(field(snap, 'window', where), nWindow, 'window');
    const checksum = field(snap, 'checksum', where);
    if (typeof checksum !== 'number') throw new RangeError(`${where}: snapshot has no checksum`);
    if (checksum !== checksumOf(kind, 1, named, state, w, layout)) throw new RangeError(`${where}: checksum mismatch: the snapshot is damaged or was altered`);
    return { state, window: w };
}

/** Parses and validates streaming options exactly as the batch function does (same table, same errors). */
export function streamOptions(name: string, arg: unknown): Record<string, number> {
  const meta = indicatorTable().get(name);
  if (!meta) throw new Error(`hean: indicator '${name}' is missing from the native engine (stale build?)`);
  const opts = parseOptions(meta, arg, `hean.${name}`).opts;
  cpp().lookback(meta.id, opts, 0); // validates ranges, throwing the batch function's RangeError
  const named: Record<string, number> = {};
  meta.options.forEach((o, k) => (named[o.name] = opts[k]!));
  return named;
}
