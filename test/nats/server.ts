// A real nats-server with JetStream on a free loopback port and a temporary store dir,
// for the NATS tests (Debian's `nats-server` package; .ci/run installs it).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A running nats-server. */
export interface NatsServer {
  url: string;
  port: number;
  dir: string;
  /** Stops it (SIGTERM, or SIGKILL) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
  /** Stops it and removes the store. */
  close(): Promise<void>;
}

/** Starts nats-server -js; `auth` is an `authorization { … }` block for the config file. */
export async function startNats(auth = ''): Promise<NatsServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hean-nats-'));
  const conf = join(dir, 'server.conf');
  writeFileSync(conf, `listen: "127.0.0.1:${port}"\njetstream { store_dir: "${join(dir, 'js')}" }\n${auth}\n`);
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn('nats-server', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = c;
      let log = '';
      const t = setTimeout(() => reject(new Error(`nats-server did not start: ${log}`)), 10_000);
      c.stderr!.on('data', (d: Buffer) => {
        log += d;
        if (log.includes('Server is ready')) {
          clearTimeout(t);
          resolve();
        }
      });
      c.once('exit', (code) => {
        clearTimeout(t);
        reject(new Error(`nats-server exited (${code}): ${log}`));
      });
      c.once('error', reject);
    });
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill(signal);
    });
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    start,
    async close() {
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
