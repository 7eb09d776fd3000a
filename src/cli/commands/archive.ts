import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { configFor } from '../context.ts';

/** `protokoll archive export`: a year's adjusted minutes as E-ARK/FGS submission packages for the e-archive. */
export function registerArchive(program: Command): void {
  const archive = program.command('archive').description('deliveries to the e-archive (E-ARK SIP / FGS 2.0)');
  archive
    .command('export')
    .description("write an organisation's adjusted minutes of a year as E-ARK submission packages (one per body, or per meeting)")
    .requiredOption('--organization <id-or-name>', 'the organisation, by id or exact name')
    .requiredOption('--year <yyyy>', 'the calendar year of the meetings')
    .requiredOption('--out <dir>', 'folder to write the packages into')
    .option('--per <unit>', 'body or meeting', 'body')
    .option('--zip', 'write each package as <id>.zip instead of a folder')
    .action(async (options: { organization: string; year: string; out: string; per: string; zip?: boolean }, command: Command) => {
      const problems = [];
      if (!/^\d{4}$/.test(options.year)) problems.push({ path: '--year', code: 'invalid_year', message: `not a year: '${options.year}'` });
      if (options.per !== 'body' && options.per !== 'meeting') problems.push({ path: '--per', code: 'invalid_unit', message: `use body or meeting, not '${options.per}'` });
      if (problems.length) throw new InputError(problems);
      const { openConfiguredDatabase, applyMigrations } = await import('../../services/system.service.ts');
      const { exportArchivePackages } = await import('../../services/archive.service.ts');
      const handle = await openConfiguredDatabase(configFor(command));
      try {
        await applyMigrations(handle);
        const result = await exportArchivePackages(handle, {
          organization: options.organization,
          year: Number(options.year),
          per: options.per as 'body' | 'meeting',
          outDir: options.out,
          zip: options.zip ?? false,
          now: new Date(),
          actor: 'cli',
        });
        for (const written of result.written) {
          process.stdout.write(`${written.path}\t${written.label}: ${written.meetings} meeting(s), ${written.files} files\n`);
        }
        for (const skipped of result.skipped) {
          process.stdout.write(`not included: ${skipped.body} ${skipped.heldOn ?? '(no date)'} (meeting ${skipped.meetingId}): ${skipped.reason}\n`);
        }
        for (const left of result.leftOut) {
          process.stdout.write(`left out: '${left.title}' of meeting ${left.meetingId}: ${left.reason}\n`);
        }
      } finally {
        await handle.close();
      }
    });
}
