// Types of scripts/pyref.mjs for the tests.
export const PYREF_PACKAGES: string[];
export type PyRef = { ok: true; python: string } | { ok: false; why: string };
export function ensurePyRef(): PyRef;
