// The `hean` command line: a table of subcommands and the dispatcher. Adding a command is
// one entry in `commands` (its module exports a Command, see command.ts), e.g.
// `'serve-risk': serveRiskCommand` imported from './nats.js'; help lists it by itself.
// Usage errors (UsageError) exit with 2, other failures with 1.
import { UsageError, type CliIO, type Command } from './command.js';
import { serveRiskCommand, workerCommand } from './nats.js';
import { reportCommand } from './report.js';

export { UsageError, type CliIO, type Command };

/** The subcommands, by name. */
export const commands: Readonly<Record<string, Command>> = {
  report: reportCommand,
  'serve-risk': {
    summary: 'run a RiskEngine as a NATS service (hean/nats; needs the @nats-io packages)',
    usage:
      'Usage: hean serve-risk --nats URL --config FILE [--creds FILE | --user U --pass P | --token T] [--tls-ca F --tls-cert F --tls-key F]\n\n' +
      'Serves the engine described by FILE (JSON: name, bucket, leaseMs, snapshotEvery, account, instruments)\n' +
      'until SIGINT/SIGTERM; restores the latest snapshot and journal first (see the README, hean/nats).\n',
    run: (args) => nats(serveRiskCommand, args),
  },
  worker: {
    summary: 'pull backtest sweep chunks from a NATS work queue (hean/nats)',
    usage: 'Usage: hean worker --nats URL [--ack-wait MS] [--max-deliver N] [connection flags as serve-risk]\n',
    run: (args) => nats(workerCommand, args),
  },
};

/** A NATS command: its argument errors (RangeError) are usage errors. */
async function nats(run: (args: readonly string[]) => Promise<number>, args: string[]): Promise<number> {
  try {
    return await run(args);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

function help(): string {
  const w = Math.max(...Object.keys(commands).map((k) => k.length));
  return [
    'Usage: hean <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([k, c]) => `  ${k.padEnd(w)}  ${c.summary}`),
    '',
    "Run 'hean <command> --help' for a command's options.",
    '',
  ].join('\n');
}

/** Runs `hean` with `argv` (the arguments after the program); returns the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? io.err : io.out)(help());
    return name === undefined ? 2 : 0;
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!cmd) {
    io.err(`hean: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.out(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`hean ${name}: ${e.message}\nRun 'hean ${name} --help' for usage.\n`);
      return 2;
    }
    io.err(`hean ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
