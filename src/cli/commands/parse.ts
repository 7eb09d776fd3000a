import type { Command } from 'commander';
import { parseMinutesFile } from '../../import/index.ts';

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('read one minutes file (.txt, .pdf, .docx) and print it as interchange JSON')
    .argument('<file>', 'the minutes file')
    .action(async (file: string) => {
      const minutes = await parseMinutesFile(file);
      process.stdout.write(`${JSON.stringify(minutes, null, 2)}\n`);
    });
}
