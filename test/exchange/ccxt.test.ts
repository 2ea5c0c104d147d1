// ccxt structures (fixtures written from the ccxt Manual's documented structures) → hean.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCcxtOrderBook, fromCcxtMarket, fromCcxtMarkets, OrderBook, RiskEngine, toColumns } from '../../src/index.js';
import { digitsToStep, numberToDecimal } from '../../src/exchange/decimal.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const tick = fixture('ccxt-markets-tick-size.json');
const digits = fixture('ccxt-markets-decimal-places.json');

describe('exact decimals', () => {
  it('digit counts become step strings by construction', () => {
    expect([8, 5, 4, 3, 1, 0, -1, -3].map((d) => digitsToStep(d, 'd'))).toEqual(['0.00000001', '0.00001', '0.0001', '0.001', '0.1', '1', '10', '1000']);
    expect(() => digitsToStep(2.5, 'precision.price')).toThrow(/precision.price must be an integer/);
    expect(() => digitsToStep(31, 'd')).toThrow(RangeError);
  });
  it('numbers become the decimal they print as, exponents expanded', () => {
    expect([0.1, 0.001, 1e-7, 1.5e-7, 1e-8, 2.5e-10, 5.5e10, 1e21, 1.25e22, 1999999.8, 0].map(numberToDecimal)).toEqual([
      '0.1', '0.001', '0.0000001', '0.00000015', '0.00000001', '0.00000000025', '55000000000', '1000000000000000000000', '12500000000000000000000', '1999999.8', '0',
    ]);
  });
});

