import { describe, expect, it } from 'vitest';
import { ema } from '../../src/indicators/ema.js';
import { macd } from '../../src/indicators/macd.js';
import { rsi } from '../../src/indicators/rsi.js';
import { sma } from '../../src/indicators/sma.js';
import { features } from '../../src/market/features.js';
import { sample } from '../helpers.js';

describe('features', () => {
  const bars = sample(2000, 3);

  it('equals the indicators computed one at a time, with a forward-return label', () => {
    const m = features(
      bars,
      [
        { fn: 'rsi', options: 14 },
        { fn: 'sma', options: 20, input: 'volume' },
        { fn: 'ema', options: 50, transform: 'relative' },
        { fn: 'macd', output: 'histogram' },
        { fn: 'macd', options: { fast: 5, slow: 10, signal: 3 }, name: 'm' },
      ],
      { label: { horizon: 5 } },
    );
    expect(m.columns).toEqual(['rsi_14', 'sma(volume)_20', 'ema_50', 'macd_histogram', 'm_macd', 'm_signal', 'm_histogram', 'label_h5']);
    const r = rsi(bars.close, 14);
    const v = sma(bars.volume, 20);
    const e = ema(bars.close, 50);
    const h = macd(bars.close).histogram;
    const m2 = macd(bars.close, { fast: 5, slow: 10, signal: 3 });
    // First row: the first bar where every feature exists (macd's 33), last: n-1-5.
    expect(m.index[0]).toBe(49);
    expect(m.index[m.rows - 1]).toBe(2000 - 1 - 5);
    const c = m.columns.length;
    for (let row = 0; row < m.rows; row++) {
      const i = m.index[row]!;
      const got = Array.from(m.data.subarray(row * c, row * c + c));
      const want = [r[i], v[i], e[i]! / bars.close[i]! - 1, h[i], m2.macd[i], m2.signal[i], m2.histogram[i], bars.close[i + 5]! / bars.close[i]! - 1];
      expect(got).toEqual(want);
    }
  });

  it('keeps warm-up rows on request, and rejects bad specs', () => {
    const m = features(bars, [{ fn: 'sma', options: 10 }], { warmup: 'keep' });
    expect(m.rows).toBe(2000);
    expect(m.data[0]).toBeNaN();
    expect(() => features(bars, [{ fn: 'nope' }])).toThrow(/unknown indicator/);
    expect(() => features(bars, [{ fn: 'macd', output: 'x' }])).toThrow(/no output/);
    expect(() => features({ close: bars.close }, [{ fn: 'atr' }])).toThrow(/needs input column 'high'/);
    expect(() => features(bars, [])).toThrow(TypeError);
    expect(() => features(bars, [{ fn: 'rsi' }], { label: { horizon: 0 } })).toThrow(RangeError);
  });
});
