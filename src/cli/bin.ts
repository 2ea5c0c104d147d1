// Entry of the `hean` bin (dist/cli.js): runs main on the process's arguments.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
