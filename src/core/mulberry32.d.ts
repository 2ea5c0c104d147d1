/** mulberry32: a seeded PRNG; uniforms in [0, 1), the same sequence for the same seed (its low 32 bits). */
export declare function mulberry32(seed: number): () => number;
