#!/usr/bin/env node
// The `hean` command: a table of subcommands (each module exports its command functions).
import { serveRiskCommand, workerCommand } from './nats.js';

/** Subcommands by name. */
export const COMMANDS: Record<string, { run: (args: readonly string[]) => Promise<number>; help: string }> = {
  'serve-risk': { run: serveRiskCommand, help: 'serve-risk --nats URL --config FILE   run a RiskEngine as a NATS service' },
  worker: { run: workerCommand, help: 'worker --nats URL                      pull backtest sweep chunks from NATS' },
};

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = name === undefined ? undefined : COMMANDS[name];
  if (!cmd) {
    console.error(`usage: hean <command> [options]\n${Object.values(COMMANDS).map((c) => `  hean ${c.help}`).join('\n')}`);
    return name === undefined || name === '--help' ? 0 : 2;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    console.error(`hean ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
