// The report tests' data: the first bars of the repository's sample and a 10/30 SMA
// crossover backtest on them (through the CLI's own backtest, checked against
// backtest.maCrossGrid in cli.test.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsvBars, type CsvBars } from '../../src/cli/csv.js';
import { maCrossBacktest } from '../../src/cli/report.js';
import type { BacktestReportInput } from '../../src/index.js';

export const samplePath = fileURLToPath(new URL('../../examples/data/sample-1m.csv', import.meta.url));

/** The first `n` bars of the sample. */
export function sampleBars(n: number): CsvBars {
  const all = parseCsvBars(readFileSync(samplePath, 'utf8'), samplePath, 'ms');
  const cut = (a: Float64Array) => a.slice(0, n);
  return { time: cut(all.time), open: cut(all.open), high: cut(all.high), low: cut(all.low), close: cut(all.close) };
}

/** A report input: 10/30 SMA crossover with 0.1% fees on `n` sample bars. */
export function reportInput(n: number, extra: Partial<BacktestReportInput> = {}): BacktestReportInput & { fast: Float64Array; slow: Float64Array } {
  const bars = sampleBars(n);
  const { result, fast, slow } = maCrossBacktest(bars, { fast: 10, slow: 30, ma: 'sma', direction: 'long', fees: 0.001, initCash: 10_000, periodsPerYear: 525_600 });
  return {
    bars,
    result,
    fast,
    slow,
    lines: [
      { name: 'SMA 10', values: fast },
      { name: 'SMA 30', values: slow },
    ],
    title: 'SMA 10/30 crossover',
    ...extra,
  };
}

/** The JSON data element of a report, parsed. */
export function reportData(html: string): any {
  const m = /<script type="application\/json" id="hean-report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no data element');
  return JSON.parse(m[1]!);
}
