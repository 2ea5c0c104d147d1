// backtestReport / writeReport without a browser: the page's data against the inputs
// (independently recomputed), the escaping of caller text, the inlined bundle, errors.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest, backtestReport, writeReport } from '../../src/index.js';
import { reportData, reportInput } from './fixture.js';

const require = createRequire(import.meta.url);
const bundlePath = join(dirname(require.resolve('lightweight-charts/package.json')), 'dist', 'lightweight-charts.standalone.production.js');

describe('backtestReport', () => {
  const input = reportInput(600);
  const html = backtestReport(input);
  const data = reportData(html);
  const n = 600;

  it('inlines the lightweight-charts standalone bundle and loads nothing from outside', () => {
    const bundle = readFileSync(bundlePath, 'utf8');
    expect(html).toContain(bundle);
    // What we wrote around it refers to no other file or address.
    expect(html.replace(bundle, '')).not.toMatch(/<script[^>]+src=|<link|<img|<iframe|@import|url\(|https?:/i);
    expect(html.match(/<script/g)).toHaveLength(3);
  });

  it('candles: one per bar, time in UTC seconds', () => {
    expect(data.candles).toHaveLength(n);
    for (let i = 0; i < n; i++) {
      expect(data.candles[i]).toEqual({ time: input.bars.time[i]! / 1000, open: input.bars.open[i], high: input.bars.high[i], low: input.bars.low[i], close: input.bars.close[i] });
    }
  });

  it('lines: the MAs, whitespace in the warm-up, never null', () => {
    expect(data.lines.map((l: any) => l.name)).toEqual(['SMA 10', 'SMA 30']);
    const slow = data.lines[1].data;
    expect(slow).toHaveLength(n);
    // SMA 30 is defined from bar 29: the mean of the 30 closes up to the bar.
    for (let i = 0; i < n; i++) {
      if (i < 29) expect(slow[i]).toEqual({ time: data.candles[i].time });
      else {
        let s = 0;
        for (let k = i - 29; k <= i; k++) s += input.bars.close[k]!;
        expect(slow[i].value).toBeCloseTo(s / 30, 6);
      }
    }
    expect(JSON.stringify(data)).not.toMatch(/null/);
  });

  it('markers: an entry and (when closed) an exit per trade of the column, at the trade bars', () => {
    const t = input.result.trades!;
    const times: number[] = [];
    for (let k = 0; k < t.entryIndex.length; k++) {
      times.push(data.candles[t.entryIndex[k]!].time);
      if (!t.open[k]) times.push(data.candles[t.exitIndex[k]!].time);
    }
    expect(data.markers.length).toBe(times.length);
    expect(data.markers.length).toBeGreaterThan(4);
    expect(data.markers.map((m: any) => m.time)).toEqual(times.sort((a, b) => a - b));
    // long only: entries are arrows up below the bar, exits arrows down above it
    for (const m of data.markers) expect([m.shape, m.position]).toEqual(m.shape === 'arrowUp' ? ['arrowUp', 'belowBar'] : ['arrowDown', 'aboveBar']);
  });

  it('equity and drawdown panes: the result columns (drawdown in %), buy and hold from the start value', () => {
    const eq = input.result.equity!;
    const dd = input.result.drawdown!;
    for (let i = 0; i < n; i++) {
      expect(data.equity[i].value).toBe(eq[i]);
      expect(data.drawdown[i].value).toBeCloseTo(dd[i]! * 100, 12);
      expect(data.benchmark[i].value).toBeCloseTo((10_000 * input.bars.close[i]!) / input.bars.close[0]!, 8);
    }
    expect(data.equity[n - 1].value).toBe(input.result.stats(0).endValue);
  });

  it('metrics table: every metric with its exact value and a readable text', () => {
    const stats = input.result.stats(0);
    const rows = [...html.matchAll(/<tr data-metric="(\w+)" data-value="([^"]*)"><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual([...backtest.metricNames]);
    for (const [, name, raw] of rows) expect(Object.is(Number(raw), stats[name as keyof typeof stats])).toBe(true);
    const text = Object.fromEntries(rows.map((r) => [r[1], r[4]]));
    expect(text.totalReturn).toBe(`${(stats.totalReturn * 100).toFixed(2)}%`);
    expect(text.maxDrawdown).toBe(`${(stats.maxDrawdown * 100).toFixed(2)}%`);
    expect(text.totalTrades).toBe(String(stats.totalTrades));
    expect(text.sharpeRatio).toBe(stats.sharpeRatio.toFixed(2));
    expect(text.endValue).toBe(stats.endValue.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  });

  it('escapes caller text in HTML and in the data', () => {
    const evil = '</script><script>alert(1)</script><!-- & "quoted" \'single\' \u2028';
    const page = backtestReport({ ...input, title: evil, subtitle: evil, lines: [{ name: evil, values: input.fast, color: 'rgba(1, 2, 3, 0.5)' }] });
    expect(page).not.toContain('<script>alert');
    expect(page.match(/<\/script>/g)).toHaveLength(3);
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; &quot;quoted&quot; &#39;single&#39;');
    const d = reportData(page);
    expect(d.lines[0].name).toBe(evil);
    expect(d.lines[0].color).toBe('rgba(1, 2, 3, 0.5)');
    expect(page).toContain('<span style="--c: rgba(1, 2, 3, 0.5)">');
    for (const color of ['red;"><b>x', 'red; background: url(x)', '#12345', 'var(--x)', ''])
      expect(() => backtestReport({ ...input, lines: [{ name: 'x', values: input.fast, color }] }), color).toThrow(RangeError);
    for (const color of ['#abc', '#A1B2C3', '#a1b2c3d4', 'rgb(1,2,3)', 'teal']) expect(() => backtestReport({ ...input, lines: [{ name: 'x', values: input.fast, color }] })).not.toThrow();
  });

  it('hides marker texts when they would overlap (auto), or as asked', () => {
    const many = input;
    const manyData = data;
    expect(manyData.markers.length).toBeGreaterThan(12);
    expect(manyData.markers.every((m: any) => m.text === '')).toBe(true);
    const always = reportData(backtestReport({ ...many, markerText: 'always' }));
    // 5 significant digits
    expect(always.markers[0].text).toBe(`Long ${Number(many.result.trades!.size[0]!.toPrecision(5))} @ ${Number(many.result.trades!.entryPrice[0]!.toPrecision(5))}`);
    const auto = reportData(backtestReport(reportInput(150)));
    expect(auto.markers.length).toBeLessThanOrEqual(12);
    expect(auto.markers.some((m: any) => m.text.startsWith('Exit @'))).toBe(true);
    expect(reportData(backtestReport({ ...input, markerText: 'never' })).markers.every((m: any) => m.text === '')).toBe(true);
  });

  it('rejects bad input with a named TypeError / RangeError', () => {
    const noEquity = backtest.fromSignals({ close: input.bars.close, entries: new Uint8Array(n) });
    expect(() => backtestReport({ ...input, result: noEquity })).toThrow(/equity: true, drawdown: true/);
    expect(() => backtestReport({ ...input, column: 1 })).toThrow(RangeError);
    expect(() => backtestReport({ ...input, lines: [{ name: 'x', values: new Float64Array(3) }] })).toThrow(/lines\[0\]\.values has length 3, expected 600/);
    expect(() => backtestReport({ ...input, lines: [{ name: 1 as unknown as string, values: input.fast }] })).toThrow(TypeError);
    expect(() => backtestReport({ ...input, bars: { ...input.bars, close: (input.bars.close as Float64Array).subarray(1) } })).toThrow(RangeError);
    expect(() => backtestReport({ ...input, markerText: 'yes' as 'auto' })).toThrow(/markerText/);
    expect(() => backtestReport(null as never)).toThrow(TypeError);
    const shorter = reportInput(300);
    expect(() => backtestReport({ ...input, result: shorter.result })).toThrow(/the result has 300 bars, the bars 600/);
  });
});

describe('writeReport', () => {
  it('writes the page and returns the absolute path; nothing is written when it throws', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hean-report-'));
    const input = reportInput(200);
    const path = writeReport(join(dir, 'r.html'), input);
    expect(path).toBe(join(dir, 'r.html'));
    expect(readFileSync(path, 'utf8')).toBe(backtestReport(input));
    expect(() => writeReport(join(dir, 'bad.html'), { ...input, column: 5 })).toThrow(RangeError);
    expect(existsSync(join(dir, 'bad.html'))).toBe(false);
    expect(() => writeReport(join(dir, 'missing', 'r.html'), input)).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual(['r.html']);
  });
});
