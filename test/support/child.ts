// Runs TypeScript test code in a separate Node process: bundles an entry (with src/) by
// esbuild into build/, next to the addons' build dirs, so hean's loader finds the local
// build as it would in the package. A crash of the child is then a failed test, with its
// exit signal, instead of a dead test runner.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const bundles = new Map<string, Promise<string>>();

/** Bundles `entry` (a path relative to the repository) once per test process; returns the .mjs path. */
export function bundle(entry: string): Promise<string> {
  let p = bundles.get(entry);
  if (!p) {
    const dir = join(root, 'build');
    mkdirSync(dir, { recursive: true });
    // Directly inside build/: src/native.ts resolves the package root as the bundle's parent dir.
    const outfile = join(dir, `.test-${entry.replace(/[^\w]+/g, '_')}-${process.pid}.mjs`);
    p = build({
      entryPoints: [join(root, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    }).then(() => {
      process.once('exit', () => rmSync(outfile, { force: true }));
      return outfile;
    });
    bundles.set(entry, p);
  }
  return p;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a bundled file in a new Node process. */
export function runChild(file: string, opts: { env?: Record<string, string>; args?: string[]; nodeArgs?: string[]; timeoutMs: number }): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), file, ...(opts.args ?? [])], {
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
