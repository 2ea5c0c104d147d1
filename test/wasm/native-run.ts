// The native addon's own run() of an indicator with default options: the independent engine
// the WASM copying tests compare against, and their bit-for-bit view of a result.
import { indicatorTable } from '../../src/core/indicator.js';
import { loadAddon } from '../../src/native.js';

interface Native {
  run(mode: number, id: number, ins: (Float64Array | undefined)[], opts: Float64Array, outs: Float64Array[], extra: number): void;
}
const native = loadAddon<Native>('hean_cpp');

/** The native addon's outputs of `name` with default options, or the first options `first`. */
export function nativeRun(name: string, ins: Float64Array[], n: number, first: number[] = []): Float64Array[] {
  const m = indicatorTable().get(name)!;
  const outs = m.outputs.map(() => new Float64Array(n));
  native.run(0, m.id, ins, Float64Array.from(m.options, (o, k) => (k < first.length ? first[k]! : o.default)), outs, 1);
  return outs;
}

/** Every element, with NaN and -0 spelled out (toEqual would take -0 for 0). */
export const bits = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v));
