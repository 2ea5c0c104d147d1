// Snapshots under faults: a writer SIGKILLed at random moments never leaves a half file
// (writeSnapshotFile writes, fsyncs and renames); and a truncated, bit-flipped, extended
// or version-skewed snapshot is refused by restore() with the engine, book or streaming
// instance left exactly as it was.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as hean from '../src/index.js';
import { OrderBook, readSnapshotFile, readSnapshotFileAsync, RiskEngine, writeSnapshotFile, writeSnapshotFileAsync } from '../src/index.js';
import { sameValue } from './fuzz/check.js';
import { rng, sample } from './helpers.js';
import { setup, SETUP_ORDERS, step } from './snapshots/sequence.js';
import { bundle } from './support/child.js';

const dir = mkdtempSync(join(tmpdir(), 'hean-snap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Recomputes the trailing CRC-32 (IEEE) of an engine or book snapshot. */
function fixCrc(b: Uint8Array): void {
  let c = 0xffffffff;
  for (let i = 0; i < b.length - 4; i++) {
    c ^= b[i]!;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  new DataView(b.buffer, b.byteOffset).setUint32(b.length - 4, ~c >>> 0, true);
}

/** The state after k steps of the writer's sequence. */
function replay(k: number) {
  const s = setup(hean);
  for (let i = 1; i <= k; i++) step(s.e, s.m, i);
  return s;
}

describe('writeSnapshotFile / readSnapshotFile', () => {
  it('round-trips bytes and text, replaces the previous file, leaves no temporary file', async () => {
    const p = join(dir, 'a.snap');
    const e = replay(3).e;
    writeSnapshotFile(p, e.snapshot());
    const r = new RiskEngine();
    r.restore(readSnapshotFile(p));
    expect(Buffer.compare(r.snapshot(), e.snapshot())).toBe(0);
    writeSnapshotFile(p, 'second');
    expect(readFileSync(p, 'utf8')).toBe('second');
    await writeSnapshotFileAsync(p, Uint8Array.of(1, 2, 3));
    expect(Array.from(await readSnapshotFileAsync(p))).toEqual([1, 2, 3]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses bad arguments with a TypeError and passes file system errors on, leaving no temporary file', async () => {
    expect(() => writeSnapshotFile('', new Uint8Array(1))).toThrow(TypeError);
    expect(() => writeSnapshotFile(join(dir, 'x'), [1, 2] as never)).toThrow(/must be a Uint8Array/);
    expect(() => readSnapshotFile(5 as never)).toThrow(TypeError);
    expect(() => writeSnapshotFile(join(dir, 'missing-dir', 'x.snap'), new Uint8Array(1))).toThrow(/ENOENT/);
    await expect(writeSnapshotFileAsync(join(dir, 'missing-dir', 'x.snap'), 'x')).rejects.toThrow(/ENOENT/);
    // A directory in the way of the rename: the old contents stay, the temporary file goes.
    const d = join(dir, 'is-a-dir');
    writeSnapshotFile(join(dir, 'keep.snap'), 'kept');
    rmSync(d, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(join(d, 'inner'), { recursive: true });
    expect(() => writeSnapshotFile(d, 'x')).toThrow();
    expect(readFileSync(join(dir, 'keep.snap'), 'utf8')).toBe('kept');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(() => readSnapshotFile(join(dir, 'nope'))).toThrow(/ENOENT/);
  });

  it('a writer SIGKILLed at random moments leaves the previous or a new complete snapshot, every time', async () => {
    const file = await bundle('test/snapshots/writer.ts');
    const riskPath = join(dir, 'risk.snap');
    const streamPath = join(dir, 'macd.json');
    const rand = rng(2024);
    const rounds = 14;
    let midWrite = 0;
    const ks: number[] = [];
    let unwritten = 0;
    for (let r = 0; r < rounds; r++) {
      // Each writer starts over from step 1: clear the last writer's files, or a kill between
      // the new writer's first two writes would pair its risk file with an old stream file.
      rmSync(riskPath, { force: true });
      rmSync(streamPath, { force: true });
      const child = spawn(process.execPath, [file, riskPath, streamPath], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d));
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`writer exited (${code}) before it was ready: ${err}`)));
      });
      await new Promise((res) => setTimeout(res, 5 + Math.floor(rand() * 120)));
      if (child.exitCode !== null) throw new Error(`writer died on its own (exit ${child.exitCode}): ${err}`);
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGKILL');
      await exited;
      // A kill inside writeSnapshotFile leaves its temporary file (never the target half-written).
      const temps = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
      if (temps.length) midWrite++;
      for (const t of temps) unlinkSync(join(dir, t));
      if (!existsSync(riskPath)) {
        unwritten++; // killed before its first snapshot was complete: no file, as it should be
        continue;
      }
      // The risk file restores cleanly and is exactly the snapshot after some step k.
      const bytes = readSnapshotFile(riskPath);
      const e = new RiskEngine();
      e.restore(bytes);
      const k = e.account().acceptedTotal - SETUP_ORDERS;
      expect(k).toBeGreaterThan(0);
      const want = replay(k);
      expect(Buffer.compare(bytes, want.e.snapshot()), `risk snapshot of step ${k}`).toBe(0);
      ks.push(k);
      // The stream file (written after the risk file at each step) is step k's or k-1's, complete.
      if (existsSync(streamPath)) {
        const text = readFileSync(streamPath, 'utf8');
        const m = new hean.Macd();
        m.restore(JSON.parse(text));
        const candidates = [JSON.stringify(want.m.snapshot()), JSON.stringify(replay(k - 1).m.snapshot())];
        expect(candidates, `stream snapshot at step ${k} or ${k - 1}`).toContain(text);
      }
    }
    console.log(`[snapshots] ${rounds} writers killed by SIGKILL, ${midWrite} inside a write; each file restored cleanly (steps ${ks.join(', ')})`);
    expect(ks.length + unwritten).toBe(rounds);
    expect(ks.length).toBeGreaterThanOrEqual(rounds / 2);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------

/** Every damage of a byte snapshot: each truncation, a bit flip at every byte, extensions, versions. */
function* damaged(bytes: Uint8Array): Generator<[string, Uint8Array]> {
  for (let cut = 0; cut < bytes.length; cut++) yield [`truncated to ${cut}`, bytes.slice(0, cut)];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.slice();
    b[i] = b[i]! ^ (1 << (i % 8));
    yield [`bit ${i % 8} of byte ${i} flipped`, b];
  }
  for (const extra of [1, 4, 100]) {
    const b = new Uint8Array(bytes.length + extra);
    b.set(bytes);
    yield [`${extra} bytes appended`, b];
  }
  // Version skew: another format version with a valid CRC (only the version check can refuse it).
  for (const v of [0, 1, 3, 255, 0xffff]) {
    const b = bytes.slice();
    new DataView(b.buffer).setUint16(8, v, true);
    fixCrc(b);
    yield [`version ${v}`, b];
  }
  // Another kind of snapshot (a book's bytes given to an engine and vice versa) is checked by the callers.
}

function busyEngine(): RiskEngine {
  const { e } = replay(0);
  e.setAccountLimits({ maxOpenOrders: 1_000_000, dailyLossLimit: 5000 });
  e.strategyId('alpha');
  for (let k = 1; k <= 5; k++) e.submit({ clientId: k, instrument: 0, side: 'buy', price: 29_990, qty: 0.002, strategy: 'alpha' }, 1_700_000_000_000 + k);
  e.fill(2, 0.001, 29_990, 0.01, 1_700_000_000_100);
  return e;
}

describe('restore() of damaged snapshots changes nothing', () => {
  it('RiskEngine: every truncation, every bit flip, extensions and version skew are refused', () => {
    // A small engine, so every byte can be damaged in turn.
    const src = new RiskEngine({ maxOpenOrders: 10 });
    src.addInstrument({ symbol: 'BTCUSDT', tickSize: '0.1', qtyStep: '0.001', minNotionalValue: '5' }, { maxPosition: 2 });
    src.mark(0, 30_000, 1_700_000_000_000);
    src.submit({ clientId: 1, instrument: 0, side: 'buy', price: 29_990, qty: 0.01, strategy: 'mm' }, 1_700_000_000_001);
    src.fill(1, 0.005, 29_990, 0.01, 1_700_000_000_002);
    const bytes = Uint8Array.from(src.snapshot());
    const target = busyEngine();
    const before = Uint8Array.from(target.snapshot());
    const probe = { clientId: 99, instrument: 0, side: 'buy' as const, price: 29_990, qty: 0.001 };
    const checkBefore = target.check(probe, 1_700_000_000_500);
    let n = 0;
    for (const [what, b] of damaged(bytes)) {
      let threw: unknown;
      try {
        target.restore(b);
      } catch (e) {
        threw = e;
      }
      expect(threw, what).toBeInstanceOf(RangeError);
      if (what.startsWith('version')) expect(String((threw as Error).message), what).toMatch(/version/);
      n++;
    }
    expect(n).toBeGreaterThan(2 * bytes.length);
    expect(Buffer.compare(target.snapshot(), before)).toBe(0);
    expect(target.check(probe, 1_700_000_000_500)).toEqual(checkBefore);
    // A book's snapshot is not an engine's.
    const book = new OrderBook({ venue: 'v', symbol: 's', tickSize: '0.5', qtyStep: '1' });
    book.applySnapshot(1, [[99, 1]], [[101, 1]]);
    expect(() => target.restore(book.snapshot())).toThrow(RangeError);
    expect(Buffer.compare(target.snapshot(), before)).toBe(0);
    // And the intact snapshot restores.
    target.restore(bytes);
    expect(Buffer.compare(target.snapshot(), bytes)).toBe(0);
  });

  it('OrderBook: every truncation, every bit flip, extensions and version skew are refused', () => {
    const src = new OrderBook({ venue: 'bybit', symbol: 'SOLUSDT', tickSize: '0.01', qtyStep: '0.1' });
    src.applySnapshot(7, [[99.5, 3], [99.4, 1.2]], [[99.6, 2], [99.8, 10]]);
    src.applyDelta(8, [['buy', 99.45, 4]]);
    const bytes = Uint8Array.from(src.snapshot());
    const target = new OrderBook({ venue: 'okx', symbol: 'SOLUSDT', tickSize: '0.01', qtyStep: '0.1' });
    target.applySnapshot(100, [[98, 1]], [[101, 1]]);
    const before = Uint8Array.from(target.snapshot());
    for (const [what, b] of damaged(bytes)) expect(() => target.restore(b), what).toThrow(RangeError);
    expect(() => target.restore(busyEngine().snapshot())).toThrow(RangeError);
    expect(Buffer.compare(target.snapshot(), before)).toBe(0);
    expect(target.bestBid()).toEqual({ price: 98, size: 1 });
    target.restore(bytes);
    expect(target.bestBid()).toEqual({ price: 99.5, size: 3 });
  });

  it('every streaming class: altered, truncated, version-skewed or foreign snapshots are refused, the instance unchanged', () => {
    const { open, high, low, close, volume } = sample(400, 5);
    const cols: Record<string, Float64Array> = { open, high, low, close, volume, x: close, y: high, periods: Float64Array.from(close, (_, i) => 1 + (i % 33)) };
    const r = rng(77);
    let refused = 0;
    for (const [name, C] of Object.entries(hean)) {
      if (typeof C !== 'function' || !(C.prototype instanceof hean.Stream)) continue;
      const meta = hean.indicators().find((m) => m.name === name[0]!.toLowerCase() + name.slice(1))!;
      const ins = meta.inputs.slice(0, meta.required).map((k) => cols[k]!);
      type S = { update(...a: number[]): unknown; snapshot(): Record<string, unknown>; restore(s: unknown): void };
      const make = () => new (C as unknown as new () => S)();
      const feed = (s: S, from: number, to: number) => {
        const out: unknown[] = [];
        for (let i = from; i < to; i++) out.push(s.update(...ins.map((c) => c[i]!)));
        return out;
      };
      const a = make();
      feed(a, 0, 150);
      const good = JSON.parse(JSON.stringify(a.snapshot())) as Record<string, unknown>;
      const target = make();
      feed(target, 0, 60);
      const twin = make();
      feed(twin, 0, 60);
      const before = JSON.stringify(target.snapshot());
      const bad: [string, unknown][] = [];
      for (const key of ['state', 'window'] as const) {
        const arr = good[key] as unknown[];
        for (let t = 0; t < Math.min(arr.length, 12); t++) {
          const i = Math.floor(r() * arr.length);
          const v = arr[i];
          const nudged = typeof v === 'number' ? (v === 0 ? 1e-300 : v * (1 + 2 ** -52)) : 0;
          bad.push([`${key}[${i}] altered`, { ...good, [key]: arr.map((x, j) => (j === i ? nudged : x)) }]);
        }
        if (arr.length) bad.push([`${key} truncated`, { ...good, [key]: arr.slice(0, -1) }]);
        bad.push([`${key} extended`, { ...good, [key]: [...arr, 0] }]);
        if (arr.length) bad.push([`${key} holds a string`, { ...good, [key]: arr.map((x, j) => (j === 0 ? '1' : x)) }]);
      }
      bad.push(['checksum altered', { ...good, checksum: ((good.checksum as number) + 1) >>> 0 }]);
      bad.push(['checksum missing', { ...good, checksum: undefined }]);
      bad.push(['version 2', { ...good, version: 2 }]);
      bad.push(['version 0', { ...good, version: 0 }]);
      bad.push(['another kind', { ...good, kind: good.kind === 'sma' ? 'ema' : 'sma' }]);
      const opts = good.options as Record<string, number>;
      for (const k of Object.keys(opts)) bad.push([`option ${k} changed`, { ...good, options: { ...opts, [k]: opts[k]! + 1 } }]);
      bad.push(['truncated JSON, parsed leniently', { kind: good.kind, version: 1 }]);
      for (const [what, s] of bad) {
        expect(() => target.restore(s), `${name}: ${what}`).toThrow(/hean\./);
        refused++;
      }
      expect(JSON.stringify(target.snapshot()), name).toBe(before);
      // Unchanged means it carries on exactly like its untouched twin.
      expect(sameValue(feed(target, 60, 200), feed(twin, 60, 200)), name).toBeNull();
      // The intact snapshot restores and resumes exactly where the original is.
      target.restore(good);
      expect(sameValue(feed(target, 150, 400), feed(a, 150, 400)), name).toBeNull();
    }
    expect(refused).toBeGreaterThan(47 * 20);
  });

  it('stream snapshots keep ±Infinity and -0 exactly through JSON', () => {
    const s = new hean.RollingMax(3);
    s.update(-Infinity);
    s.update(-0);
    const snap = s.snapshot();
    const back = new hean.RollingMax(3);
    back.restore(JSON.parse(JSON.stringify(snap)));
    expect(JSON.stringify(back.snapshot())).toBe(JSON.stringify(snap));
    expect(Object.is(back.update(-5), s.update(-5))).toBe(true);
  });

  it('a file with a torn snapshot (as a plain in-place write could leave) is refused', () => {
    const e = busyEngine();
    const bytes = e.snapshot();
    const p = join(dir, 'torn.snap');
    writeFileSync(p, bytes.subarray(0, bytes.length >> 1));
    const r = new RiskEngine();
    const before = Uint8Array.from(r.snapshot());
    expect(() => r.restore(readSnapshotFile(p))).toThrow(/truncated|corrupt/);
    expect(Buffer.compare(r.snapshot(), before)).toBe(0);
  });
});
