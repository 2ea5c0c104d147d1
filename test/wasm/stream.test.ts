// The C++-step streams in WASM linear memory: values stay right when the memory grows under
// live instances (growth detaches every view of the old buffer), snapshots taken after it
// restore into fresh instances, and instances of the same class do not share state.
import { describe, expect, it } from 'vitest';
import { bbands } from '../../src/indicators/bbands.js';
import { macd } from '../../src/indicators/macd.js';
import { sma } from '../../src/indicators/sma.js';
import { Bbands, Macd, Sma } from '../../src/stream/index.js';
import { wasmEngine } from '../../src/wasm/load.js';
import { sample } from '../helpers.js';

const { close } = sample(3000, 5);

describe('C++-step streams in WASM memory', () => {
  it('keep computing the batch bits while linear memory grows under them', () => {
    const s = new Sma(50);
    const m = new Macd();
    const b = new Bbands(20);
    const wantS = sma(close, 50);
    const wantM = macd(close);
    const wantB = bbands(close, 20);
    const hog: Sma[] = [];
    for (let i = 0; i < close.length; i++) {
      // Every 100 bars, a batch of instances with 64k-value windows (512 KiB each): the
      // memory grows many times while s, m and b are mid-run.
      if (i % 100 === 0) for (let k = 0; k < 8; k++) hog.push(new Sma(65_536));
      expect(Object.is(s.update(close[i]!), wantS[i]), `sma at ${i}`).toBe(true);
      const mv = m.update(close[i]!);
      expect([mv.macd, mv.signal, mv.histogram], `macd at ${i}`).toEqual([wantM.macd[i], wantM.signal[i], wantM.histogram[i]]);
      const bv = b.update(close[i]!);
      expect([bv.upper, bv.middle, bv.lower], `bbands at ${i}`).toEqual([wantB.upper[i], wantB.middle[i], wantB.lower[i]]);
    }
    expect(hog.length).toBeGreaterThan(200);
    // A snapshot after the growth resumes exactly in a new instance.
    const snap = JSON.parse(JSON.stringify(s.snapshot()));
    const r = new Sma(50);
    r.restore(snap);
    const more = [101.5, 99.25, 100.125];
    for (const x of more) expect(r.update(x)).toBe(s.update(x));
  });

  it('a multi-output class hot in optimised code reads its outputs right after the memory grows', () => {
    // Multi-output update() keeps a view of its outputs and renews it when a read of the old
    // one gives undefined (detached by the growth): checked after enough updates for V8 to
    // optimise update(), so the renewal also runs from optimised code.
    const x = sample(120_000, 9).close;
    const want = macd(x);
    const m = new Macd();
    const api = wasmEngine().streamApi();
    const hog: Sma[] = [];
    for (let i = 0; i < x.length; i++) {
      if (i === 100_000) {
        const before = api.heap();
        while (api.heap() === before) hog.push(new Sma(65_536));
      }
      const v = m.update(x[i]!);
      if (i >= 99_990 && i < 100_010) expect([v.macd, v.signal, v.histogram], `macd at ${i}`).toEqual([want.macd[i], want.signal[i], want.histogram[i]]);
      else if (!(Object.is(v.signal, want.signal[i]) && Object.is(v.histogram, want.histogram[i]))) expect.fail(`macd at ${i}: ${v.signal} ${v.histogram}`);
    }
    expect(hog.length).toBeGreaterThan(0);
  });

  it('instances are independent; reset starts over', () => {
    const a = new Sma(3);
    const b = new Sma(3);
    [1, 2, 3, 4].forEach((x) => a.update(x));
    expect(a.value).toBe(3);
    expect(b.ready).toBe(false);
    b.update(10);
    expect(a.value).toBe(3);
    a.reset();
    expect(a.ready).toBe(false);
    expect([5, 6, 7].map((x) => a.update(x))).toEqual([NaN, NaN, 6]);
  });
});
