// TA-Lib C 0.8.1 itself (the Python TA-Lib 0.8.2 wheel of test/backtest/pyref.ts) for the
// indicator tests whose reference is 0.8 (where npm talib's 0.6 differs, e.g. HT_TRENDLINE)
// or that need options npm talib does not take (the unstable period, any MAType).
import { spawnSync } from 'node:child_process';
import { ensurePyRef } from '../backtest/pyref.js';

export const ref08 = ensurePyRef();

const SCRIPT = `
import sys, json, numpy as np, talib
from talib import abstract
out = []
for c in json.load(sys.stdin):
    talib.set_unstable_period('ALL', 0)
    if c.get('unstable'):
        talib.set_unstable_period(c['fn'], c['unstable'])
    f = abstract.Function(c['fn'])
    defaults = f.parameters
    params = {k: (float(v) if isinstance(defaults.get(k), float) else v) for k, v in c['params'].items()}
    r = f({k: np.array(v, dtype=float) for k, v in c['inputs'].items()}, **params)
    r = r if isinstance(r, list) else [r]
    lb = f.lookback
    res = []
    for a in r:
        a = np.asarray(a)
        is_int = a.dtype.kind in 'iu'
        a = a.astype(float)
        if is_int:
            a[:lb] = np.nan  # integer outputs (HT_TRENDMODE) have no NaN warm-up
        res.append([None if np.isnan(v) else float(v) for v in a])
    out.append(res)
talib.set_unstable_period('ALL', 0)
print(json.dumps(out))
`;

export interface Call08 {
  fn: string;
  inputs: Record<string, ArrayLike<number>>;
  params?: Record<string, number>;
  /** TA_SetUnstablePeriod for this function. */
  unstable?: number;
}

/** Each call's outputs (TA-Lib's order), full length, NaN before TA-Lib's begIndex. */
export function ta08(calls: Call08[]): Float64Array[][] {
  if (!ref08.ok) throw new Error(ref08.why);
  const input = JSON.stringify(calls.map((c) => ({ ...c, params: c.params ?? {}, inputs: Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, Array.from(v)])) })));
  const r = spawnSync(ref08.python, ['-c', SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`TA-Lib 0.8 reference failed:\n${r.stderr.slice(-3000)}`);
  const res = JSON.parse(r.stdout) as (number | null)[][][];
  return res.map((outs) => outs.map((a) => Float64Array.from(a, (v) => (v === null ? NaN : v))));
}
