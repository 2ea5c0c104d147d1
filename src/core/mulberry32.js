// mulberry32: a small, fast, seeded 32-bit PRNG. Plain JavaScript so that one definition
// serves the package (the gym's episode starts), the tests, the benches and the scripts that
// make the embedded sample (these run under Node without a TypeScript step).

/**
 * @param {number} seed any number; its low 32 bits (as unsigned) start the generator
 * @returns {() => number} uniforms in [0, 1), the same sequence for the same seed
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
