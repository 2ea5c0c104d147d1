// Chart helpers: lightweight-charts' data rules (UTC seconds, ascending unique times,
// WhitespaceData instead of null/NaN values, markers sorted by time), hand-computed values.
import { describe, expect, it } from 'vitest';
import { fromBybitKlines, macd, sma, toCandlestickData, toHistogramData, toLineData, toSignalMarkers, toTradeMarkers } from '../../src/index.js';

const T0 = 1_700_000_000_000; // ms
const time = Float64Array.from({ length: 6 }, (_, i) => T0 + i * 60_000);
const sec = (i: number) => 1_700_000_000 + i * 60;

/** True when a data array follows the library's rules: ascending unique times, no null/NaN anywhere. */
function chartSafe(data: object[]): boolean {
  let last = -Infinity;
  for (const d of data) {
    const t = (d as { time: number }).time;
    if (!(t > last)) return false;
    last = t;
    for (const v of Object.values(d)) if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return false;
  }
  return true;
}

describe('toLineData', () => {
  it('ms → UTC seconds; warm-up NaN bars become { time } only', () => {
    const d = toLineData(time, sma([1, 2, 3, 4, 5, 6], 3));
    expect(d).toEqual([{ time: sec(0) }, { time: sec(1) }, { time: sec(2), value: 2 }, { time: sec(3), value: 3 }, { time: sec(4), value: 4 }, { time: sec(5), value: 5 }]);
    expect(Object.keys(d[0]!)).toEqual(['time']);
    expect(chartSafe(d)).toBe(true);
  });

  it("timeUnit 's' keeps the times; ms are floored (not truncated) to seconds", () => {
    expect(toLineData([10, 20], [1, 2], { timeUnit: 's' })).toEqual([
      { time: 10, value: 1 },
      { time: 20, value: 2 },
    ]);
    expect(toLineData([1999, 3000.5], [1, 2]).map((x) => x.time)).toEqual([1, 3]);
    // Before the epoch floor and truncation differ: -1500 ms is in second -2.
    expect(toLineData([-1500, 0], [1, 2]).map((x) => x.time)).toEqual([-2, 0]);
  });

  it('±Infinity is whitespace too; number[] inputs work', () => {
    expect(toLineData([0, 1000, 2000], [Infinity, -Infinity, 7])).toEqual([{ time: 0 }, { time: 1 }, { time: 2, value: 7 }]);
  });

  it('times not strictly increasing (also after flooring) are a RangeError naming the index', () => {
    expect(() => toLineData([0, 1000, 1000], [1, 2, 3])).toThrow(/time\[2\] is 1 s, time\[1\] 1 s/);
    expect(() => toLineData([0, 1200, 1800], [1, 2, 3])).toThrow(RangeError);
    expect(() => toLineData([5, 4], [1, 2], { timeUnit: 's' })).toThrow(/strictly increasing/);
    expect(() => toLineData([0, NaN], [1, 2])).toThrow(/time\[1\] must be a finite timestamp/);
  });

  it('bad arguments: lengths (RangeError), types (TypeError), timeUnit (RangeError)', () => {
    expect(() => toLineData(time, [1, 2])).toThrow(/value has length 2, expected 6/);
    expect(() => toLineData(time, 'x' as never)).toThrow(TypeError);
    expect(() => toLineData(time, new Float64Array(6), { timeUnit: 'us' as never })).toThrow(/timeUnit must be 'ms' or 's'/);
    expect(() => toLineData(time, new Float64Array(6), 5 as never)).toThrow(TypeError);
  });
});

