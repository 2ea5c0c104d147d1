// hean/web's built entry (dist/web.js) outside a browser: it imports nothing from Node, and
// init() takes each kind of source (bytes, typed array, Response, promise of a Response,
// WebAssembly.Module), refusing others with an error that says what it takes. The values
// equal the Node entry's (native engine). Needs `npm run build:ts` first.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ema, ema, patterns, rsi } from '../../src/index.js';

const file = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const wasmBytes = readFileSync(file('../../wasm/hean_cpp.wasm'));
const close = Array.from({ length: 200 }, (_, i) => 50 + 5 * Math.sin(i / 5) + i / 10);
// A fresh copy of the entry per import (its own engine slot), as a new page would have.
let k = 0;
const fresh = async () => (await import(/* @vite-ignore */ `${file('../../dist/web.js')}?copy=${k++}`)) as typeof import('../../src/web.js');

describe('dist/web.js', { timeout: 60_000 }, () => {
  it('imports nothing from Node and reads no process or Buffer', () => {
    const src = readFileSync(file('../../dist/web.js'), 'utf8');
    expect(src).not.toMatch(/\bfrom\s*["']node:|import\(\s*["']node:|\brequire\(/);
    expect(src).not.toMatch(/\bprocess\.(env|platform|versions|report)\b|\bBuffer\.from\b/);
  });

  it('package.json exports hean/web with its types', () => {
    const pkg = JSON.parse(readFileSync(file('../../package.json'), 'utf8'));
    expect(pkg.exports['./web']).toEqual({ types: './dist/web.d.ts', default: './dist/web.js' });
    expect(readFileSync(file('../../dist/web.d.ts'), 'utf8')).toMatch(/declare function init\(source\?: WasmSource\): Promise<void>/);
  });

  it('init() takes bytes, a typed array, a Response, a promise of one, or a WebAssembly.Module', async () => {
    const bytes = wasmBytes.buffer.slice(wasmBytes.byteOffset, wasmBytes.byteOffset + wasmBytes.byteLength);
    const sources = [
      bytes,
      new Uint8Array(wasmBytes),
      new Response(new Uint8Array(wasmBytes)),
      Promise.resolve(new Response(new Uint8Array(wasmBytes))),
      await (globalThis as any).WebAssembly.compile(new Uint8Array(wasmBytes)),
    ];
    for (const src of sources) {
      const w = await fresh();
      expect(w.ready()).toBe(false);
      expect(() => w.rsi(close, 14)).toThrow(/`await init\(\)`/);
      await w.init(src as never);
      expect(w.ready()).toBe(true);
      expect(w.rsi(close, 14)).toEqual(rsi(close, 14));
      const a = new w.Ema(10);
      const b = new Ema(10);
      expect(close.map((x) => a.update(x))).toEqual(close.map((x) => b.update(x)));
      expect(w.ema(close, 10)).toEqual(ema(close, 10));
    }
  });

  it('refuses other sources, a failed response and bytes that are not the engine; a failed init can be retried', async () => {
    const w = await fresh();
    await expect(w.init(42 as never)).rejects.toThrow(new TypeError('hean.init: source must be a URL (string or URL), a Response, an ArrayBuffer, a typed array or a WebAssembly.Module, got number 42'));
    await expect(w.init(new Response('no', { status: 404 }))).rejects.toThrow(/^hean\.init: fetching hean_cpp\.wasm failed: HTTP 404$/);
    await expect(w.init(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))).rejects.toThrow(/hean\.init: hean_cpp\.wasm is not hean's WebAssembly engine/);
    await expect(w.init(new Uint8Array([1, 2, 3]))).rejects.toThrow(/is not hean's WebAssembly engine \(.*\)/);
    expect(w.ready()).toBe(false);
    await w.init(new Uint8Array(wasmBytes));
    expect(w.ready()).toBe(true);
    expect(w.engine()).toBe('wasm');
    expect(w.indicators().map((m) => m.name)).toContain('rsi');
    // patterns() runs on the WASM engine too: the Node entry's (native) values, with candle settings.
    const o = close.map((x, i) => x + Math.sin(i * 1.7));
    const h = close.map((x, i) => Math.max(x, o[i]!) + 0.5 + Math.abs(Math.cos(i)));
    const l = close.map((x, i) => Math.min(x, o[i]!) - 0.5 - Math.abs(Math.sin(i * 0.3)));
    const opts = { candleSettings: { bodyDoji: { factor: 0.3 }, bodyLong: { avgPeriod: 4 } } };
    const mine = w.patterns(o, h, l, close, opts);
    expect(mine.values).toEqual(patterns(o, h, l, close, opts).values);
    expect(mine.lookback).toEqual(patterns(o, h, l, close, opts).lookback);
  });

  it('the Node-only parts are absent: no native loader in the bundle', async () => {
    const w = await fresh();
    expect(Object.keys(w)).not.toContain('RiskEngine');
    expect(Object.keys(w)).not.toContain('backtest');
    expect(Object.keys(w)).toContain('talib');
  });
});
