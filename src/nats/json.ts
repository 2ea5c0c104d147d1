// JSON for the service's non-hot replies (account, positions, admin): numbers like NaN
// (a flat position's entry price) and ±Infinity survive the trip as tagged values.

/** JSON text of `x`, with non-finite numbers tagged. */
export function toJson(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v));
}

/** Parses {@link toJson}'s text. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text, (_k, v) => (v !== null && typeof v === 'object' && typeof v.$num === 'string' && Object.keys(v).length === 1 ? Number(v.$num) : v)) as T;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** {@link toJson} as UTF-8 bytes. */
export const jsonBytes = (x: unknown): Uint8Array => enc.encode(toJson(x));

/** {@link fromJson} of UTF-8 bytes. */
export const bytesJson = <T>(b: Uint8Array): T => fromJson<T>(dec.decode(b));
