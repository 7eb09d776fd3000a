import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { ImportOutcome } from '../../services/import.service.ts';
import { todayInSweden } from '../../domain/legal-dates.ts';
import { configFor } from '../context.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('parse and store minutes (.txt, .pdf, .docx, or interchange .json); folders are read recursively')
    .argument('<paths...>', 'files or folders of minutes')
    .option('--organization <name>', 'store the minutes under this organisation, whatever they name')
    .option('--json', 'print the outcome of every file as JSON')
    .action(async (paths: string[], options: { organization?: string; json?: boolean }, command: Command) => {
      const { applyMigrations, openConfiguredDatabase } = await import('../../services/system.service.ts');
      const { collectImportFiles, importMinutesFiles } = await import('../../services/import.service.ts');
      const files = collectImportFiles(paths);
      const handle = await openConfiguredDatabase(configFor(command));
      try {
        await applyMigrations(handle);
        const bar =
          process.stderr.isTTY && !options.json && files.length > 1
            ? new cliProgress.SingleBar(
                { format: 'Importing {bar} {value}/{total} {file}', hideCursor: true, clearOnComplete: true, stream: process.stderr },
                cliProgress.Presets.shades_classic,
              )
            : null;
        bar?.start(files.length, 0, { file: '' });
        // Without a progress bar, each file's line is printed once its transaction is over, so a log of a
        // long batch that was stopped says which files are stored.
        const streaming = !options.json && !bar;
        const summary = await importMinutesFiles(handle, files, {
          ...(options.organization ? { organizationName: options.organization } : {}),
          today: todayInSweden(new Date()),
          onProgress: (done, outcome) => {
            bar?.update(done, { file: outcome.file });
            if (streaming) process.stdout.write(`${describe(outcome)}\n`);
          },
        });
        bar?.stop();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        } else {
          if (!streaming) for (const outcome of summary.outcomes) process.stdout.write(`${describe(outcome)}\n`);
          process.stdout.write(`imported ${summary.imported}, skipped ${summary.skipped} (already imported), failed ${summary.failed}\n`);
        }
        // A batch with failures goes on to the end, then says so in its exit code.
        if (summary.failed > 0) process.exitCode = 1;
      } finally {
        await handle.close();
      }
    });
}

function describe(outcome: ImportOutcome): string {
  switch (outcome.status) {
    case 'imported':
      return `imported  ${outcome.file} (${outcome.paragraphs} §§): meeting ${outcome.meetingId}${describeProposals(outcome.proposals)}${describeFindings(outcome.findings)}`;
    case 'skipped':
      return `skipped   ${outcome.file}: ${outcome.reason} (meeting ${outcome.meetingId})`;
    case 'failed':
      return `failed    ${outcome.file}: ${outcome.reason}`;
  }
}

/** The legal checks' findings on the imported minutes, one indented line each: recorded, not refused. */
function describeFindings(findings: { severity: string; paragraph: number | null; code: string; message: string }[]): string {
  return findings.map((f) => `\n          ${f.paragraph === null ? '' : `§${f.paragraph} `}${f.code}: ${f.message}`).join('');
}

function describeProposals(proposals: { assignments: number; appointments: number; delegatedDecisions: number }): string {
  const parts = [
    proposals.assignments ? `${proposals.assignments} assignments` : '',
    proposals.appointments ? `${proposals.appointments} appointments` : '',
    proposals.delegatedDecisions ? `${proposals.delegatedDecisions} delegated decisions` : '',
  ].filter(Boolean);
  return parts.length ? `; proposed ${parts.join(', ')} (confirm with protokoll registers confirm)` : '';
}
