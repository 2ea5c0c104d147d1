// The recurrence kernels (RSI, CMO: two bars a step with the branch-free gain/loss split;
// Wilder's average, DEMA, TEMA, TRIX: one bar a step, which keeps the meaning of their
// stream snapshots' state) against TA-Lib and an
// independent reference on long series: odd and even lengths (the unpaired last bar), long
// flat stretches (zero changes), and TRIX of a triple EMA
// that crosses zero (its rate of change from a near-zero value).
import { describe, expect, it } from 'vitest';
import { cmo } from '../../src/indicators/cmo.js';
import { dema } from '../../src/indicators/dema.js';
import { rsi } from '../../src/indicators/rsi.js';
import { tema } from '../../src/indicators/tema.js';
import { trix } from '../../src/indicators/trix.js';
import { wilders } from '../../src/indicators/wilders.js';
import { expectClose, rma, sample, ta } from '../helpers.js';

/** A 60k-bar random walk with flat stretches; `odd` drops the last bar. */
function longSeries(odd: boolean): Float64Array {
  const { close } = sample(60_001, 7);
  for (let i = 20_000; i < 20_030; i++) close[i] = close[19_999]!;
  for (let i = 40_000; i < 40_037; i++) close[i] = close[39_999]!;
  return odd ? close : close.subarray(0, 60_000);
}

describe('paired recurrences on long series', () => {
  for (const odd of [false, true]) {
    const x = longSeries(odd);
    describe(`${x.length} bars`, () => {
      it.each([2, 3, 14, 30])('DEMA, TEMA, TRIX, RSI, CMO (%i) match TA-Lib to 1e-9', (p) => {
        const opt = { optInTimePeriod: p };
        expectClose(dema(x, p), ta('DEMA', { inReal: x }, opt).outReal!, 1e-9, `dema${p}`);
        expectClose(tema(x, p), ta('TEMA', { inReal: x }, opt).outReal!, 1e-9, `tema${p}`);
        expectClose(trix(x, p), ta('TRIX', { inReal: x }, opt).outReal!, 1e-9, `trix${p}`);
        expectClose(rsi(x, p), ta('RSI', { inReal: x }, opt).outReal!, 1e-9, `rsi${p}`);
        expectClose(cmo(x, p), ta('CMO', { inReal: x }, opt).outReal!, 1e-9, `cmo${p}`);
      });
      it.each([2, 3, 14, 100])('wilders(%i) matches the one-bar-at-a-time RMA', (p) => {
        expectClose(wilders(x, p), rma(x, p), 1e-12, `wilders${p}`);
      });
    });
  }
  it('TRIX of a series oscillating around zero matches TA-Lib to 1e-9', () => {
    const n = 20_001;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin(i / 37) * 1e-3 + Math.sin(i / 5.3) * 2e-4;
    for (const p of [3, 8, 15]) {
      expectClose(trix(x, p), ta('TRIX', { inReal: x }, { optInTimePeriod: p }).outReal!, 1e-9, `trix${p}`);
    }
  });
});
