// Boundary fuzzing of every streaming class: sequences of update / replace / restore (with
// damaged snapshots) / … on an instance and a twin that only gets the calls that succeeded.
import { describe } from 'vitest';
import { fuzzTest } from './boundary.js';

describe('fuzz: streaming classes', () => {
  fuzzTest('every streaming class and method', ['stream'], 100, 25_000);
});
