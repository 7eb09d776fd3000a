/**
 * The `protokoll` command line. Each command lives in `commands/<name>.ts` and registers itself here;
 * errors are translated to messages and exit codes in exactly one place (`runCli`).
 */
import { Command, CommanderError } from 'commander';
import { isProtokollError, InputError } from '../errors.ts';

type Registrar = (program: Command) => void;

/**
 * Every command, loaded on demand: running one command imports only its own module, so `parse` does not
 * start PGlite and `notice-dates` does not load the PDF renderer.
 */
const commands: Record<string, () => Promise<Registrar>> = {
  serve: async () => (await import('./commands/serve.ts')).registerServe,
  migrate: async () => (await import('./commands/migrate.ts')).registerMigrate,
  import: async () => (await import('./commands/import.ts')).registerImport,
  parse: async () => (await import('./commands/parse.ts')).registerParse,
  check: async () => (await import('./commands/check.ts')).registerCheck,
  reminders: async () => (await import('./commands/reminders.ts')).registerReminders,
  export: async () => (await import('./commands/export.ts')).registerExport,
  archive: async () => (await import('./commands/archive.ts')).registerArchive,
  render: async () => (await import('./commands/render.ts')).registerRender,
  'notice-dates': async () => (await import('./commands/notice-dates.ts')).registerNoticeDates,
  search: async () => (await import('./commands/search.ts')).registerSearch,
  registers: async () => (await import('./commands/registers.ts')).registerRegisters,
  demo: async () => (await import('./commands/demo.ts')).registerDemo,
  verify: async () => (await import('./commands/verify.ts')).registerVerify,
  'verify-pdf': async () => (await import('./commands/verify-pdf.ts')).registerVerifyPdf,
  tokens: async () => (await import('./commands/tokens.ts')).registerTokens,
  oparl: async () => (await import('./commands/oparl.ts')).registerOparl,
};

/** The command named in `argv` (process.argv form), skipping the global options. */
function commandNamed(argv: string[]): string | null {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--data') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return null;
}

/** Exit codes: 0 ok, 1 the input or a rule refused, 70 a bug (EX_SOFTWARE). */
export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_BUG = 70;

/** The program with the command `argv` names, or every command (for help and unknown commands). */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('protokoll')
    .description('Protokoll: meetings, minutes and decisions of Swedish public bodies')
    .option('--data <dir>', 'folder of the embedded database (default ./data or $PROTOKOLL_DATA)')
    .showHelpAfterError()
    .exitOverride();
  const name = commandNamed(argv);
  const wanted = name && name in commands ? [name] : Object.keys(commands);
  for (const key of wanted) (await commands[key]!())(program);
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  // A command that goes on past failures (import) says so in process.exitCode. That is this run's code
  // only: left set, it would make every later run in the same process (tests, embedders) exit 1.
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    return reportError(error);
  } finally {
    process.exitCode = before;
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
