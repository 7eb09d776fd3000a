import type { Command } from 'commander';

// Loaded when the command runs, not when it is registered: `protokoll --help` registers every command.
const importer = () => import('../../import/index.ts');

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('read one minutes file (.txt, .pdf, .docx) and print it as interchange JSON')
    .argument('<file>', 'the minutes file')
    .action(async (file: string) => {
      const minutes = await (await importer()).parseMinutesFile(file);
      process.stdout.write(`${JSON.stringify(minutes, null, 2)}\n`);
    });
}
