// Resident arrays: Float64Arrays that live in the WASM engine's linear memory, so a short
// indicator call reads and writes them in place (no copy in or out). No Node imports (the
// browser build bundles this file).
//
// Growing WebAssembly memory detaches every view of the old buffer (a view becomes
// length 0, its writes vanish), so the engine's memory does not grow while an arena is
// alive: the first arena reserves `headroom` bytes for the engine's own needs, then pins
// the memory (abi.cpp's sbrk refuses growth); a call needing more than is free throws a
// RangeError that says so, and the arrays stay valid. A freed arena's memory goes back to
// a pool for later arenas only, never to the engine's allocator, so a stale write into a
// freed array cannot corrupt the engine; indicator calls refuse freed arrays.
import { describe, f64Length, isF64 } from '../core/guard.js';

/** Marks a resident array; its value is the array's {@link ResidentTag}. */
export const RESIDENT: unique symbol = Symbol('hean.resident');

/** One arena's state, shared by its arrays (through their tags). */
interface ArenaState {
  /** False once freed. */
  live: boolean;
  /** Its arrays' tags (freeing marks each). */
  readonly tags: ResidentTag[];
}

/** What a resident array carries under {@link RESIDENT}: flat, so a call's check is two loads. */
interface ResidentTag {
  /** The engine whose memory holds the array (a resident array of another engine is an ordinary array). */
  readonly engine: object;
  /** Element index of the array's first element in linear memory (a Float64Array over all of it); -2 once freed. */
  at: number;
  /** The array's length (fixed: its memory is pinned while the arena lives). */
  readonly n: number;
  readonly arena: ArenaState;
}

type Tagged = Float64Array & { readonly [RESIDENT]?: ResidentTag };

/**
 * Where `a` lies in `engine`'s linear memory (element index) when it is a resident array of
 * that engine; -1 for any other array; -2 for one whose arena was freed.
 */
export function residentAt(engine: object, a: Float64Array): number {
  const t = (a as Tagged)[RESIDENT];
  return t === undefined || t.engine !== engine ? -1 : t.at;
}

/**
 * The length of `x` when it is a real Float64Array, else -1; runs no caller code. A resident
 * array's comes from its tag (two loads, where the intrinsic getters behind isF64 and
 * f64Length are two builtin calls V8 does not inline: ~5 ns an array on a 64-bar call).
 */
export function f64LengthOf(x: unknown): number {
  if (!ArrayBuffer.isView(x)) return -1;
  const t = (x as Tagged)[RESIDENT];
  if (t !== undefined && t.at >= 0) return t.n; // (a freed one may be detached: measured below)
  return isF64(x) ? f64Length(x) : -1;
}

/**
 * {@link f64LengthOf} where `known` is an array an earlier call found to be a real
 * Float64Array, or undefined (none yet): `x` being that array skips the kind test (a builtin call V8 does not
 * inline, ~4 ns; an object's typed-array kind never changes). Runs no caller code.
 */
export function f64LengthKnown(x: unknown, known: unknown): number {
  if (x !== known || known === undefined) return f64LengthOf(x);
  const t = (x as Tagged)[RESIDENT];
  if (t !== undefined && t.at >= 0) return t.n;
  return f64Length(x as Float64Array);
}

/** True for a Float64Array that is a resident array whose arena was freed (any engine's). */
export function freed(a: Float64Array): boolean {
  const t = (a as Tagged)[RESIDENT];
  return t !== undefined && t.at === -2;
}

/** {@link freed} of any value; runs no caller code (a proxy or getter is not read). */
export function isFreedResident(x: unknown): boolean {
  return isF64(x) && freed(x);
}

/** The TypeError for a freed resident array passed as `what`. */
export function freedError(what: string): TypeError {
  return new TypeError(`${what} is a resident array whose arena was freed (wasmArena(...).free()); allocate a new one`);
}

/** Options of {@link wasmArena}. */
export interface WasmArenaOptions {
  /**
   * Bytes of engine memory kept free for the engine's own use while arenas are alive
   * (copies of non-resident series, kernel buffers, streaming instances), reserved when the
   * first live arena opens: the memory cannot grow after that. Default 64 MiB (untouched
   * pages cost address space, not RAM). Ignored while another arena is alive.
   */
  headroom?: number;
}

/**
 * A block of the WASM engine's linear memory that hands out Float64Arrays living there
 * ("resident" arrays). Pass them to indicator calls as inputs or `out`: a call on a short
 * series (the WASM engine's) reads and writes them in place, with no copy in or out. Any
 * other use of a Float64Array works on them too.
 */
