// Self-contained HTML reports of a backtest: candles with indicator lines and trade
// markers, equity and drawdown panes, and the metrics table, in one file that opens
// offline (the lightweight-charts standalone bundle is inlined from the installed package).
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { BacktestResult } from '../backtest/index.js';
import { toCandlestickData, toLineData, toTradeMarkers, type SeriesMarker } from '../charts/lightweight.js';
import { describe, isArray, readObject, reading } from '../core/guard.js';
import { toSeries, type Series } from '../core/indicator.js';
import { escapeHtml, inlineScript, jsonForScript } from './escape.js';
import { metricRows } from './metrics.js';
import { COLORS, SCRIPT, STYLE } from './page.js';

/** OHLC columns of the bars the backtest ran on (`time` in ms unless `timeUnit: 's'`). */
export interface ReportBars {
  time: Float64Array | readonly number[];
  open: Float64Array | readonly number[];
  high: Float64Array | readonly number[];
  low: Float64Array | readonly number[];
  close: Float64Array | readonly number[];
}

/** A line drawn over the candles, e.g. a moving average the strategy used. */
export interface ReportLine {
  /** Shown in the legend. */
  name: string;
  /** One value per bar; NaN (warm-up) bars are left blank. */
  values: Series;
  /** A CSS color (`#rrggbb`, `rgb(…)`, a name); default: the next of the report's palette. */
  color?: string;
}

/** Input of {@link backtestReport} and {@link writeReport}. */
export interface BacktestReportInput {
  /** The bars the backtest ran on. */
  bars: ReportBars;
  /**
   * A result of {@link backtest.fromSignals} or {@link backtest.fromOrders} on these bars,
   * run with `{ equity: true, drawdown: true }` (trades are recorded by default).
   */
  result: BacktestResult;
  /** The result column to show (one signal column of a single-asset run). Default 0. */
  column?: number;
  /** Lines over the candles (e.g. the fast and slow MAs). */
  lines?: readonly ReportLine[];
  /** Page title. Default 'Backtest report'. */
  title?: string;
  /** A line under the title, e.g. the strategy and its parameters. */
  subtitle?: string;
  /** Unit of `bars.time`: 'ms' (default) or 's'. */
  timeUnit?: 'ms' | 's';
  /**
   * Write the trades' texts (size, price, PnL) on their markers. Default 'auto': only when
   * there are at most 12 markers, so that they do not overlap into a smear.
   */
  markerText?: 'auto' | 'always' | 'never';
}

const FN = 'hean.backtestReport';
const COLOR = /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|rgba?\([0-9.,%\s]+\)|[a-z]{3,30})$/i;
const AUTO_TEXT_MAX = 12;
// Marker texts: 5 significant digits keep them short enough to read.
const markerFormat = (x: number) => String(Number(x.toPrecision(5)));

const localRequire = createRequire(import.meta.url);
let bundle: { source: string; version: string } | undefined;

/** The lightweight-charts standalone production bundle of the installed package (read once). */
function chartsBundle(): { source: string; version: string } {
  if (bundle) return bundle;
  let pkgPath: string;
  try {
    pkgPath = localRequire.resolve('lightweight-charts/package.json');
  } catch {
    throw new Error(`${FN}: the 'lightweight-charts' package is not installed (it is a dependency of hean; reinstall hean)`);
  }
  const version = String((JSON.parse(readFileSync(pkgPath, 'utf8')) as { version?: unknown }).version);
  const source = readFileSync(join(dirname(pkgPath), 'dist', 'lightweight-charts.standalone.production.js'), 'utf8');
  bundle = { source: inlineScript(source, `lightweight-charts ${version}`), version };
  return bundle;
}

function columnOf(x: Float64Array, column: number, bars: number): Float64Array {
  return x.subarray(column * bars, (column + 1) * bars);
}

/**
 * A backtest → a self-contained HTML page: one chart with three panes sharing the time
 * axis (candles with `lines` and the trades' entry/exit markers; equity with buy and hold
 * from the same start value, dashed; drawdown in %), and a table of every metric. The page
 * needs no network: the lightweight-charts standalone bundle is inlined from the installed
 * package, and every value from the caller is escaped (text as HTML, data as JSON with `<`
 * escaped).
 *
 * @throws TypeError for inputs of the wrong type (naming the field), or a result run
 *   without `equity: true, drawdown: true`; RangeError when the result's bars differ from
 *   the bars', `column` is out of range, a line's length differs, or times are not
 *   strictly increasing.
 * @example
 * const fast = sma(bars.close, 10), slow = sma(bars.close, 30);
 * const result = backtest.fromSignals({ close: bars.close, entries, exits }, { equity: true, drawdown: true });
 * const html = backtestReport({ bars, result, lines: [{ name: 'SMA 10', values: fast }, { name: 'SMA 30', values: slow }] });
 */
