// Bybit v5 payloads (fixtures written from Bybit's documented examples) → hean.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyBybitOrderBook, fromBybitInstrument, fromBybitInstruments, fromBybitKlines, fromBybitKlineStream, OrderBook, RiskEngine } from '../../src/index.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const linear = fixture('bybit-instruments-linear.json');
const spot = fixture('bybit-instruments-spot.json');
const inverse = fixture('bybit-instruments-inverse.json');
const books = fixture('bybit-orderbook.json');

describe('fromBybitInstruments / fromBybitInstrument', () => {
  it('linear: every priceFilter / lotSizeFilter field, as the exact strings sent', () => {
    const [btc, bio] = fromBybitInstruments(linear);
    expect(btc).toEqual({
      symbol: 'BTCUSDT',
      tickSize: '0.10',
      minPrice: '0.10',
      maxPrice: '1999999.80',
      qtyStep: '0.001',
      minOrderQty: '0.001',
      maxOrderQty: '1190.000',
      maxMktOrderQty: '500.000',
      minNotionalValue: '5',
    });
    expect(bio).toEqual({
      symbol: 'BIOUSDT',
      tickSize: '0.0001',
      minPrice: '0.0001',
      maxPrice: '1999.9998',
      qtyStep: '1',
      minOrderQty: '1',
      maxOrderQty: '70000',
      maxMktOrderQty: '14000',
      minNotionalValue: '5',
    });
  });

  it('spot: basePrecision is the step, maxLimitOrderQty / maxMarketOrderQty the maxima, minOrderAmt the minimum notional', () => {
    expect(fromBybitInstruments(spot, { venue: 'bybit' })).toEqual([
      { symbol: 'BTCUSDT', venue: 'bybit', tickSize: '0.1', qtyStep: '0.000001', maxOrderQty: '83', maxMktOrderQty: '41.5', minNotionalValue: '5' },
    ]);
  });

  it('inverse: no minimum notional (the coin-margined notional is not price × qty); empty strings are absent', () => {
    expect(fromBybitInstruments(inverse)).toEqual([
      { symbol: 'BTCUSD', tickSize: '0.50', minPrice: '0.50', maxPrice: '999999.00', qtyStep: '1', minOrderQty: '1', maxOrderQty: '1000000', maxMktOrderQty: '500000' },
    ]);
    // Even if Bybit sent one, an inverse entry does not map it.
    const e = structuredClone(inverse.result.list[0]);
    e.lotSizeFilter.minNotionalValue = '1';
    expect(fromBybitInstrument(e).minNotionalValue).toBeUndefined();
  });

  it("an entry's contractType wins over the category it was asked under", () => {
    const e = structuredClone(inverse.result.list[0]);
    expect(fromBybitInstrument(e, { category: 'linear' }).minNotionalValue).toBeUndefined();
    expect(fromBybitInstrument(linear.result.list[0], { category: 'inverse' }).minNotionalValue).toBe('5');
  });

  it('a single entry: spot recognised by basePrecision; the result field alone is accepted too', () => {
    expect(fromBybitInstrument(spot.result.list[0]).qtyStep).toBe('0.000001');
    expect(fromBybitInstruments(linear.result)).toHaveLength(2);
    const noType = structuredClone(linear.result.list[0]);
    delete noType.contractType;
    expect(() => fromBybitInstrument(noType)).toThrow(/can't tell the entry's category/);
    expect(fromBybitInstrument(noType, { category: 'linear' }).minNotionalValue).toBe('5');
  });

  it('the rules are what RiskEngine.addInstrument takes, and it reads them exactly', () => {
    const risk = new RiskEngine();
    const [btc] = fromBybitInstruments(linear, { venue: 'bybit' });
    const id = risk.addInstrument(btc!);
    const info = risk.instrument(id);
    expect([info.symbol, info.venue]).toEqual(['BTCUSDT', 'bybit']);
    expect(Number(info.tickSize)).toBe(0.1);
    expect(Number(info.qtyStep)).toBe(0.001);
    expect(Number(info.maxMktOrderQty)).toBe(500);
    expect(Number(info.minNotionalValue)).toBe(5);
    // 0.001 BTC at 4000 is 4 USDT, under the documented 5 USDT minimum notional.
    expect(risk.check({ clientId: 1, instrument: id, side: 'buy', price: 4000, qty: 0.001 }, 0).ok).toBe(false);
    expect(risk.check({ clientId: 2, instrument: id, side: 'buy', price: 5000, qty: 0.001 }, 0).ok).toBe(true);
    const spotId = risk.addInstrument(fromBybitInstruments(spot, { venue: 'bybit-spot' })[0]!);
    expect(risk.instrument(spotId).qtyStep).toMatch(/^0\.0{5}1$/);
  });

  it('errors name the field; nothing is returned for a response with one bad entry', () => {
    const bad = structuredClone(linear);
    bad.result.list[1].lotSizeFilter.qtyStep = 'one';
    expect(() => fromBybitInstruments(bad)).toThrow(TypeError);
    expect(() => fromBybitInstruments(bad)).toThrow(/list\[1\]\.lotSizeFilter\.qtyStep/);
    bad.result.list[1].lotSizeFilter.qtyStep = '0';
    expect(() => fromBybitInstruments(bad)).toThrow(RangeError);
    delete bad.result.list[1].lotSizeFilter.qtyStep;
    expect(() => fromBybitInstruments(bad)).toThrow(/list\[1\]\.lotSizeFilter\.qtyStep is missing/);
    const noTick = structuredClone(linear.result.list[0]);
    noTick.priceFilter = null;
    expect(() => fromBybitInstrument(noTick)).toThrow(/entry\.priceFilter must be an object/);
    expect(() => fromBybitInstrument({ ...linear.result.list[0], symbol: 5 })).toThrow(/entry\.symbol must be a non-empty string/);
    expect(() => fromBybitInstruments({ retCode: 10001, retMsg: 'params error', result: {} })).toThrow(/retCode number 10001, retMsg string 'params error'/);
    expect(() => fromBybitInstruments({ result: { list: 'x' } })).toThrow(TypeError);
    expect(() => fromBybitInstrument(linear.result.list[0], { category: 'perp' as never })).toThrow(/category must be one of 'linear'/);
    expect(() => fromBybitInstrument(null)).toThrow(TypeError);
    const neg = structuredClone(linear.result.list[0]);
    neg.priceFilter.maxPrice = -1;
    expect(() => fromBybitInstrument(neg)).toThrow(RangeError);
  });
});