describe('toHistogramData', () => {
  it('colors by sign (0 is positive), NaN bars whitespace with no color', () => {
    const d = toHistogramData([0, 1000, 2000, 3000], [NaN, -0.5, 0, 2], { color: { positive: 'g', negative: 'r' } });
    expect(d).toEqual([{ time: 0 }, { time: 1, value: -0.5, color: 'r' }, { time: 2, value: 0, color: 'g' }, { time: 3, value: 2, color: 'g' }]);
  });

  it('one color, a function (undefined keeps the series color), or none', () => {
    expect(toHistogramData([0, 1000], [1, 2], { color: 'blue' }).map((x) => (x as { color?: string }).color)).toEqual(['blue', 'blue']);
    expect(toHistogramData([0, 1000], [1, 2], { color: (v, i) => (i === 1 ? `c${v}` : undefined) })).toEqual([
      { time: 0, value: 1 },
      { time: 1, value: 2, color: 'c2' },
    ]);
    expect(toHistogramData([0], [1])).toEqual([{ time: 0, value: 1 }]);
  });

  it('a MACD histogram: warm-up is whitespace, every colored bar has the color of its sign', () => {
    const close = Float64Array.from({ length: 80 }, (_, i) => 100 + 10 * Math.sin(i / 6));
    const t = Float64Array.from({ length: 80 }, (_, i) => T0 + i * 3_600_000);
    const { histogram } = macd(close);
    const d = toHistogramData(t, histogram, { color: { positive: 'up', negative: 'down' } });
    expect(chartSafe(d)).toBe(true);
    expect(d.filter((x) => !('value' in x))).toHaveLength(macd.lookback());
    for (const x of d) if ('value' in x) expect(x.color).toBe(x.value >= 0 ? 'up' : 'down');
  });

  it('bad colors are TypeErrors', () => {
    expect(() => toHistogramData([0], [1], { color: 3 as never })).toThrow(TypeError);
    expect(() => toHistogramData([0], [1], { color: { positive: 'g' } as never })).toThrow(/'positive' and 'negative'/);
    expect(() => toHistogramData([0], [1], { color: () => 5 as never })).toThrow(/returned number 5 for bar 0/);
  });
});

describe('toCandlestickData', () => {
  it('Bybit klines → candles in seconds, oldest first', () => {
    const k = fromBybitKlines([
      ['1670608800000', '17071', '17073', '17027', '17055.5', '268611', '15.74462667'],
      ['1670605200000', '17071.5', '17071.5', '17061', '17071', '4177', '0.24469757'],
    ]);
    expect(toCandlestickData(k)).toEqual([
      { time: 1670605200, open: 17071.5, high: 17071.5, low: 17061, close: 17071 },
      { time: 1670608800, open: 17071, high: 17073, low: 17027, close: 17055.5 },
    ]);
  });

  it('a bar with any non-finite price is whitespace; errors name the column', () => {
    const bars = { time: [0, 1000], open: [1, 2], high: [1, NaN], low: [1, 2], close: [1, 2] };
    expect(toCandlestickData(bars)).toEqual([{ time: 0, open: 1, high: 1, low: 1, close: 1 }, { time: 1 }]);
    expect(() => toCandlestickData({ ...bars, low: [1] })).toThrow(/low has length 1, expected 2/);
    expect(() => toCandlestickData(null as never)).toThrow(TypeError);
    expect(() => toCandlestickData({ ...bars, close: undefined } as never)).toThrow(/close/);
  });
});

describe('toSignalMarkers', () => {
  it('long: entries are buys below the bar, exits sells above it, sorted by time, exit first on a shared bar', () => {
    const entries = Uint8Array.from([0, 1, 0, 0, 1, 0]);
    const exits = [false, false, false, true, true, false];
    expect(toSignalMarkers(time, entries, exits, { buyColor: 'g', sellColor: 'r' })).toEqual([
      { time: sec(1), position: 'belowBar', shape: 'arrowUp', color: 'g', text: 'Buy' },
      { time: sec(3), position: 'aboveBar', shape: 'arrowDown', color: 'r', text: 'Sell' },
      { time: sec(4), position: 'aboveBar', shape: 'arrowDown', color: 'r', text: 'Sell' },
      { time: sec(4), position: 'belowBar', shape: 'arrowUp', color: 'g', text: 'Buy' },
    ]);
  });

  it('short: entries are sells above the bar; default colors; exits optional', () => {
    expect(toSignalMarkers([0, 1000], [false, true], undefined, { side: 'short', entryText: 'S' })).toEqual([{ time: 1, position: 'aboveBar', shape: 'arrowDown', color: '#ef5350', text: 'S' }]);
  });

  it('errors', () => {
    expect(() => toSignalMarkers(time, new Uint8Array(5))).toThrow(/entries has length 5, expected 6/);
    expect(() => toSignalMarkers(time, new Float64Array(6) as never)).toThrow(/Uint8Array or an array of booleans/);
    expect(() => toSignalMarkers([0, 1000], [true, 1 as never])).toThrow(/entries\[1\] must be a boolean/);
    expect(() => toSignalMarkers([0, 1000], [true, false], undefined, { side: 'flat' as never })).toThrow(RangeError);
    expect(() => toSignalMarkers([0, 0], [true, false])).toThrow(RangeError);
  });
});

