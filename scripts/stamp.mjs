// Build stamps: a build records what it read (by content) and the hash of what it wrote; the
// next build with the same inputs and an untouched output is skipped. build-wasm.mjs and
// build-ts.mjs use it (`npm pack` runs `prepare` again right after `npm install` built all).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** One hash over `extra` (any JSON) and each file's path and content; null if a file is gone. */
export function contentKey(files, extra) {
  const h = createHash('sha256').update(JSON.stringify(extra));
  for (const f of files) {
    if (!existsSync(f)) return null;
    h.update(`\0${f}\0`).update(readFileSync(f));
  }
  return h.digest('hex');
}

/** The stamp in `file` if its output hash still matches `outHash()` and `keyOf(stamp)` its key. */
export function freshStamp(file, keyOf, outHash) {
  if (!existsSync(file)) return false;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  const out = outHash();
  return out !== null && stamp.out === out && stamp.key === keyOf(stamp);
}

export function writeStamp(file, stamp) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(stamp));
}
