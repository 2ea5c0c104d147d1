// Crash-safe snapshot files: write to a temporary file in the same directory, fsync it,
// rename it over the target, fsync the directory. A process killed at any moment leaves
// the target file either as it was or as the complete new snapshot, never half written.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, isTyped } from './core/guard.js';

let counter = 0;

function args(path: unknown, data: unknown, fn: string): { target: string; dir: string; tmp: string; bytes: Uint8Array } {
  if (typeof path !== 'string' || path === '') throw new TypeError(`hean.${fn}: path must be a non-empty string, got ${describe(path)}`);
  let bytes: Uint8Array;
  if (typeof data === 'string') bytes = new TextEncoder().encode(data);
  else if (isTyped<Uint8Array>(data, 'Uint8Array')) bytes = data;
  else throw new TypeError(`hean.${fn}: data must be a Uint8Array (e.g. RiskEngine.snapshot()) or a string (e.g. JSON of a streaming snapshot), got ${describe(data)}`);
  const target = resolve(path);
  const dir = dirname(target);
  // Same directory (so the rename is atomic: one file system), a name no other writer uses.
  const tmp = join(dir, `.${basename(target)}.${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}.tmp`);
  return { target, dir, tmp, bytes };
}

/** fsync of a directory, so the rename itself survives a power loss (not possible, nor needed, on Windows). */
function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function syncDirAsync(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const h = await open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/**
 * Writes a snapshot file atomically: the bytes go to a temporary file in the same
 * directory, which is fsynced, renamed over `path`, and then the directory is fsynced. If
 * the process dies at any point (a crash, SIGKILL, power loss), `path` holds either the
 * previous snapshot or this one, complete; never a mix or a truncated file. A temporary
 * file (`.<name>.<pid>-….tmp`) may be left behind by a crash; it is never read and can be
 * deleted.
 *
 * Pair it with {@link readSnapshotFile} and the `restore` methods, which refuse a damaged
 * or foreign snapshot anyway (RiskEngine and OrderBook bytes carry a version and a
 * CRC-32; streaming snapshots a checksum).
 *
 * @param path Target file (its directory must exist).
 * @param data Snapshot bytes (`RiskEngine.snapshot()`, `OrderBook.snapshot()`) or text
 *   (e.g. `JSON.stringify(stream.snapshot())`, written as UTF-8).
 * @throws TypeError for bad arguments; the file system's error (ENOENT, EACCES, ENOSPC, …)
 *   otherwise, with `path` untouched and the temporary file removed.
 *
 * @example
 * writeSnapshotFile('/var/lib/bot/risk.snap', risk.snapshot());
 * // after a restart:
 * risk.restore(readSnapshotFile('/var/lib/bot/risk.snap'));
 */
export function writeSnapshotFile(path: string, data: Uint8Array | string): void {
  const { target, dir, tmp, bytes } = args(path, data, 'writeSnapshotFile');
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* never created, or already renamed */
    }
    throw e;
  }
  syncDir(dir);
}

/**
 * {@link writeSnapshotFile} without blocking the event loop (the same steps with
 * `fs/promises`). Don't run two writes of the same `path` at once: either may win.
 */
export async function writeSnapshotFileAsync(path: string, data: Uint8Array | string): Promise<void> {
  const { target, dir, tmp, bytes } = args(path, data, 'writeSnapshotFileAsync');
  // The caller may change or detach `data` while this runs: write a private copy.
  const copy = Uint8Array.from(bytes);
  let h: Awaited<ReturnType<typeof open>> | undefined;
  try {
    h = await open(tmp, 'wx', 0o644);
    for (let at = 0; at < copy.byteLength; ) at += (await h.write(copy, at, copy.byteLength - at)).bytesWritten;
    await h.sync();
    await h.close();
    h = undefined;
    await rename(tmp, target);
  } catch (e) {
    if (h) await h.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDirAsync(dir);
}

/**
 * Reads a snapshot file written by {@link writeSnapshotFile}: its bytes, for
 * `RiskEngine.restore` / `OrderBook.restore` (or `new TextDecoder().decode(...)` and
 * `JSON.parse` for a streaming snapshot).
 *
 * @throws TypeError for a bad path; the file system's error (e.g. ENOENT) otherwise.
 */
export function readSnapshotFile(path: string): Uint8Array {
  if (typeof path !== 'string' || path === '') throw new TypeError(`hean.readSnapshotFile: path must be a non-empty string, got ${describe(path)}`);
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** {@link readSnapshotFile} without blocking the event loop. */
export async function readSnapshotFileAsync(path: string): Promise<Uint8Array> {
  if (typeof path !== 'string' || path === '') throw new TypeError(`hean.readSnapshotFileAsync: path must be a non-empty string, got ${describe(path)}`);
  const b = await readFile(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
