// Where code generation from strings is refused (a page's CSP; here Node's
// --disallow-code-generation-from-strings), the quick path's per-indicator helpers built
// with new Function (result objects, readers of a caller's `out`) fall back to generic
// code: same values, same errors. Runs dist/ (npm run build:ts) in a child process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const script = `
  const hean = await import(${JSON.stringify(dist)});
  let evalRefused = false;
  try { new Function('return 1'); } catch { evalRefused = true; }
  const n = 64;
  const close = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 4) * 3 + i * 0.05);
  const want = hean.macd(close);
  const out = { macd: new Float64Array(n), signal: new Float64Array(n), histogram: new Float64Array(n) };
  const r = hean.macd(close, undefined, out);
  const again = hean.macd(close, undefined, out);
  const same = ['macd', 'signal', 'histogram'].every((k) => r[k] === out[k] && again[k] === out[k] && r[k].every((v, i) => Object.is(v, want[k][i])));
  const err = (f) => { try { f(); return 'no error'; } catch (e) { return e.constructor.name + ': ' + e.message; } };
  const getter = err(() => hean.macd(close, undefined, { macd: out.macd, get signal() { throw new Error('boom'); } }));
  const overlap = err(() => hean.macd(close, undefined, { macd: out.macd, signal: out.macd, histogram: out.histogram }));
  // The options-object reader: an enum by its label (the middle band is that moving average).
  const eq = (a, b) => a.every((v, i) => (Number.isNaN(v) ? Number.isNaN(b[i]) : Math.abs(v - b[i]) <= 1e-12 * Math.abs(b[i])));
  const labels = ['sma', 'ema', 'wma'].every((maType) => eq(hean.bbands(close, { period: 10, maType, stdDev: 1.5 }).middle, hean[maType](close, { period: 10 })));
  const badLabel = err(() => hean.bbands(close, { maType: 'foo' }));
  // Results of more than three outputs (adx 4, ichimoku 5) come from the same result maker:
  // keys in output order, each the array written (allocating, into out, many and sweep).
  const high = close.map((v) => v + 1), low = close.map((v) => v - 1);
  const wide = ['adx', 'ichimoku'].map((name) => {
    const keys = hean[name].meta.outputs;
    const mine = hean[name](high, low, close);
    const outs = Object.fromEntries(keys.map((k) => [k, new Float64Array(n)]));
    const into = hean[name](high, low, close, undefined, outs);
    const many = hean[name].many(high, low, close, 1);
    const sweep = hean[name].sweep(high, low, close, {}).values;
    return [mine, into, many, sweep].every((r) => JSON.stringify(Object.keys(r)) === JSON.stringify(keys))
      && keys.every((k) => into[k] === outs[k] && [into, many, sweep].every((r) => r[k].every((v, i) => Object.is(v, mine[k][i]))));
  });
  console.log(JSON.stringify({ evalRefused, same, getter, overlap, labels, badLabel, wide }));`;

describe('quick path without code generation', () => {
  it('gives the same results and errors as with it', () => {
    const run = (flags: string[]) => JSON.parse(execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { env: { ...process.env, HEAN_ENGINE: 'wasm' }, encoding: 'utf8' }));
    const refused = run(['--disallow-code-generation-from-strings']);
    const allowed = run([]);
    expect(refused.evalRefused).toBe(true);
    expect(allowed.evalRefused).toBe(false);
    for (const r of [refused, allowed]) {
      expect(r.same).toBe(true);
      expect(r.getter).toBe("TypeError: hean.macd: reading option 'signal' threw: boom");
      expect(r.overlap).toBe('RangeError: hean.macd: output arrays must not overlap each other');
      expect(r.labels).toBe(true);
      expect(r.wide).toEqual([true, true]);
      expect(r.badLabel).toMatch(/^RangeError: hean\.bbands: option 'maType' must be one of 'sma', 'ema'/);
    }
  });
});
