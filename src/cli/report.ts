// `hean report`: a moving-average crossover backtest on bars from a CSV (or the
// repository's sample) → a self-contained HTML report.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backtest, type BacktestResult } from '../backtest/index.js';
import { crossedAbove } from '../backtest/signals.js';
import { ema } from '../indicators/ema.js';
import { sma } from '../indicators/sma.js';
import { writeReport } from '../report/index.js';
import { parseCsvBars, type CsvBars } from './csv.js';
import { UsageError, type CliIO, type Command } from './command.js';

const usage = `Usage: hean report (--csv FILE | --sample) [options]

Runs a moving-average crossover backtest (long on the fast MA crossing above the slow,
out on crossing below; vectorbt's crossed_above, as backtest.maCrossGrid) and writes a
self-contained HTML report: candles with both MAs and the trades, equity, drawdown and
every metric. The page opens offline.

Options:
  --csv FILE              bars from a CSV whose header names time, open, high, low, close
                          (time: a number in --time-unit, or an ISO 8601 date)
  --sample                the repository's sample (examples/data/sample-1m.csv, 7 days of
                          1-minute bars; not in the npm package)
  --time-unit ms|s        unit of numeric CSV times (default ms)
  --fast N                fast MA window (default 10)
  --slow N                slow MA window, > fast (default 30)
  --ma sma|ema            moving average (default sma)
  --direction long|short|both   (default long; both: crossing below reverses to a short)
  --fees F                fee per fill as a fraction of traded value (default 0.001)
  --init-cash X           starting cash (default 10000)
  --periods-per-year N    for annualised metrics (default: from the median bar interval)
  --title TEXT            page title
  --out FILE              where to write the report (default report.html)
  -h, --help              this help
`;

/** The package root: the nearest folder upwards holding hean's package.json. */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = join(dir, 'package.json');
    if (existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name === 'hean') return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function int(v: string | undefined, name: string, def: number): number {
  if (v === undefined) return def;
  const x = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(x) || x < 1) throw new UsageError(`--${name} must be an integer >= 1, got '${v}'`);
  return x;
}

function real(v: string | undefined, name: string, def: number, ok: (x: number) => boolean, allowed: string): number {
  if (v === undefined) return def;
  const x = Number(v);
  if (v.trim() === '' || !ok(x)) throw new UsageError(`--${name} must be ${allowed}, got '${v}'`);
  return x;
}

function oneOf<T extends string>(v: string | undefined, name: string, list: readonly T[]): T {
  if (v === undefined) return list[0]!;
  if (!(list as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${list.join(', ')}, got '${v}'`);
  return v as T;
}

/** Options of {@link maCrossBacktest}. */
export interface MaCrossOptions {
  fast: number;
  slow: number;
  ma: 'sma' | 'ema';
  direction: 'long' | 'short' | 'both';
  fees: number;
  initCash: number;
  periodsPerYear: number;
}

/** The CLI's backtest: MA crossings → backtest.fromSignals with equity and drawdown. */
export function maCrossBacktest(bars: CsvBars, o: MaCrossOptions): { result: BacktestResult; fast: Float64Array; slow: Float64Array } {
  const ma = o.ma === 'ema' ? ema : sma;
  const fast = ma(bars.close, o.fast);
  const slow = ma(bars.close, o.slow);
  const result = backtest.fromSignals(
    { open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: crossedAbove(fast, slow), exits: crossedAbove(slow, fast) },
    { direction: o.direction, fees: o.fees, initCash: o.initCash, periodsPerYear: o.periodsPerYear, equity: true, drawdown: true },
  );
  return { result, fast, slow };
}

/** Bars per year from the median bar interval (365-day years: crypto trades every day). */
function periodsPerYearOf(time: Float64Array): number {
  const d = Array.from({ length: time.length - 1 }, (_, i) => time[i + 1]! - time[i]!).sort((a, b) => a - b);
  const mid = d[d.length >> 1];
  return mid !== undefined && mid > 0 ? (365 * 86_400_000) / mid : 365;
}

function run(args: string[], io: CliIO): number {
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        csv: { type: 'string' },
        sample: { type: 'boolean' },
        'time-unit': { type: 'string' },
        fast: { type: 'string' },
        slow: { type: 'string' },
        ma: { type: 'string' },
        direction: { type: 'string' },
        fees: { type: 'string' },
        'init-cash': { type: 'string' },
        'periods-per-year': { type: 'string' },
        title: { type: 'string' },
        out: { type: 'string' },
      },
    }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const s = (k: string) => v[k] as string | undefined;
  if ((v.csv === undefined) === (v.sample === undefined)) throw new UsageError('give exactly one of --csv FILE or --sample');
  const fast = int(s('fast'), 'fast', 10);
  const slow = int(s('slow'), 'slow', 30);
  if (fast >= slow) throw new UsageError(`--fast (${fast}) must be less than --slow (${slow})`);
  const ma = oneOf(s('ma'), 'ma', ['sma', 'ema'] as const);
  const direction = oneOf(s('direction'), 'direction', ['long', 'short', 'both'] as const);
  const timeUnit = oneOf(s('time-unit'), 'time-unit', ['ms', 's'] as const);
  const fees = real(s('fees'), 'fees', 0.001, (x) => Number.isFinite(x) && x > -1, 'a fraction > -1');
  const initCash = real(s('init-cash'), 'init-cash', 10_000, (x) => Number.isFinite(x) && x > 0, 'a number > 0');
  const out = s('out') ?? 'report.html';
  if (out === '') throw new UsageError('--out must be a file path');

  let file: string;
  if (v.sample) {
    const root = packageRoot();
    file = root === undefined ? '' : join(root, 'examples', 'data', 'sample-1m.csv');
    if (!root || !existsSync(file)) throw new Error('the sample ships with the hean repository, not the npm package; pass --csv FILE');
  } else file = s('csv')!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const bars = parseCsvBars(text, file, timeUnit);
  if (bars.close.length <= slow) throw new Error(`${file} has ${bars.close.length} bars; the slow MA (${slow}) needs more`);
  const periodsPerYear = real(s('periods-per-year'), 'periods-per-year', periodsPerYearOf(bars.time), (x) => Number.isFinite(x) && x > 0, 'a number > 0');
  const { result, fast: f, slow: sl } = maCrossBacktest(bars, { fast, slow, ma, direction, fees, initCash, periodsPerYear });
  const name = ma.toUpperCase();
  const path = writeReport(out, {
    bars,
    result,
    lines: [
      { name: `${name} ${fast}`, values: f },
      { name: `${name} ${slow}`, values: sl },
    ],
    title: s('title') ?? `${name} ${fast}/${slow} crossover`,
    subtitle: `${bars.close.length} bars from ${file.split(/[\\/]/).pop()} · ${direction} · fees ${fees * 100}% · start cash ${initCash}`,
  });
  const m = result.stats(0);
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  io.out(`${path}\ntotal return ${pct(m.totalReturn)} (buy & hold ${pct(m.benchmarkReturn)}), Sharpe ${m.sharpeRatio.toFixed(2)}, max drawdown ${pct(m.maxDrawdown)}, ${m.totalTrades} trades\n`);
  return 0;
}

/** `hean report`. */
export const reportCommand: Command = { summary: 'MA-crossover backtest of a CSV (or the sample) → self-contained HTML report', usage, run };
