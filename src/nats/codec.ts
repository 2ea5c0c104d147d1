// The risk service's binary wire format (little-endian, version 2). One request holds
// segments; a segment is one engine operation over n records in columns, so the service
// hands the columns to the engine's batch calls as typed-array views, with no per-order
// parsing. Every segment starts 8-byte aligned relative to the message start.
//
// request  = u8 version, u8 0, u16 segments, u32 0, segment*
// segment  = u8 op, u8 0, u16 strategyBytes, u32 n, f64 now,
//            u16 keys, u16 0, u32 keyBytes, strategy utf8, (u16 len, utf8)*keys, pad8, body
// bodies   = CHECK/SUBMIT: f64 ids[n], f64 prices[n], f64 qtys[n], u32 instruments[n], u8 sides[n], u8 flags[n], pad8
//            FILL: f64[5n] (clientId, qty, price, fee, ts per record)
//            CANCEL/REJECT: f64[2n] (clientId, ts)
//            MARK: f64 prices[n], f64 ts[n], u32 instruments[n], pad8
//            TICK: f64 ts[n];   CHECK_CANCEL: f64 ids[n]
// An instrument value with bit 31 set is index (value & 0x7fffffff) into the segment's keys.
// reply    = u8 version, u8 0, u16 0, u32 n, u8 codes[n], pad4, u32 messages, (u32 index, u32 len, utf8)*
// Codes are reason codes for CHECK/SUBMIT/CHECK_CANCEL, and 0 (done) or ERROR for the others.

import { OrderFlag } from '../trading/codes.js';

/** Wire format version (2: order flags in the engine's OrderFlag layout). */
export const WIRE_VERSION = 2;

/** Segment operations. */
export const Op = Object.freeze({ CHECK: 0, SUBMIT: 1, FILL: 2, CANCEL: 3, REJECT: 4, MARK: 5, TICK: 6, CHECK_CANCEL: 7 });

/** Reply code of a fill/cancel/mark/tick record that threw (its message says why). */
export const CODE_ERROR = 255;

/** Wire order flags: the engine's one layout (`OrderFlag`, generated from the Rust enum); the Sell bit agrees with the side. */
export const FLAG_REDUCE_ONLY: number = OrderFlag.ReduceOnly;
/** Wire order flag of a market order. */
export const FLAG_MARKET: number = OrderFlag.Market;
/** Wire order flag of a sell. */
export const FLAG_SELL: number = OrderFlag.Sell;

/** Bit 31 of an instrument value: the rest indexes the segment's instrument keys. */
export const KEY_BIT = 0x80000000;

const SEG_HEADER = 24;
const pad8 = (x: number) => (x + 7) & ~7;