export interface WasmArena {
  /**
   * A zeroed Float64Array of `n` elements in this arena. Its `.subarray()`, `.slice()` and
   * `.map()` results are ordinary arrays (accepted by calls, copied like any other).
   * @throws RangeError when the arena has fewer than `n` elements left; TypeError when
   *   `n` is not a number; Error after {@link WasmArena.free}.
   */
  array(n: number): Float64Array;
  /** Elements this arena holds. */
  readonly capacity: number;
  /** Elements handed out so far. */
  readonly used: number;
  /** False once freed. */
  readonly live: boolean;
  /**
   * Gives the arena back. Its arrays must not be used after this: indicator calls refuse
   * them (TypeError), and the memory goes to later arenas (so writing into a freed array
   * can change a later arena's arrays, never the engine's state or results). When no arena
   * is left alive, the engine's memory may grow again. Calling it twice does nothing. (An
   * arena that is no longer referenced, nor any of its arrays, is freed when collected.)
   */
  free(): void;
}

/** The engine side of an arena (src/wasm/engine.ts). */
export interface ArenaHost {
  /** Byte address of a block of `bytes` (8-aligned) for an arena, reserving `headroom` and pinning memory if none is alive; throws RangeError when there is no room. */
  openArena(bytes: number, headroom: number): number;
  /** Returns a block (to the arena pool) and unpins when it was the last. */
  closeArena(at: number, bytes: number): void;
  /** The current Float64Array over all of linear memory. */
  heapView(): Float64Array;
}

/** Default {@link WasmArenaOptions.headroom}. */
export const DEFAULT_HEADROOM = 64 * 1024 * 1024;
const MAX_DOUBLES = 2 ** 28; // 2 GiB: at most half of wasm32's 4 GiB

function count(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number') throw new TypeError(`${what} must be a number, got ${describe(v)}`);
  if (!(Number.isInteger(v) && v >= min && v <= max)) throw new RangeError(`${what} must be an integer in [${min}, ${max}], got ${v}`);
  return v;
}

// An arena neither referenced nor holding a referenced array is freed when collected (its
// state is what the arena and its arrays' tags share), so a forgotten arena does not pin the
// memory for ever; free() is still the way to unpin it at a known time.
const collected = new FinalizationRegistry<{ host: ArenaHost; base: number; bytes: number }>((b) => b.host.closeArena(b.base, b.bytes));

/** Opens an arena of `capacity` doubles on `host` (hean.wasmArena's body). */
export function openArena(host: ArenaHost, capacity: unknown, options: unknown, fn: string): WasmArena {
  const cap = count(capacity, `${fn}: capacity`, 1, MAX_DOUBLES);
  let headroom = DEFAULT_HEADROOM;
  if (options !== undefined) {
    if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
    let h: unknown;
    try {
      h = (options as WasmArenaOptions).headroom;
    } catch (e) {
      throw new TypeError(`${fn}: reading option 'headroom' threw`, { cause: e });
    }
    if (h !== undefined) headroom = count(h, `${fn}: option 'headroom'`, 0, 2 ** 31);
  }
  const bytes = 8 * cap;
  const base = host.openArena(bytes, headroom);
  const state: ArenaState = { live: true, tags: [] };
  collected.register(state, { host, base, bytes }, state);
  let used = 0;
  const arena: WasmArena = {
    array(n: unknown): Float64Array {
      if (!state.live) throw new Error(`${fn}: this arena was freed`);
      const len = count(n, `${fn}: array length`, 0, MAX_DOUBLES);
      if (len > cap - used) throw new RangeError(`${fn}: the arena has ${cap - used} of its ${cap} elements left, asked for ${len}; open a larger arena`);
      const at = (base >>> 3) + used;
      const h = host.heapView();
      const a = new Float64Array(h.buffer, 8 * at, len);
      a.fill(0);
      // Non-enumerable and read-only: invisible to keys, JSON and spreads.
      const tag: ResidentTag = { engine: host, at, n: len, arena: state };
      state.tags.push(tag);
      Object.defineProperty(a, RESIDENT, { value: tag });
      used += len;
      return a;
    },
    get capacity() {
      return cap;
    },
    get used() {
      return used;
    },
    get live() {
      return state.live;
    },
    free(): void {
      if (!state.live) return;
      state.live = false;
      for (const t of state.tags) t.at = -2;
      collected.unregister(state);
      host.closeArena(base, bytes);
    },
  };
  return arena;
}
