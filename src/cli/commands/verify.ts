import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import type { IntegrityFinding, IntegrityReport, MeetingName } from '../../services/integrity.service.ts';
import { configFor } from '../context.ts';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('recompute the seals of adjusted minutes, their sealed PDFs and the audit hash chain; exit 1 when anything changed')
    .option('--organization <name or id>', 'check only the minutes of this organisation (the audit chain is always checked whole)')
    .option('--anchor <seq:hash>', 'a chain head printed by an earlier run, which must still be in the chain')
    .option('--json', 'print the report as JSON')
    .action(async (options: { organization?: string; anchor?: string; json?: boolean }, command: Command) => {
      if (options.organization !== undefined && options.organization.trim() === '') {
        throw new InputError({ path: '--organization', code: 'invalid_organization', message: 'give an organisation name or id' });
      }
      const anchor = options.anchor === undefined ? null : parseAnchor(options.anchor);
      const { applyMigrations, openConfiguredDatabase } = await import('../../services/system.service.ts');
      const { verifyIntegrity } = await import('../../services/integrity.service.ts');
      const handle = await openConfiguredDatabase(configFor(command));
      try {
        await applyMigrations(handle, { sealExisting: false });
        const report = await verifyIntegrity(handle, { organization: options.organization ?? null, anchor });
        if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(describeReport(report));
        if (report.findings.length > 0) process.exitCode = 1;
      } finally {
        await handle.close();
      }
    });
}

function parseAnchor(text: string): { seq: number; hash: string } {
  const match = /^(\d+):([0-9a-f]{64})$/i.exec(text.trim());
  if (!match) throw new InputError({ path: '--anchor', code: 'invalid_anchor', message: `expected SEQ:HASH as printed by verify (e.g. 42:3f…), not '${text}'` });
  return { seq: Number(match[1]), hash: match[2]!.toLowerCase() };
}

function describeReport(report: IntegrityReport): string {
  const lines = report.findings.map(describeFinding);
  const { meetings, paragraphs, files, auditEntries } = report.counts;
  const problems = report.findings.length;
  lines.push(
    `${problems === 0 ? 'verified' : 'CHANGED'}: ${meetings} adjusted minutes (${paragraphs} §§), ${files} sealed PDFs, ${auditEntries} audit entries; ${problems} ${problems === 1 ? 'finding' : 'findings'}`,
  );
  if (report.chainHead) lines.push(`chain head: ${report.chainHead.seq}:${report.chainHead.hash ?? '(unchained)'} (record it; a later run checks it with --anchor)`);
  return `${lines.join('\n')}\n`;
}

function describeFinding(finding: IntegrityFinding): string {
  const where = finding.meeting ? `${meetingLabel(finding.meeting)}: ` : '';
  return `${finding.code}: ${where}${finding.message}`;
}

function meetingLabel(meeting: MeetingName): string {
  const parts = [meeting.bodyName, meeting.heldOn ?? 'without date'];
  if (meeting.numberInYear !== null) parts.push(`nr ${meeting.numberInYear}`);
  const organization = meeting.organizationName ? ` (${meeting.organizationName})` : '';
  return `${parts.join(' ')}${organization} [${meeting.meetingId}]`;
}