describe('fromCcxtMarkets / fromCcxtMarket', () => {
  it('TICK_SIZE (exchange.precisionMode 4): precision values are the steps', () => {
    const [swap, spot, shib] = fromCcxtMarkets(tick, { precisionMode: 4 });
    expect(swap).toEqual({ symbol: 'BTC/USDT:USDT', tickSize: '0.1', qtyStep: '0.001', minOrderQty: '0.001', maxOrderQty: '1190', minPrice: '0.1', maxPrice: '1999999.8', minNotionalValue: '5' });
    expect(spot).toEqual({ symbol: 'BTC/USDT', tickSize: '0.1', qtyStep: '0.000001', minOrderQty: '0.000011', maxOrderQty: '83', minNotionalValue: '5' });
    expect(shib).toEqual({ symbol: 'SHIB/USDT', tickSize: '0.00000001', qtyStep: '0.01', minOrderQty: '0.01', maxOrderQty: '55000000000', minNotionalValue: '1' });
    expect(fromCcxtMarkets(tick, { precisionMode: 'TICK_SIZE' })).toEqual([swap, spot, shib]);
  });

  it('DECIMAL_PLACES (2): digit counts become exact steps, including the Manual\'s negative precision', () => {
    const [btc, eth, xrp] = fromCcxtMarkets(digits, { precisionMode: 'DECIMAL_PLACES', venue: 'ex' });
    expect(btc).toEqual({ symbol: 'BTC/USD', venue: 'ex', tickSize: '0.00000001', qtyStep: '0.00000001', minOrderQty: '0.01', maxOrderQty: '1000', minPrice: '0.01', maxPrice: '1000', minNotionalValue: '0.01' });
    expect(eth).toEqual({ symbol: 'ETH/BTC', venue: 'ex', tickSize: '0.00001', qtyStep: '0.0001', minOrderQty: '0.05', minPrice: '0.0019' });
    expect(xrp).toEqual({ symbol: 'XRP/USD', venue: 'ex', tickSize: '1', qtyStep: '10', minOrderQty: '50' });
    expect(fromCcxtMarkets(Object.values(digits), { precisionMode: 2 })).toHaveLength(3);
  });

  it('the same market read in the wrong mode gives other rules, which is why the mode is required', () => {
    expect(() => fromCcxtMarket(digits['BTC/USD'], undefined as never)).toThrow(/precisionMode/);
    expect(() => fromCcxtMarket(digits['BTC/USD'], {} as never)).toThrow(/precisionMode must be 'TICK_SIZE' \(4\) or 'DECIMAL_PLACES' \(2\)/);
    expect(() => fromCcxtMarket(digits['BTC/USD'], { precisionMode: 3 as never })).toThrow(/SIGNIFICANT_DIGITS/);
    expect(fromCcxtMarket(digits['BTC/USD'], { precisionMode: 4 }).tickSize).toBe('8');
  });

  it('useId keys by the exchange id', () => {
    expect(fromCcxtMarket(tick['BTC/USDT:USDT'], { precisionMode: 4, useId: true }).symbol).toBe('BTCUSDT');
  });

  it('the rules go into RiskEngine as they are, and the Manual\'s examples are enforced', () => {
    const risk = new RiskEngine();
    const [, eth, xrp] = fromCcxtMarkets(digits, { precisionMode: 2 });
    const e = risk.addInstrument(eth!);
    const x = risk.addInstrument(xrp!);
    // "amount should be >= 0.05 with up to 4 decimal digits"
    expect(risk.check({ clientId: 1, instrument: e, side: 'buy', price: 0.02, qty: 0.04 }, 0).ok).toBe(false);
    expect(risk.check({ clientId: 2, instrument: e, side: 'buy', price: 0.02, qty: 0.0501 }, 0).ok).toBe(true);
    expect(risk.check({ clientId: 3, instrument: e, side: 'buy', price: 0.02, qty: 0.05001 }, 0).ok).toBe(false);
    // "price >= 0.0019 (sic) with at most 5 decimal digits"
    expect(risk.check({ clientId: 4, instrument: e, side: 'buy', price: 0.0018, qty: 1 }, 0).ok).toBe(false);
    expect(risk.check({ clientId: 5, instrument: e, side: 'buy', price: 0.02123, qty: 1 }, 0).ok).toBe(true);
    expect(risk.check({ clientId: 6, instrument: e, side: 'buy', price: 0.017001, qty: 1 }, 0).ok).toBe(false);
    // "amount a multiple of 10 and at least 50"
    expect(risk.check({ clientId: 7, instrument: x, side: 'buy', price: 1, qty: 60 }, 0).ok).toBe(true);
    expect(risk.check({ clientId: 8, instrument: x, side: 'buy', price: 1, qty: 11 }, 0).ok).toBe(false);
    expect(risk.check({ clientId: 9, instrument: x, side: 'buy', price: 1, qty: 40 }, 0).ok).toBe(false);
  });

  it('errors name the market and field; one bad market returns nothing', () => {
    const bad = structuredClone(tick);
    bad['SHIB/USDT'].precision.amount = '0.01x';
    expect(() => fromCcxtMarkets(bad, { precisionMode: 4 })).toThrow(/markets\['SHIB\/USDT'\]\.precision\.amount must be a non-negative decimal string/);
    bad['SHIB/USDT'].precision.amount = undefined;
    expect(() => fromCcxtMarkets(bad, { precisionMode: 4 })).toThrow(/precision\.amount is missing/);
    bad['SHIB/USDT'].precision.amount = 0;
    expect(() => fromCcxtMarkets(bad, { precisionMode: 4 })).toThrow(RangeError);
    const d = structuredClone(digits['ETH/BTC']);
    d.precision.price = '5';
    expect(() => fromCcxtMarket(d, { precisionMode: 2 })).toThrow(/market\.precision\.price must be a number of decimal places/);
    d.precision.price = 5;
    d.limits.amount.min = -1;
    expect(() => fromCcxtMarket(d, { precisionMode: 2 })).toThrow(/limits\.amount\.min must be a finite number >= 0/);
    d.limits.amount = 7;
    expect(() => fromCcxtMarket(d, { precisionMode: 2 })).toThrow(/limits\.amount must be an object/);
    expect(() => fromCcxtMarket({ ...digits['ETH/BTC'], symbol: undefined }, { precisionMode: 2 })).toThrow(/market\.symbol must be a non-empty string/);
    expect(() => fromCcxtMarkets('BTC/USDT', { precisionMode: 2 })).toThrow(TypeError);
  });
});

