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
