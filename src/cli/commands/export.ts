import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { configFor } from '../context.ts';
import { writeOutputFile } from '../write-output.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description("write a stored meeting's minutes as JSON (interchange), PDF/A or HTML; adjusted minutes come exactly as signed")
    .argument('<meeting>', 'the meeting id')
    .option('--format <format>', 'json, pdf or html', 'json')
    .option('-o, --output <file>', 'where to write it (default: standard output)')
    .action(async (meetingId: string, options: { format: string; output?: string }, command: Command) => {
      if (!['json', 'pdf', 'html'].includes(options.format)) {
        throw new InputError({ path: '--format', code: 'invalid_format', message: `use json, pdf or html, not '${options.format}'` });
      }
      if (!/^[0-9a-f-]{36}$/i.test(meetingId)) {
        throw new InputError({ path: 'meeting', code: 'invalid_id', message: `not a meeting id: '${meetingId}'` });
      }
      const { openConfiguredDatabase, applyMigrations } = await import('../../services/system.service.ts');
      const { exportMinutes } = await import('../../services/meeting-cycle.service.ts');
      const handle = await openConfiguredDatabase(configFor(command));
      try {
        await applyMigrations(handle);
        const document = await exportMinutes(handle, meetingId, options.format as 'json' | 'pdf' | 'html');
        if (options.output) await writeOutputFile(options.output, document.body);
        else if (options.format === 'pdf' && process.stdout.isTTY) {
          throw new InputError({ path: '--output', code: 'binary_to_terminal', message: 'a PDF cannot be written to the terminal; give -o FILE' });
        } else process.stdout.write(document.body);
      } finally {
        await handle.close();
      }
    });
}