describe('applyCcxtOrderBook', () => {
  const ob = fixture('ccxt-orderbook.json');
  const make = () => new OrderBook({ venue: 'ex', symbol: 'ETH/BTC', tickSize: '0.00001', qtyStep: '0.1' });

  it('replaces the book with the levels; nonce is the update id', () => {
    const book = make();
    applyCcxtOrderBook(book, ob);
    expect(book.stale).toBe(false);
    expect(book.lastUpdateId).toBe(1499280391811);
    expect(book.bestBid()).toEqual({ price: 0.07312, size: 1.5 });
    expect(book.bestAsk()).toEqual({ price: 0.07315, size: 0.8 });
    expect(Array.from(book.depth('bid', 5).sizes)).toEqual([1.5, 3.2, 10]);
    // watchOrderBook hands over the whole book again: levels gone from it are gone here.
    applyCcxtOrderBook(book, { ...ob, bids: [[0.0731, 2]], nonce: ob.nonce + 5 });
    expect(Array.from(book.depth('bid', 5).prices)).toEqual([0.0731]);
  });

  it('without a nonce the update id counts up; extra level fields ([price, amount, count]) are ignored', () => {
    const book = make();
    applyCcxtOrderBook(book, { bids: [[0.07312, 1.5, 3]], asks: [[0.07315, 0.8, 1]], symbol: 'ETH/BTC', nonce: undefined, timestamp: undefined });
    const first = book.lastUpdateId;
    applyCcxtOrderBook(book, { bids: [[0.07312, 1.5]], asks: [[0.07316, 0.8]] });
    expect(book.lastUpdateId).toBe(first + 1);
    expect(book.bestAsk()?.price).toBe(0.07316);
  });

  it('malformed or crossed books throw and change nothing', () => {
    const book = make();
    applyCcxtOrderBook(book, ob);
    expect(() => applyCcxtOrderBook(book, { ...ob, bids: [[0.07312]] })).toThrow(/bids\[0\] must be \[price, size\]/);
    expect(() => applyCcxtOrderBook(book, { ...ob, asks: 'none' })).toThrow(TypeError);
    expect(() => applyCcxtOrderBook(book, { ...ob, bids: [[0.08, 1]] })).toThrow(RangeError);
    expect(() => applyCcxtOrderBook(book, { ...ob, symbol: 'BTC/USDT' })).toThrow(/for string 'BTC\/USDT', the book for 'ETH\/BTC'/);
    expect(() => applyCcxtOrderBook(null as never, ob)).toThrow(/book must be an OrderBook/);
    expect(book.lastUpdateId).toBe(1499280391811);
    expect(Array.from(book.depth('bid', 5).prices)).toEqual([0.07312, 0.07311, 0.07305]);
    const other = new OrderBook({ venue: 'ex', symbol: 'ETHBTC', tickSize: '0.00001', qtyStep: '0.1' });
    applyCcxtOrderBook(other, ob, { ignoreSymbol: true });
    expect(other.mid()).toBeCloseTo(0.073135, 12);
  });
});

describe('ccxt OHLCV rows', () => {
  it('fetchOHLCV rows → columns is toColumns', () => {
    const c = toColumns([
      [1504541580000, 4235.4, 4240.6, 4230.0, 4230.7, 37.72941911],
      [1504541640000, 4230.7, 4238.0, 4228.1, 4234.5, 12.5],
    ]);
    expect(Array.from(c.time)).toEqual([1504541580000, 1504541640000]);
    expect(Array.from(c.close)).toEqual([4230.7, 4234.5]);
    expect(Array.from(c.volume)).toEqual([37.72941911, 12.5]);
  });
});