export function backtestReport(input: BacktestReportInput): string {
  if (input === null || typeof input !== 'object') throw new TypeError(`${FN}: input must be an object { bars, result, ... }, got ${describe(input)}`);
  const o = readObject(input, ['bars', 'result', 'column', 'lines', 'title', 'subtitle', 'timeUnit', 'markerText'] as const, `${FN}: input`);
  for (const k of ['title', 'subtitle'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') throw new TypeError(`${FN}: input.${k} must be a string, got ${describe(o[k])}`);
  if (o.markerText !== undefined && o.markerText !== 'auto' && o.markerText !== 'always' && o.markerText !== 'never')
    throw new RangeError(`${FN}: input.markerText must be 'auto', 'always' or 'never', got ${describe(o.markerText)}`);
  const timeUnit = o.timeUnit as 'ms' | 's' | undefined;
  const candles = toCandlestickData(o.bars as ReportBars, { timeUnit });
  const n = candles.length;
  const bars = o.bars as ReportBars;

  const r = o.result;
  if (r === null || typeof r !== 'object') throw new TypeError(`${FN}: input.result must be a backtest result, got ${describe(r)}`);
  const res = readObject(r, ['columns', 'bars', 'equity', 'drawdown', 'trades', 'stats'] as const, `${FN}: input.result`);
  if (typeof res.columns !== 'number' || typeof res.bars !== 'number' || typeof res.stats !== 'function')
    throw new TypeError(`${FN}: input.result must be a result of backtest.fromSignals or backtest.fromOrders`);
  if (res.bars !== n) throw new RangeError(`${FN}: the result has ${res.bars} bars, the bars ${n}`);
  const column = o.column === undefined ? 0 : o.column;
  if (typeof column !== 'number' || !Number.isInteger(column) || column < 0 || column >= res.columns)
    throw new RangeError(`${FN}: input.column must be an integer in [0, ${res.columns - 1}], got ${describe(column)}`);
  if (!(res.equity instanceof Float64Array) || !(res.drawdown instanceof Float64Array))
    throw new TypeError(`${FN}: input.result has no equity or drawdown: run the backtest with { equity: true, drawdown: true }`);
  const stats = reading(`${FN}: result.stats`, () => (res.stats as (c: number) => ReturnType<BacktestResult['stats']>)(column));
  const time = bars.time;
  const equity = columnOf(res.equity, column, n);
  const drawdown = columnOf(res.drawdown, column, n).map((x) => x * 100);

  // Buy and hold from the first simulated bar, on the same start value.
  const close = toSeries(bars.close, `${FN}: bars.close`);
  const first = equity.findIndex((x) => Number.isFinite(x));
  const benchmark = new Float64Array(n).fill(NaN);
  if (first >= 0 && close[first]! > 0) for (let i = first; i < n; i++) benchmark[i] = (stats.startValue * close[i]!) / close[first]!;

  const lineList: unknown[] = [];
  if (o.lines !== undefined) {
    if (!isArray(o.lines, `${FN}: input.lines`)) throw new TypeError(`${FN}: input.lines must be an array of { name, values, color? }, got ${describe(o.lines)}`);
    const list = o.lines;
    const len = reading(`${FN}: input.lines`, () => list.length);
    for (let i = 0; i < len; i++) {
      const l = reading(`${FN}: input.lines[${i}]`, () => list[i]);
      if (l === null || typeof l !== 'object') throw new TypeError(`${FN}: input.lines[${i}] must be an object { name, values, color? }, got ${describe(l)}`);
      const line = readObject(l, ['name', 'values', 'color'] as const, `${FN}: input.lines[${i}]`);
      if (typeof line.name !== 'string') throw new TypeError(`${FN}: input.lines[${i}].name must be a string, got ${describe(line.name)}`);
      if (line.color !== undefined && typeof line.color !== 'string') throw new TypeError(`${FN}: input.lines[${i}].color must be a CSS color string, got ${describe(line.color)}`);
      // Only plain colors: the value goes into a style attribute and the chart's options.
      if (line.color !== undefined && !COLOR.test(line.color))
        throw new RangeError(`${FN}: input.lines[${i}].color must be '#rgb', '#rrggbb', '#rrggbbaa', rgb(…), rgba(…) or a color name, got ${describe(line.color)}`);
      const values = toSeries(line.values, `${FN}: input.lines[${i}].values`);
      if (values.length !== n) throw new RangeError(`${FN}: input.lines[${i}].values has length ${values.length}, expected ${n} (the bars)`);
      lineList.push({ name: line.name, color: line.color ?? COLORS.lines[i % COLORS.lines.length]!, data: toLineData(time, values, { timeUnit }) });
    }
  }

  let markers: SeriesMarker[] = [];
  const trades = res.trades as BacktestResult['trades'];
  if (trades) {
    const pick: number[] = [];
    for (let k = 0; k < trades.column.length; k++) if (trades.column[k] === column) pick.push(k);
    const sel = <T extends { [i: number]: number }>(a: T) => pick.map((k) => a[k]!);
    markers = toTradeMarkers(
      time,
      {
        entryIndex: sel(trades.entryIndex),
        // An open trade's exitIndex is the last bar; it has no exit marker.
        exitIndex: pick.map((k) => (trades.open[k] ? -1 : trades.exitIndex[k]!)),
        entryPrice: sel(trades.entryPrice),
        exitPrice: sel(trades.exitPrice),
        size: sel(trades.size),
        pnl: pick.map((k) => (trades.open[k] ? NaN : trades.pnl[k]!)),
        direction: sel(trades.direction),
      },
      { timeUnit, buyColor: COLORS.up, sellColor: COLORS.down, format: markerFormat },
    );
    const text = o.markerText ?? 'auto';
    if (text === 'never' || (text === 'auto' && markers.length > AUTO_TEXT_MAX)) markers = markers.map((m) => ({ ...m, text: '' }));
  }

  const charts = chartsBundle();
  const data = {
    colors: COLORS,
    candles,
    lines: lineList,
    markers,
    equity: toLineData(time, equity, { timeUnit }),
    benchmark: first >= 0 ? toLineData(time, benchmark, { timeUnit }) : [],
    drawdown: toLineData(time, drawdown, { timeUnit }),
  };
  const title = (o.title as string | undefined) ?? 'Backtest report';
  const subtitle = o.subtitle as string | undefined;
  const legend = [
    ...lineList.map((l) => [(l as { name: string }).name, (l as { color: string }).color]),
    ['Long entry / short exit', COLORS.up],
    ['Long exit / short entry', COLORS.down],
  ]
    .map(([name, color]) => `<span style="--c: ${escapeHtml(color!)}">${escapeHtml(name!)}</span>`)
    .join('');
  const rows = metricRows(stats)
    .map((m) => `<tr data-metric="${m.name}" data-value="${m.raw}"><th scope="row">${escapeHtml(m.label)}</th><td>${escapeHtml(m.text)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hean backtestReport">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${subtitle === undefined ? '' : `<p class="sub">${escapeHtml(subtitle)}</p>`}
</header>
<div id="error" role="alert"></div>
<div class="legend">${legend}</div>
<div id="chart"></div>
<div class="panes"><span>Top: price, lines and trades</span><span>Middle: equity (dashed: buy and hold)</span><span>Bottom: drawdown, %</span></div>
<table id="metrics">
<caption>Metrics (${n} bars${res.columns > 1 ? `, column ${column}` : ''})</caption>
<tbody>
${rows}
</tbody>
</table>
<footer>Made with hean. Charts: TradingView Lightweight Charts™ ${escapeHtml(charts.version)} (Apache-2.0), inlined.</footer>
<script type="application/json" id="hean-report-data">${jsonForScript(data)}</script>
<script>${charts.source}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Writes {@link backtestReport}'s page to `path` (write to a temporary file beside it,
 * then rename: a reader never sees half a report) and returns the absolute path.
 *
 * @throws as {@link backtestReport} (nothing is written then); the file system's errors.
 * @example
 * const file = writeReport('report.html', { bars, result, lines });
 * console.log(`open file://${file}`);
 */
export function writeReport(path: string, input: BacktestReportInput): string {
  if (typeof path !== 'string' || path === '') throw new TypeError(`hean.writeReport: path must be a non-empty string, got ${describe(path)}`);
  const html = backtestReport(input);
  const abs = resolve(path);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, html);
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return abs;
}
