// The `hean` CLI: dispatcher (help, unknown commands, exit codes), `hean report` options
// and its backtest (checked against backtest.maCrossGrid, the kernel's fused crossover),
// and the built bin (dist/cli.js) when present.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsvBars } from '../../src/cli/csv.js';
import { commands, main } from '../../src/cli/main.js';
import { maCrossBacktest } from '../../src/cli/report.js';
import { backtest } from '../../src/index.js';
import { reportData, samplePath, sampleBars } from './fixture.js';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'hean-cli-'));

describe('hean (dispatcher)', () => {
  it('--help lists every command from the table, exit 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const [name, c] of Object.entries(commands)) expect(r.out).toMatch(new RegExp(`^  ${esc(name)} +${esc(c.summary)}$`, 'm'));
    expect(Object.keys(commands)).toEqual(['report', 'serve-risk', 'worker']);
  });

  it('no command: usage on stderr, exit 2; unknown command: named, exit 2', async () => {
    expect(await run()).toMatchObject({ code: 2, out: '' });
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^hean: unknown command 'frobnicate'/);
    expect((await run('toString')).code).toBe(2); // not an inherited property
  });

  it('<command> --help prints its usage', async () => {
    const r = await run('report', '--help');
    expect(r).toMatchObject({ code: 0, out: commands.report!.usage });
    expect(r.out).toMatch(/--csv FILE/);
  });
});

describe('hean report', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [[], /exactly one of --csv FILE or --sample/],
    [['--sample', '--csv', 'x.csv'], /exactly one of/],
    [['--sample', '--fast', '30', '--slow', '10'], /--fast \(30\) must be less than --slow \(10\)/],
    [['--sample', '--fast', '1.5'], /--fast must be an integer >= 1, got '1.5'/],
    [['--sample', '--ma', 'wma'], /--ma must be one of sma, ema, got 'wma'/],
    [['--sample', '--fees', 'abc'], /--fees must be a fraction > -1/],
    [['--sample', 'extra'], /Unexpected argument 'extra'/],
  ])('usage error %j → exit 2 with the reason', async (args, msg) => {
    const r = await run('report', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err).toContain("Run 'hean report --help'");
  });

  it('a missing or malformed CSV → exit 1, naming the file and line', async () => {
    expect(await run('report', '--csv', join(dir, 'nope.csv'))).toMatchObject({ code: 1, err: expect.stringMatching(/cannot read .*nope\.csv/) });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'time,open,high,low,close\n1000,1,2,0.5,1.5\n2000,1,2,x,1.5\n');
    expect(await run('report', '--csv', bad)).toMatchObject({ code: 1, err: expect.stringContaining('bad.csv:3: low must be a number') });
    writeFileSync(bad, 'time,open,high,close\n1000,1,2,1.5\n');
    expect(await run('report', '--csv', bad)).toMatchObject({ code: 1, err: expect.stringContaining("has no 'low' column") });
    const down = join(dir, 'down.csv');
    writeFileSync(down, 'time,open,high,low,close\n' + Array.from({ length: 40 }, (_, i) => `${(40 - i) * 60000},1,2,0.5,1.5`).join('\n'));
    expect(await run('report', '--csv', down)).toMatchObject({ code: 1, err: expect.stringMatching(/strictly increasing/) });
  });

  it('writes the report of a CSV (ISO or second times too) and prints its path', async () => {
    const bars = sampleBars(3000);
    const rows = Array.from(bars.close, (_, i) => `${new Date(bars.time[i]!).toISOString()},${bars.open[i]},${bars.high[i]},${bars.low[i]},${bars.close[i]},1`);
    const csv = join(dir, 'iso.csv');
    writeFileSync(csv, `Date,Open,High,Low,Close,Volume\n${rows.join('\n')}\n`);
    const out = join(dir, 'iso.html');
    const r = await run('report', '--csv', csv, '--fast', '12', '--slow', '40', '--ma', 'ema', '--fees', '0.0005', '--out', out, '--title', 'EMA <test>');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(out);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>EMA &lt;test&gt;</title>');
    const data = reportData(html);
    expect(data.candles).toHaveLength(3000);
    expect(data.lines.map((l: { name: string }) => l.name)).toEqual(['EMA 12', 'EMA 40']);
    // The same run from a CSV with times in seconds.
    const secs = join(dir, 'secs.csv');
    writeFileSync(secs, `time,open,high,low,close\n${Array.from(bars.close, (_, i) => `${bars.time[i]! / 1000},${bars.open[i]},${bars.high[i]},${bars.low[i]},${bars.close[i]}`).join('\n')}\n`);
    const out2 = join(dir, 'secs.html');
    expect((await run('report', '--csv', secs, '--time-unit', 's', '--fast', '12', '--slow', '40', '--ma', 'ema', '--fees', '0.0005', '--out', out2, '--title', 'EMA <test>')).code).toBe(0);
    expect(readFileSync(out2, 'utf8').replace(/secs\.csv/g, 'iso.csv')).toBe(html);
  });

  it('--sample uses the repository sample; periodsPerYear from the bar interval', async () => {
    const out = join(dir, 'sample.html');
    const r = await run('report', '--sample', '--out', out);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const bars = parseCsvBars(readFileSync(samplePath, 'utf8'), samplePath, 'ms');
    const ref = backtest.maCrossGrid(bars, { fast: [10], slow: [30], pairs: true, fees: 0.001, initCash: 10_000, periodsPerYear: 525_600 }).stats(0);
    const sharpe = /data-metric="sharpeRatio" data-value="([^"]+)"/.exec(html)![1];
    expect(Number(sharpe)).toBe(ref.sharpeRatio);
  });
});

describe('maCrossBacktest (the CLI backtest)', () => {
  const bars = sampleBars(4000);
  it.each([
    ['sma', 'long'],
    ['ema', 'long'],
    ['sma', 'short'],
    ['sma', 'both'],
    ['ema', 'both'],
  ] as const)('%s %s: the metrics and trades of backtest.maCrossGrid on the same windows', (ma, direction) => {
    const o = { fast: 7, slow: 25, ma, direction, fees: 0.001, initCash: 1000, periodsPerYear: 525_600 };
    const { result } = maCrossBacktest(bars, o);
    const grid = backtest.maCrossGrid(bars, { fast: [7], slow: [25], pairs: true, maType: ma, direction, fees: 0.001, initCash: 1000, periodsPerYear: 525_600, trades: true });
    expect(result.stats(0)).toEqual(grid.stats(0));
    expect(result.trades!.entryIndex).toEqual(grid.trades!.entryIndex);
    expect(result.trades!.exitIndex).toEqual(grid.trades!.exitIndex);
    expect(result.stats(0).totalTrades).toBeGreaterThan(10);
  });
});

describe('the built bin (dist/cli.js)', () => {
  const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  it.skipIf(!existsSync(bin))('has a shebang, prints help, exits 2 on an unknown command, writes a report', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('report');
    const bad = spawnSync(process.execPath, [bin, 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown command 'nope'");
    const out = join(dir, 'bin.html');
    const r = spawnSync(process.execPath, [bin, 'report', '--sample', '--fast', '20', '--slow', '60', '--out', out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(reportData(readFileSync(out, 'utf8')).lines[1].name).toBe('SMA 60');
  });
});