/** Bytes of a segment's body per op. */
export function bodyBytes(op: number, n: number): number {
  switch (op) {
    case Op.CHECK:
    case Op.SUBMIT:
      return pad8(n * 30);
    case Op.FILL:
      return n * 40;
    case Op.CANCEL:
    case Op.REJECT:
      return n * 16;
    case Op.MARK:
      return pad8(n * 20);
    case Op.TICK:
    case Op.CHECK_CANCEL:
      return n * 8;
    default:
      return -1;
  }
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** One decoded segment: views into the (aligned) request buffer. */
export interface Segment {
  op: number;
  n: number;
  now: number;
  strategy: string | undefined;
  keys: string[];
  /** Byte offset of the body in the buffer. */
  body: number;
}

/** The reason a request is refused as a whole (a 400 reply). */
export class WireError extends Error {
  /** Service error code for the reply header. */
  readonly code: number;
  constructor(message: string, code = 400) {
    super(message);
    this.code = code;
  }
}

/**
 * Parses and bounds-checks a request held in `buf[0, len)` (8-byte aligned). Allowed ops
 * are a bit mask. Throws WireError for anything malformed; reads nothing out of bounds.
 */
export function parseRequest(buf: Uint8Array, len: number, allowed: number, maxRecords: number): Segment[] {
  if (len < 8) throw new WireError(`request of ${len} bytes is shorter than the 8-byte header`);
  const dv = new DataView(buf.buffer, buf.byteOffset, len);
  if (buf[0] !== WIRE_VERSION) throw new WireError(`wire version ${buf[0]} is not ${WIRE_VERSION}`);
  const count = dv.getUint16(2, true);
  const segs: Segment[] = [];
  let off = 8;
  let records = 0;
  for (let s = 0; s < count; s++) {
    if (off + SEG_HEADER > len) throw new WireError(`segment ${s} header runs past the end (${len} bytes)`);
    const op = buf[off]!;
    const sLen = dv.getUint16(off + 2, true);
    const n = dv.getUint32(off + 4, true);
    const now = dv.getFloat64(off + 8, true);
    const nKeys = dv.getUint16(off + 16, true);
    const keyBytes = dv.getUint32(off + 20, true);
    if (op > 7 || ((allowed >>> op) & 1) === 0) throw new WireError(`segment ${s}: op ${op} is not allowed on this endpoint`);
    records += n;
    if (records > maxRecords) throw new WireError(`request holds more than ${maxRecords} records`, 413);
    let p = off + SEG_HEADER;
    if (p + sLen + keyBytes > len) throw new WireError(`segment ${s}: strategy and keys run past the end`);
    let strategy: string | undefined;
    try {
      strategy = sLen ? fromUtf8.decode(buf.subarray(p, p + sLen)) : undefined;
    } catch {
      throw new WireError(`segment ${s}: strategy is not UTF-8`);
    }
    p += sLen;
    const keyEnd = p + keyBytes;
    const keys: string[] = [];
    for (let k = 0; k < nKeys; k++) {
      if (p + 2 > keyEnd) throw new WireError(`segment ${s}: key ${k} runs past the key table`);
      const kl = dv.getUint16(p, true);
      if (p + 2 + kl > keyEnd) throw new WireError(`segment ${s}: key ${k} runs past the key table`);
      try {
        keys.push(fromUtf8.decode(buf.subarray(p + 2, p + 2 + kl)));
      } catch {
        throw new WireError(`segment ${s}: key ${k} is not UTF-8`);
      }
      p += 2 + kl;
    }
    if (p !== keyEnd) throw new WireError(`segment ${s}: key table size does not match its keys`);
    const body = pad8(keyEnd);
    const end = body + bodyBytes(op, n);
    if (end > len) throw new WireError(`segment ${s}: ${n} records need ${end} bytes, the request has ${len}`);
    segs.push({ op, n, now, strategy, keys, body });
    off = end;
  }
  if (off !== len) throw new WireError(`request has ${len - off} trailing bytes`);
  return segs;
}

/** Typed-array columns of one CHECK/SUBMIT segment body. */
export function orderColumns(buf: Uint8Array, seg: Segment): { ids: Float64Array; prices: Float64Array; qtys: Float64Array; instruments: Uint32Array; sides: Uint8Array; flags: Uint8Array } {
  const { n, body } = seg;
  const ab = buf.buffer;
  const o = buf.byteOffset + body;
  return {
    ids: new Float64Array(ab, o, n),
    prices: new Float64Array(ab, o + 8 * n, n),
    qtys: new Float64Array(ab, o + 16 * n, n),
    instruments: new Uint32Array(ab, o + 24 * n, n),
    sides: new Uint8Array(ab, o + 28 * n, n),
    flags: new Uint8Array(ab, o + 29 * n, n),
  };
}

/** A segment being written by the client. */
export interface OutSegment {
  op: number;
  now: number;
  strategy: string | undefined;
  keys: string[];
  n: number;
  /** Writes the body at byte offset `at` (8-aligned) of `dv`. */
  write(dv: DataView, u8: Uint8Array, at: number): void;
}

/** Encodes segments into one request. */
export function encodeRequest(segs: readonly OutSegment[]): Uint8Array {
  const strat = segs.map((s) => (s.strategy === undefined ? new Uint8Array(0) : utf8.encode(s.strategy)));
  const keys = segs.map((s) => s.keys.map((k) => utf8.encode(k)));
  let len = 8;
  for (let i = 0; i < segs.length; i++) {
    const kb = keys[i]!.reduce((a, k) => a + 2 + k.length, 0);
    len = pad8(len + SEG_HEADER + strat[i]!.length + kb) + bodyBytes(segs[i]!.op, segs[i]!.n);
  }
  const u8 = new Uint8Array(len);
  const dv = new DataView(u8.buffer);
  u8[0] = WIRE_VERSION;
  dv.setUint16(2, segs.length, true);
  let off = 8;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const sb = strat[i]!;
    if (sb.length > 0xffff) throw new RangeError(`hean: strategy tag is longer than 65535 bytes`);
    if (keys[i]!.length > 0xffff) throw new RangeError('hean: more than 65535 instrument keys in one tick');
    const kb = keys[i]!.reduce((a, k) => a + 2 + k.length, 0);
    u8[off] = s.op;
    dv.setUint16(off + 2, sb.length, true);
    dv.setUint32(off + 4, s.n, true);
    dv.setFloat64(off + 8, s.now, true);
    dv.setUint16(off + 16, keys[i]!.length, true);
    dv.setUint32(off + 20, kb, true);
    let p = off + SEG_HEADER;
    u8.set(sb, p);
    p += sb.length;
    for (const k of keys[i]!) {
      if (k.length > 0xffff) throw new RangeError('hean: instrument key is longer than 65535 bytes');
      dv.setUint16(p, k.length, true);
      u8.set(k, p + 2);
      p += 2 + k.length;
    }
    const body = pad8(p);
    s.write(dv, u8, body);
    off = body + bodyBytes(s.op, s.n);
  }
  return u8;
}

/** Builds a reply: codes plus messages for some records. */
export function encodeReply(codes: Uint8Array, n: number, messages: readonly [number, string][]): Uint8Array {
  const enc = messages.map(([i, m]) => [i, utf8.encode(m)] as const);
  const head = (8 + n + 3) & ~3;
  const len = head + 4 + enc.reduce((a, [, m]) => a + 8 + m.length, 0);
  const u8 = new Uint8Array(len);
  const dv = new DataView(u8.buffer);
  u8[0] = WIRE_VERSION;
  dv.setUint32(4, n, true);
  u8.set(codes.subarray(0, n), 8);
  dv.setUint32(head, enc.length, true);
  let p = head + 4;
  for (const [i, m] of enc) {
    dv.setUint32(p, i, true);
    dv.setUint32(p + 4, m.length, true);
    u8.set(m, p + 8);
    p += 8 + m.length;
  }
  return u8;
}

/** Decodes a reply into codes and a sparse message map. */
export function decodeReply(u8: Uint8Array): { codes: Uint8Array; messages: Map<number, string> } {
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (u8.byteLength < 8 || u8[0] !== WIRE_VERSION) throw new Error(`hean: malformed reply from the risk service (${u8.byteLength} bytes)`);
  const n = dv.getUint32(4, true);
  const head = (8 + n + 3) & ~3;
  const codes = u8.subarray(8, 8 + n);
  const messages = new Map<number, string>();
  const m = dv.getUint32(head, true);
  let p = head + 4;
  for (let k = 0; k < m; k++) {
    const i = dv.getUint32(p, true);
    const l = dv.getUint32(p + 4, true);
    messages.set(i, fromUtf8.decode(u8.subarray(p + 8, p + 8 + l)));
    p += 8 + l;
  }
  return { codes, messages };
}