describe('toTradeMarkers', () => {
  const trades = {
    entryIndex: Int32Array.from([1, 3, 4]),
    exitIndex: Int32Array.from([3, 4, -1]),
    entryPrice: [100, 110, 105],
    exitPrice: [110, 105, NaN],
    size: [2, 1, 0.5],
    pnl: [20, 5, NaN],
    direction: Int8Array.from([1, -1, 1]),
  };

  it('long and short round trips, an open trade, sorted by time with exits before entries', () => {
    expect(toTradeMarkers(time, trades, { buyColor: 'g', sellColor: 'r' })).toEqual([
      { time: sec(1), position: 'belowBar', shape: 'arrowUp', color: 'g', text: 'Long 2 @ 100' },
      { time: sec(3), position: 'aboveBar', shape: 'arrowDown', color: 'r', text: 'Exit @ 110 (+20)' },
      { time: sec(3), position: 'aboveBar', shape: 'arrowDown', color: 'r', text: 'Short 1 @ 110' },
      { time: sec(4), position: 'belowBar', shape: 'arrowUp', color: 'g', text: 'Exit @ 105 (+5)' },
      { time: sec(4), position: 'belowBar', shape: 'arrowUp', color: 'g', text: 'Long 0.5 @ 105' },
    ]);
  });

  it('trades listed out of order still give markers sorted by time; a losing exit shows its sign; format is used', () => {
    const m = toTradeMarkers([0, 1000, 2000, 3000], { entryIndex: [2, 0], exitIndex: [3, 1], entryPrice: [1, 1], exitPrice: [0.5, 2], size: [1, 1], pnl: [-0.5, 1], direction: [1, 1] }, { format: (x) => x.toFixed(1) });
    expect(m.map((x) => [x.time, x.text])).toEqual([
      [0, 'Long 1.0 @ 1.0'],
      [1, 'Exit @ 2.0 (+1.0)'],
      [2, 'Long 1.0 @ 1.0'],
      [3, 'Exit @ 0.5 (-0.5)'],
    ]);
  });

  it('errors name the trade', () => {
    expect(() => toTradeMarkers(time, { ...trades, direction: [1, 0, 1] })).toThrow(/direction\[1\] must be 1 \(long\) or -1 \(short\), got 0/);
    expect(() => toTradeMarkers(time, { ...trades, entryIndex: [1, 3, 6] })).toThrow(/entryIndex\[2\] must be a bar index in \[0, 5\], got 6/);
    expect(() => toTradeMarkers(time, { ...trades, entryIndex: [1, 3, 2.5] })).toThrow(RangeError);
    expect(() => toTradeMarkers(time, { ...trades, exitIndex: [0, 4, -1] })).toThrow(/trade 0 exits \(bar 0\) before it enters \(bar 1\)/);
    expect(() => toTradeMarkers(time, { ...trades, pnl: [1, 2] })).toThrow(/trades\.pnl has length 2, expected 3/);
    expect(() => toTradeMarkers(time, { ...trades, size: 'x' as never })).toThrow(TypeError);
    expect(() => toTradeMarkers(time, null as never)).toThrow(TypeError);
    expect(() => toTradeMarkers(time, trades, { format: 'x' as never })).toThrow(TypeError);
  });

  it('no trades, no markers', () => {
    expect(toTradeMarkers(time, { entryIndex: [], exitIndex: [], entryPrice: [], exitPrice: [], size: [], pnl: [], direction: [] })).toEqual([]);
  });
});
