// The report as a person sees it, in headless Chromium (Debian's `chromium`, driven by
// playwright-core): loads from a file:// URL with no errors and no request beyond the
// file, draws every pane (canvas pixels of each series' color, where each pane is), holds
// the result's data and metrics, and matches the committed screenshot.
//   Baseline: HEAN_UPDATE_SCREENSHOTS=1 npx vitest run test/report/browser.test.ts
// Without chromium the tests skip locally, and fail under CI=true.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pixelmatch from 'pixelmatch';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/index.js';
import { reportInput } from './fixture.js';
import { haveChromium, launchChromium, requireChromium } from '../support/chromium.js';

const BASELINE = fileURLToPath(new URL('./__screenshots__/report-chart.png', import.meta.url));
const have = haveChromium;
requireChromium('test/report/browser.test.ts', "the report's browser tests");

/** '#rrggbb' → [r, g, b]. */
// The page callbacks run in the browser; tsconfig has no DOM lib, so these are untyped.
declare const window: any;
declare const document: any;
// @types/node 20's Buffer does not fit TS 5.9's Uint8Array<ArrayBuffer> parameters: copy.
const bytes = (b: ArrayLike<number>) => Uint8Array.from(b);

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe.skipIf(!have)('the report in headless Chromium', () => {
  const N = 600;
  const input = reportInput(N);
  const stats = input.result.stats(0);
  let work: string;
  let url: string;
  const errors: string[] = [];
  const requests: string[] = [];
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'hean-browser-'));
    url = pathToFileURL(writeReport(join(work, 'report.html'), input)).href;
    ctx = await launchChromium(work, {
      viewport: { width: 1000, height: 1100 },
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
      colorScheme: 'light',
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    // Offline by construction: anything but the file itself is recorded and refused.
    await ctx.route(/^(?!file:)/, (route) => route.abort());
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    await page.waitForSelector('html[data-rendered]', { timeout: 30_000 });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('loads from file:// with no console errors, page errors or other requests', async () => {
    expect(await page.getAttribute('html', 'data-rendered')).toBe('true');
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.isVisible('#error')).toBe(false);
  });

  it('the chart holds the bars, lines, markers, equity and drawdown, and shows every bar', async () => {
    const got = await page.evaluate(() => {
      const r = (window as any).heanReport;
      const panes = r.chart.panes().map((p: any) =>
        p.getSeries().map((s: any) => {
          const d = s.data();
          return { type: s.seriesType(), n: d.length, last: d[d.length - 1] };
        }),
      );
      return { panes, markers: r.markers.markers().length, range: r.chart.timeScale().getVisibleLogicalRange() };
    });
    expect(got.panes.map((p: { type: string }[]) => p.map((s) => s.type))).toEqual([['Candlestick', 'Line', 'Line'], ['Line', 'Line'], ['Area']]);
    // data() holds the bars with a value (whitespace bars are left out)
    const valued = (a: Float64Array) => a.filter((x) => Number.isFinite(x)).length;
    expect(got.panes.map((p: { n: number }[]) => p.map((s) => s.n))).toEqual([[N, valued(input.fast), valued(input.slow)], [N, N], [N]]);
    expect(valued(input.slow)).toBe(N - 29);
    expect(got.panes[0][0].last.close).toBe(input.bars.close[N - 1]);
    expect(got.panes[0][2].last.value).toBe(input.slow[N - 1]);
    expect(got.panes[1][1].last.value).toBe(stats.endValue);
    expect(got.panes[2][0].last.value).toBeCloseTo(input.result.drawdown![N - 1]! * 100, 10);
    const t = input.result.trades!;
    expect(got.markers).toBe(t.entryIndex.length + t.open.filter((x) => !x).length);
    expect(got.range.from).toBeLessThanOrEqual(0);
    expect(got.range.to).toBeGreaterThanOrEqual(N - 1);
  });

  it('every pane is drawn: pixels of each series color, candles above equity above drawdown', async () => {
    const colors = { up: '#26a69a', down: '#ef5350', fast: '#ff9800', slow: '#7b1fa2', equity: '#2962ff', drawdown: '#c62828' };
    const seen = await page.evaluate(
      ({ targets }) => {
        const out: Record<string, { count: number; y: number }> = {};
        for (const k of Object.keys(targets)) out[k] = { count: 0, y: 0 };
        for (const cv of Array.from(document.querySelectorAll('#chart canvas')) as any[]) {
          if (!cv.width || !cv.height) continue;
          const box = cv.getBoundingClientRect();
          const px = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
          for (let i = 0; i < px.length; i += 4) {
            for (const [k, [r, g, b]] of Object.entries(targets)) {
              if (Math.abs(px[i]! - r) <= 6 && Math.abs(px[i + 1]! - g) <= 6 && Math.abs(px[i + 2]! - b) <= 6 && px[i + 3]! > 200) {
                out[k]!.count++;
                out[k]!.y += box.top + (Math.floor(i / 4 / cv.width) * box.height) / cv.height;
              }
            }
          }
        }
        for (const v of Object.values(out)) v.y = v.count ? v.y / v.count : NaN;
        return out;
      },
      { targets: Object.fromEntries(Object.entries(colors).map(([k, v]) => [k, rgb(v)])) },
    );
    // 1-px MA lines are mostly antialiased: fewer of their pixels have the exact color.
    for (const [k, v] of Object.entries(seen)) expect(v.count, `pixels of ${k}`).toBeGreaterThan(k === 'fast' || k === 'slow' ? 25 : 100);
    expect(seen.up!.y).toBeLessThan(seen.equity!.y);
    expect(seen.fast!.y).toBeLessThan(seen.equity!.y);
    expect(seen.equity!.y).toBeLessThan(seen.drawdown!.y);
  });

  it('the metrics table shows the result', async () => {
    const rows = await page.$$eval('#metrics tr[data-metric]', (trs) => trs.map((tr: any) => [tr.getAttribute('data-metric'), tr.getAttribute('data-value'), tr.querySelector('td')!.textContent] as const));
    expect(rows).toHaveLength(Object.keys(stats).length);
    const byName = new Map(rows.map(([k, raw, text]) => [k, { raw: Number(raw), text }]));
    for (const [k, v] of Object.entries(stats)) expect(Object.is(byName.get(k)!.raw, v), k).toBe(true);
    expect(byName.get('totalReturn')!.text).toBe(`${(stats.totalReturn * 100).toFixed(2)}%`);
    expect(byName.get('maxDrawdown')!.text).toBe(`${(stats.maxDrawdown * 100).toFixed(2)}%`);
    expect(byName.get('closedTrades')!.text).toBe(String(stats.closedTrades));
    expect(byName.get('winRate')!.text).toBe(`${(stats.winRate * 100).toFixed(2)}%`);
  });

  it('matches the screenshot baseline', async () => {
    const shot = bytes(await page.locator('#chart').screenshot({ animations: 'disabled', caret: 'hide' }));
    if (process.env.HEAN_UPDATE_SCREENSHOTS === '1') {
      writeFileSync(BASELINE, shot);
      console.warn(`wrote ${BASELINE}`);
      return;
    }
    expect(existsSync(BASELINE), `no baseline ${BASELINE}: run with HEAN_UPDATE_SCREENSHOTS=1`).toBe(true);
    const want = PNG.sync.read(readFileSync(BASELINE));
    const got = PNG.sync.read(Buffer.from(shot));
    expect([got.width, got.height]).toEqual([want.width, want.height]);
    const diff = new PNG({ width: want.width, height: want.height });
    const out = bytes(diff.data);
    const bad = pixelmatch(bytes(want.data), bytes(got.data), out, want.width, want.height, { threshold: 0.1 });
    out.forEach((x, i) => (diff.data[i] = x));
    const share = bad / (want.width * want.height);
    if (share > 0.005) {
      const dest = join(tmpdir(), 'hean-report-chart');
      writeFileSync(`${dest}.actual.png`, shot);
      writeFileSync(`${dest}.diff.png`, bytes(PNG.sync.write(diff)));
      expect.fail(`${(share * 100).toFixed(2)}% of the pixels differ from ${BASELINE} (allowed 0.5%): see ${dest}.actual.png and ${dest}.diff.png`);
    }
  });
});
