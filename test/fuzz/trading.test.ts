// Boundary fuzzing of RiskEngine, OrderBook and Router: sequences of calls on a populated
// engine / book / router; a call that throws, and every read, must leave the state (its
// snapshot bytes) unchanged.
import { describe } from 'vitest';
import { fuzzTest } from './boundary.js';

describe('fuzz: trading', () => {
  fuzzTest('RiskEngine, OrderBook, Router methods', ['trading'], 1000, 20_000);
});
