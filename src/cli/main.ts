/**
 * The `protokoll` command line. Each command lives in `commands/<name>.ts` and registers itself here;
 * errors are translated to messages and exit codes in exactly one place (`runCli`).
 */
import { Command, CommanderError } from 'commander';
import { isProtokollError, InputError } from '../errors.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerServe } from './commands/serve.ts';
import { registerParse } from './commands/parse.ts';
import { registerNoticeDates } from './commands/notice-dates.ts';
import { registerRender } from './commands/render.ts';
import { registerImport } from './commands/import.ts';
import { registerSearch } from './commands/search.ts';
import { registerRegisters } from './commands/registers.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';

/** Exit codes: 0 ok, 1 the input or a rule refused, 70 a bug (EX_SOFTWARE). */
export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_BUG = 70;

export function buildProgram(): Command {
  const program = new Command('protokoll')
    .description('Protokoll: meetings, minutes and decisions of Swedish public bodies')
    .option('--data <dir>', 'folder of the embedded database (default ./data or $PROTOKOLL_DATA)')
    .showHelpAfterError()
    .exitOverride();
  registerMigrate(program);
  registerServe(program);
  registerParse(program);
  registerNoticeDates(program);
  registerRender(program);
  registerImport(program);
  registerSearch(program);
  registerRegisters(program);
  registerDemo(program);
  registerExport(program);
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed help or the usage problem.
    return error.exitCode === 0 ? EXIT_OK : EXIT_REFUSED;
  }
  if (error instanceof InputError) {
    for (const problem of error.problems) process.stderr.write(`error: ${problem.path}: ${problem.message}\n`);
    return EXIT_REFUSED;
  }
  if (isProtokollError(error)) {
    process.stderr.write(`error: ${error.message} (${error.code})\n`);
    return EXIT_REFUSED;
  }
  process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.stderr.write('This is a bug in Protokoll: please report it with the lines above.\n');
  return EXIT_BUG;
}
