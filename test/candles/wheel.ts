// The Python TA-Lib 0.8.2 wheel (TA-Lib C 0.8) on candles, through reference.py: the
// reference of the candlestick pattern tests (batch, WASM engine, streams).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePyRef } from '../backtest/pyref.js';
import type { Bars } from '../support/candle-bars.js';

export const ref = ensurePyRef();
export const CI = process.env.CI === 'true';

/** TA-Lib's name of a hean pattern: CDL + the name after `cdl`, upper case. */
export const taName = (name: string) => `CDL${name.slice(3).toUpperCase()}`;

/** The wheel's rows (int16, pattern-major) and lookbacks for the patterns `names`. */
export function wheel(d: Bars, names: string[], settings?: Float64Array): { rows: Int16Array; lookbacks: number[] } {
  if (!ref.ok) throw new Error(ref.why);
  const base = join(mkdtempSync(join(tmpdir(), 'hean-cdl-')), 'bars');
  for (const k of ['o', 'h', 'l', 'c'] as const) writeFileSync(`${base}.${k}`, new Uint8Array(d[k].buffer, d[k].byteOffset, d[k].byteLength));
  const args = [join(__dirname, 'reference.py'), base, names.map(taName).join(',')];
  if (settings) args.push([...settings].join(','));
  const r = spawnSync(ref.python, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reference.py failed:\n${r.stderr.slice(-3000)}`);
  const buf = readFileSync(`${base}.ref`);
  return { rows: new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2), lookbacks: r.stdout.trim().split(',').map(Number) };
}

