// Bench entry point (`npm run bench`): runs each suite in its own node process with
// --expose-gc, so a suite can collect between sections (never before a timed run) and
// starts from a clean heap. Suites run in order; optional ones are skipped when their file is missing.
//
//   npm run bench                    all suites
//   npm run bench -- indicators      only the named suite(s)
//   HEAN_BENCH_BARS=100000 npm run bench   quick smoke run (see indicators.mjs for the env vars)
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SUITES = [
  { name: 'indicators', file: 'indicators.mjs', optional: false },
  { name: 'functions', file: 'functions.mjs', optional: false },
  { name: 'streaming', file: 'streaming.mjs', optional: false },
  { name: 'engines', file: 'engines.mjs', optional: true },
  { name: 'alloc', file: 'alloc.mjs', optional: true },
  { name: 'market', file: 'market.mjs', optional: false },
  { name: 'trading', file: 'trading.mjs', optional: true },
  { name: 'backtest', file: 'backtest.mjs', optional: true },
  { name: 'otel', file: 'otel.mjs', optional: true },
  { name: 'events', file: 'events.mjs', optional: true },
  { name: 'nats', file: 'nats.mjs', optional: true },
  { name: 'floors', file: 'floors.mjs', optional: true },
  { name: 'isa', file: 'isa.mjs', optional: true },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SUITES.some((s) => s.name === w));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; available: ${SUITES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const suite of SUITES) {
  if (wanted.length && !wanted.includes(suite.name)) continue;
  const path = fileURLToPath(new URL(suite.file, import.meta.url));
  if (!existsSync(path)) {
    if (!suite.optional || wanted.includes(suite.name)) {
      console.error(`bench suite '${suite.name}': ${path} not found`);
      failed++;
    }
    continue;
  }
  const r = spawnSync(process.execPath, ['--expose-gc', path], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`bench suite '${suite.name}' failed (${r.signal ?? `exit ${r.status}`})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
