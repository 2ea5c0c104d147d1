// What a `hean` subcommand is (src/cli/main.ts lists them).

/** Where a command writes: stdout and stderr (tests pass collectors). */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A subcommand of `hean`. */
export interface Command {
  /** One line for `hean --help`. */
  summary: string;
  /** Full help text for `hean <command> --help`. */
  usage: string;
  /** Runs with the arguments after the command's name; returns the exit code. */
  run(args: string[], io: CliIO): number | Promise<number>;
}

/** Bad command-line usage: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
