// hean/web in headless Chromium: a page served over HTTP from the built files (dist/web.js,
// wasm/hean_cpp.wasm, laid out as in the package) imports the browser entry, loads the
// engine with the default `init()`, and computes sma / rsi / macd, the many-series and sweep
// forms, a streaming Rsi and talib.execute over a fixed series: every value must equal what
// Node computes with the native engine. Also: the error before init, a failed fetch, and
// no request beyond the page, the entry and the .wasm. Needs `npm run build:ts` first.
// Without chromium the tests skip locally, and fail under CI=true.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ema, indicators, macd, Rsi, rsi, sma } from '../../src/index.js';
import talib from '../../src/talib/index.js';
import { haveChromium, launchChromium, requireChromium } from '../support/chromium.js';

declare const window: any;
const root = fileURLToPath(new URL('../..', import.meta.url));
requireChromium('test/web/browser.test.ts', 'the hean/web browser test');

const N = 500;
// A fixed series (no randomness): a trend, two cycles and a kink.
const close = Array.from({ length: N }, (_, i) => 100 + 0.05 * i + 8 * Math.sin(i / 9) + 3 * Math.cos(i / 2.3) + (i > 250 ? 5 : 0));
const nul = (a: ArrayLike<number>) => Array.from(a, (x) => (Number.isNaN(x) ? null : x));

const PAGE = `<!doctype html><meta charset="utf-8"><title>hean/web</title><script type="module">
const nul = (a) => Array.from(a, (x) => (Number.isNaN(x) ? null : x));
const out = {};
try {
  const h = await import('/dist/web.js');
  try { h.sma([1, 2, 3], 2); out.beforeInit = 'no error'; } catch (e) { out.beforeInit = e.message; }
  out.badFetch = await h.init('/missing.wasm').then(() => 'no error', (e) => e.message);
  out.badSource = await h.init(42).then(() => 'no error', (e) => e.constructor.name + ': ' + e.message);
  await h.init();
  const close = ${JSON.stringify(close)};
  const s = new h.Rsi(14);
  const m = h.macd(close);
  const sw = h.sma.sweep(close, { period: [5, 10, 20] });
  const t = h.talib.execute({ name: 'RSI', startIdx: 0, endIdx: close.length - 1, inReal: close, optInTimePeriod: 14 });
  const tc = await new Promise((res) => h.talib.execute({ name: 'SMA', startIdx: 0, endIdx: close.length - 1, inReal: close, optInTimePeriod: 20 }, (err, r) => res(err ? String(err) : Array.from(r.result.outReal))));
  Object.assign(out, {
    ready: h.ready(), engine: h.engine(), n: h.indicators().length, isolated: self.crossOriginIsolated, sab: typeof SharedArrayBuffer,
    sma: nul(h.sma(close, 20)), rsi: nul(h.rsi(close, 14)),
    macd: [nul(m.macd), nul(m.signal), nul(m.histogram)],
    many: nul(h.ema.many(close.concat(close.map((x) => 2 * x)), 2, 10)),
    sweep: { params: sw.params, values: nul(sw.values) },
    stream: close.map((x) => s.update(x)).map((x) => (Number.isNaN(x) ? null : x)),
    talib: { begIndex: t.begIndex, nbElement: t.nbElement, out: Array.from(t.result.outReal) }, talibCallback: tc,
  });
} catch (e) {
  out.error = String(e && e.stack || e);
}
window.heanResult = out;
document.documentElement.dataset.done = '1';
</script>`;

describe.skipIf(!haveChromium)('hean/web in headless Chromium', () => {
  let work: string;
  let server: Server;
  let ctx: BrowserContext;
  const requests: string[] = [];
  const errors: string[] = [];
  let got: any;
  let origin: string;

  beforeAll(async () => {
    for (const f of ['dist/web.js', 'wasm/hean_cpp.wasm']) expect(existsSync(join(root, f)), `${f} missing: run npm run build:ts`).toBe(true);
    work = mkdtempSync(join(tmpdir(), 'hean-web-'));
    const types: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.map': 'application/json' };
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      requests.push(path);
      if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      // only the package's files, as an HTTP server of the installed package would
      if (/^\/(dist\/[\w.-]+\.js(\.map)?|wasm\/hean_cpp\.wasm)$/.test(path) && existsSync(join(root, path))) {
        return res.writeHead(200, { 'content-type': types[path.slice(path.lastIndexOf('.'))]! }).end(readFileSync(join(root, path)));
      }
      res.writeHead(404).end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ctx = await launchChromium(work);
    await ctx.route((u) => !u.href.startsWith(origin), (route) => route.abort());
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(`${origin}/`);
    await page.waitForSelector('html[data-done]', { timeout: 30_000 });
    got = await page.evaluate(() => window.heanResult);
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('loads the engine with the default init() on a page that is not cross-origin isolated', () => {
    expect(got.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(got.ready).toBe(true);
    expect(got.engine).toBe('wasm');
    expect(got.n).toBe(indicators().length);
    // SharedArrayBuffer is undefined here: the entry must not depend on it
    expect(got.isolated).toBe(false);
    expect(got.sab).toBe('undefined');
    // the page, the entry, the failed and the real .wasm (and the browser's favicon probe)
    expect(requests.filter((r) => r !== '/favicon.ico').sort()).toEqual(['/', '/dist/web.js', '/missing.wasm', '/wasm/hean_cpp.wasm']);
  });

  it('sma, rsi, macd, .many, .sweep, a streaming Rsi and talib.execute equal Node’s values', () => {
    expect(got.sma).toEqual(nul(sma(close, 20)));
    expect(got.rsi).toEqual(nul(rsi(close, 14)));
    const m = macd(close);
    expect(got.macd).toEqual([nul(m.macd), nul(m.signal), nul(m.histogram)]);
    const s = new Rsi(14);
    expect(got.stream).toEqual(close.map((x) => s.update(x)).map((x) => (Number.isNaN(x) ? null : x)));
    expect(got.stream).toEqual(nul(rsi(close, 14))); // streaming == batch
    expect(got.many).toEqual(nul(ema.many(close.concat(close.map((x) => 2 * x)), 2, 10)));
    const sw = sma.sweep(close, { period: [5, 10, 20] });
    expect(got.sweep.params).toEqual(sw.params);
    expect(got.sweep.values).toEqual(nul(sw.values));
    const t = talib.execute({ name: 'RSI', startIdx: 0, endIdx: N - 1, inReal: close, optInTimePeriod: 14 });
    expect(got.talib).toEqual({ begIndex: t.begIndex, nbElement: t.nbElement, out: Array.from(t.result.outReal as ArrayLike<number>) });
    expect(got.talib.begIndex).toBe(14);
    // the callback form (a timer here: browsers have no setImmediate)
    expect(got.talibCallback).toEqual(nul(sma(close, 20)).slice(19));
  });

  it('says what to do before init, on a failed fetch and for a wrong source', () => {
    expect(got.beforeInit).toContain('`await init()`');
    expect(got.badFetch).toBe(`hean.init: fetching ${origin}/missing.wasm failed: HTTP 404`);
    expect(got.badSource).toBe('TypeError: hean.init: source must be a URL (string or URL), a Response, an ArrayBuffer, a typed array or a WebAssembly.Module, got number 42');
  });
});

