// Regenerates the README's indicator table from the native table (one description per
// indicator), between the `<!-- indicators:begin -->` / `<!-- indicators:end -->` markers.
//   npm run build && node scripts/readme-tables.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as hean from '../dist/index.js';

const file = fileURLToPath(new URL('../README.md', import.meta.url));
const fmt = (o) => {
  const range = o.choices
    ? o.choices.split('|').map((c) => `'${c}'`).join(' \\| ')
    : `${o.integer ? 'int ' : ''}${o.min}..${o.max >= 1e9 ? '∞' : o.max}`;
  const def = o.choices ? `'${o.choices.split('|')[o.default]}'` : o.default;
  return `\`${o.name}\`=${def} (${range})`;
};
const rows = hean.indicators().map((m) => {
  const ins = m.inputs.map((x, k) => (k < m.required ? x : `${x}?`)).join(', ');
  const outs = m.outputs.length === 1 ? 'Float64Array' : `{ ${m.outputs.join(', ')} }`;
  const lb = (() => {
    try {
      return hean[m.name].lookback();
    } catch {
      return '';
    }
  })();
  return `| \`${m.name}\` | ${m.summary} | ${ins} | ${m.options.map(fmt).join(', ') || '—'} | ${outs} | ${lb} | ${m.many ? 'SIMD×8' : 'per series'} |`;
});
const table = [
  '| function | what | inputs | options (default, range) | output | lookback at defaults | many-series |',
  '|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
const md = readFileSync(file, 'utf8');
const out = md.replace(/<!-- indicators:begin -->[\s\S]*<!-- indicators:end -->/, `<!-- indicators:begin -->\n${table}\n<!-- indicators:end -->`);
writeFileSync(file, out);
console.log(`README: ${rows.length} indicators`);

// The benchmark tables, from the latest `npm run bench` results (benches/results/*.json).
const read = (f) => {
  try {
    return JSON.parse(readFileSync(fileURLToPath(new URL(`../benches/results/${f}`, import.meta.url)), 'utf8'));
  } catch {
    return undefined;
  }
};
const ind = read('indicators-latest.json');
const str = read('streaming-latest.json');
const mkt = read('market-latest.json');
const trd = read('trading-latest.json');
if (ind) {
  const f = (x) => (x === undefined ? 'n/a' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
  const peers = ['talib', 'tulind', 'ti', 'ts', 'ixjb'];
  const lines = [
    `Machine: ${ind.machine.cpu}, ${ind.machine.cores} cores, Node ${ind.machine.node}; ${ind.config.bars.toLocaleString('en-US')} bars; ns per bar, median of at least ${ind.config.minRuns} runs (${ind.date.slice(0, 10)}).`,
    '',
    '| indicator | hean (out) | hean (alloc) | plain JS | talib | tulind | technicalindicators | trading-signals | @ixjb94 | fastest peer ÷ hean | target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...ind.indicators.map((i) => {
      const c = i.cells;
      return `| ${i.label} | ${f(c.heanOut?.nsPerBar)} | ${f(c.heanAlloc?.nsPerBar)} | ${f(c.plain?.nsPerBar)} | ${peers.map((p) => f(c[p]?.nsPerBar)).join(' | ')} | ${i.ratio.toFixed(1)}× | ≤ ${i.target} ns, ≥ 10× |`;
    }),
    '',
    `Many series: ema(20) on ${ind.many.series} series × ${ind.many.bars.toLocaleString('en-US')} bars in one call: ${f(ind.many.manyNsPerBarSeries)} ns per bar-series vs ${f(ind.many.singleNsPerBar)} ns/bar for one series (${ind.many.ratio.toFixed(2)}×; target 3×). The job streams 512 MiB in and 512 MiB out; \`benches/membw.cpp\` measures the floor of any such pass here (a bare y = 1.5·x, non-temporal stores, both cores: about 0.31 ns per element), above the 3× mark.`,
    `Sweep: sma for periods ${ind.sweep.periods} on ${ind.sweep.bars.toLocaleString('en-US')} bars: ${ind.sweep.sweepOutMs?.toFixed(0) ?? 'n/a'} ms into \`out\` (${ind.sweep.sweepMs.toFixed(0)} ms allocating) vs ${ind.sweep.loopOutMs.toFixed(0)} ms for ${ind.sweep.combos} single calls into a preallocated buffer.`,
  ];
  if (str) {
    lines.push('', `Streaming, ns per update (${str.date.slice(0, 10)}):`, '', '| indicator | hean | trading-signals | technicalindicators | fastest peer ÷ hean |', '|---|---:|---:|---:|---:|');
    for (const r of str.results) lines.push(`| ${r.name} | ${f(r.hean)} | ${f(r.tradingSignals)} | ${f(r.technicalindicators)} | ${r.ratio.toFixed(1)}× |`);
    const ema = str.results.find((r) => r.name.startsWith('ema'));
    if (str.bareEmaFloorNs && ema) {
      lines.push('', `A bare JS EMA class (one multiply-add per update, no gap handling, warm-up or \`replace\`) takes ${f(str.bareEmaFloorNs)} ns per update on this machine, so no JS streaming EMA can be 4× trading-signals' ${f(ema.tradingSignals)} ns (that needs ${f(ema.tradingSignals / 4)}).`);
    }
  }
  if (mkt) {
    lines.push('', 'Market data, million ticks per second:', '', '| operation | M ticks/s | target |', '|---|---:|---|');
    for (const [name, m, target] of mkt.rows) lines.push(`| ${name} | ${m} | ${target} |`);
  }
  if (trd?.table) lines.push('', 'Trading core:', '', trd.table);
  const md2 = readFileSync(file, 'utf8');
  writeFileSync(file, md2.replace(/<!-- bench:begin -->[\s\S]*<!-- bench:end -->/, `<!-- bench:begin -->\n${lines.join('\n')}\n<!-- bench:end -->`));
  console.log('README: benchmark tables');
}
