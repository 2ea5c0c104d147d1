// Types of scripts/gen-hilbert-trig.mjs for the tests.
export function generate(): string;