describe('applyBybitOrderBook', () => {
  const make = () => new OrderBook({ venue: 'bybit', symbol: 'BTCUSDT', tickSize: '0.10', qtyStep: '0.001' });

  it('a snapshot replaces the book; a delta applies levels, size "0" deleting', () => {
    const book = make();
    expect(book.stale).toBe(true);
    expect(applyBybitOrderBook(book, books.snapshot)).toBe('Ok');
    expect(book.stale).toBe(false);
    expect(book.lastUpdateId).toBe(18521288);
    expect(book.bestBid()).toEqual({ price: 16493.5, size: 0.006 });
    expect(book.bestAsk()).toEqual({ price: 16611, size: 0.029 });
    expect(applyBybitOrderBook(book, books.delta)).toBe('Ok');
    expect(book.lastUpdateId).toBe(18521289);
    const bids = book.depth('bid', 10);
    expect(Array.from(bids.prices)).toEqual([16500, 16493]);
    expect(Array.from(bids.sizes)).toEqual([1.25, 0.1]);
    const asks = book.depth('ask', 10);
    expect(Array.from(asks.prices)).toEqual([16611]);
    expect(Array.from(asks.sizes)).toEqual([0.05]);
  });

  it('u = 1 (service restart) replaces the book even in a delta message', () => {
    const book = make();
    applyBybitOrderBook(book, books.snapshot);
    applyBybitOrderBook(book, books.delta);
    expect(applyBybitOrderBook(book, books.restart)).toBe('Ok');
    expect(book.lastUpdateId).toBe(1);
    expect(Array.from(book.depth('bid', 10).prices)).toEqual([16480]);
    expect(Array.from(book.depth('ask', 10).prices)).toEqual([16490]);
    // The sequence goes on from 1.
    const next = structuredClone(books.delta);
    next.data.u = 2;
    next.data.b = [['16481.00', '1']];
    next.data.a = [];
    expect(applyBybitOrderBook(book, next)).toBe('Ok');
    expect(book.bestBid()).toEqual({ price: 16481, size: 1 });
  });

  it('a gap in u makes the book stale until the next snapshot; an old u is ignored', () => {
    const book = make();
    applyBybitOrderBook(book, books.snapshot);
    const skip = structuredClone(books.delta);
    skip.data.u = 18521290;
    expect(applyBybitOrderBook(book, skip)).toBe('Gap');
    expect(book.stale).toBe(true);
    expect(applyBybitOrderBook(book, books.delta)).toBe('Stale');
    expect(applyBybitOrderBook(book, books.snapshot)).toBe('Ok');
    expect(book.stale).toBe(false);
    const old = structuredClone(books.delta);
    old.data.u = 18521288;
    expect(applyBybitOrderBook(book, old)).toBe('Old');
  });

  it('a delta with no snapshot yet is Stale; a REST result passed as a snapshot works', () => {
    const book = make();
    expect(applyBybitOrderBook(book, books.delta)).toBe('Stale');
    const rest = { s: 'BTCUSDT', a: [['65557.7', '16.606555']], b: [['65485.47', '47.081829']], ts: 1716863719031, u: 230704, seq: 1432604333, cts: 1716863718905 };
    const fine = new OrderBook({ venue: 'bybit', symbol: 'BTCUSDT', tickSize: '0.01', qtyStep: '0.000001' });
    expect(applyBybitOrderBook(fine, { type: 'snapshot', data: rest })).toBe('Ok');
    expect(fine.spread()).toBeCloseTo(72.23, 9);
  });

  it('malformed messages throw a TypeError naming the field and change nothing', () => {
    const book = make();
    applyBybitOrderBook(book, books.snapshot);
    const before = Array.from(book.depth('bid', 10).prices);
    const bad = structuredClone(books.delta);
    bad.data.a[1] = ['16612.00'];
    expect(() => applyBybitOrderBook(book, bad)).toThrow(/data\.a\[1\] must be \[price, size\]/);
    bad.data.a[1] = ['16612.00', 'lots'];
    expect(() => applyBybitOrderBook(book, bad)).toThrow(TypeError);
    bad.data.a = null;
    expect(() => applyBybitOrderBook(book, bad)).toThrow(/data\.a must be an array/);
    expect(() => applyBybitOrderBook(book, { ...books.delta, type: 'update' })).toThrow(RangeError);
    expect(() => applyBybitOrderBook(book, { ...books.delta, data: { ...books.delta.data, u: '5' } })).toThrow(/data\.u must be a number/);
    expect(() => applyBybitOrderBook(book, { ...books.delta, data: { ...books.delta.data, s: 'ETHUSDT' } })).toThrow(/for string 'ETHUSDT', the book for 'BTCUSDT'/);
    expect(() => applyBybitOrderBook({} as OrderBook, books.delta)).toThrow(/book must be an OrderBook/);
    expect(Array.from(book.depth('bid', 10).prices)).toEqual(before);
    expect(book.lastUpdateId).toBe(18521288);
    expect(book.stale).toBe(false);
    // A crossed snapshot is refused by the book, which keeps its levels.
    const crossed = structuredClone(books.snapshot);
    crossed.data.b = [['16700.00', '1']];
    expect(() => applyBybitOrderBook(book, crossed)).toThrow(RangeError);
    expect(Array.from(book.depth('bid', 10).prices)).toEqual(before);
    // ignoreSymbol skips the symbol check.
    const other = new OrderBook({ venue: 'bybit', symbol: 'BTC/USDT:USDT', tickSize: '0.10', qtyStep: '0.001' });
    expect(applyBybitOrderBook(other, books.snapshot, { ignoreSymbol: true })).toBe('Ok');
  });
});

describe('klines', () => {
  it('REST result.list (newest first) → columns oldest first, with turnover', () => {
    const k = fromBybitKlines(fixture('bybit-kline-rest.json').result.list);
    expect(Array.from(k.time)).toEqual([1670601600000, 1670605200000, 1670608800000]);
    expect(Array.from(k.open)).toEqual([17086.5, 17071.5, 17071]);
    expect(Array.from(k.high)).toEqual([17088, 17071.5, 17073]);
    expect(Array.from(k.low)).toEqual([16978, 17061, 17027]);
    expect(Array.from(k.close)).toEqual([17071.5, 17071, 17055.5]);
    expect(Array.from(k.volume)).toEqual([6356, 4177, 268611]);
    expect(Array.from(k.turnover)).toEqual([0.37288112, 0.24469757, 15.74462667]);
  });

  it('rows already oldest first stay in order; repeated or shuffled times are a RangeError', () => {
    const rows = fixture('bybit-kline-rest.json').result.list;
    expect(Array.from(fromBybitKlines([...rows].reverse()).time)).toEqual([1670601600000, 1670605200000, 1670608800000]);
    expect(() => fromBybitKlines([rows[0], rows[2], rows[1]])).toThrow(/strictly decreasing/);
    expect(() => fromBybitKlines([rows[2], rows[1], rows[1]])).toThrow(RangeError);
    expect(() => fromBybitKlines([rows[0].slice(0, 6)])).toThrow(/row 0 must be \[startTime/);
    expect(() => fromBybitKlines([[...rows[0].slice(0, 4), 'x', '1', '1']])).toThrow(/row 0 column 4/);
    expect(fromBybitKlines([]).time.length).toBe(0);
  });

  it('stream objects → columns with confirm; a re-pushed forming bar replaces itself', () => {
    const msg = fixture('bybit-kline-ws.json');
    const one = fromBybitKlineStream(msg);
    expect(Array.from(one.time)).toEqual([1672324800000]);
    expect([one.open[0], one.high[0], one.low[0], one.close[0], one.volume[0], one.turnover[0]]).toEqual([16649.5, 16677, 16608, 16677, 2.081, 34666.4005]);
    expect(Array.from(one.confirm)).toEqual([0]);
    const k = msg.data[0];
    const later = { ...k, close: '16680', high: '16690', volume: '3', confirm: true };
    const next = { ...k, start: 1672325100000, end: 1672325399999, open: '16680', close: '16690', confirm: false };
    const all = fromBybitKlineStream([k, later, next]);
    expect(Array.from(all.time)).toEqual([1672324800000, 1672325100000]);
    expect(Array.from(all.close)).toEqual([16680, 16690]);
    expect(Array.from(all.high)).toEqual([16690, 16677]);
    expect(Array.from(all.confirm)).toEqual([1, 0]);
    expect(() => fromBybitKlineStream([next, k])).toThrow(RangeError);
    expect(() => fromBybitKlineStream([{ ...k, confirm: 'yes' }])).toThrow(/data\[0\]\.confirm must be a boolean/);
    expect(() => fromBybitKlineStream([{ ...k, low: undefined }])).toThrow(/data\[0\]\.low/);
    expect(() => fromBybitKlineStream(42)).toThrow(TypeError);
  });
});
