import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Finding, FindingLanguage } from '../../domain/legal-checks/index.ts';
import { isIsoDate, todayInSweden } from '../../domain/legal-dates.ts';
import type { Minutes } from '../../domain/minutes.ts';
import { organisationTypes, ruleProfileFor, type OrganisationType } from '../../domain/rule-profile.ts';
import { InputError, isProtokollError, type Problem } from '../../errors.ts';

// Loaded when the command runs, not when it is registered: `protokoll --help` registers every command.
const importer = () => import('../../import/index.ts');
const legalChecks = () => import('../../domain/legal-checks/index.ts');
const minutesModel = () => import('../../domain/minutes.ts');

interface CheckOptions {
  json?: boolean;
  lang: string;
  today?: string;
  seats?: string;
  organizationType?: string;
}

/**
 * Registers `protokoll check`: the legal checks (dates, quorum, votes, people, § numbering) on minutes
 * interchange JSON or any file `parse` reads, one finding a line. Exit 1 when any file has an error.
 */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check minutes against the law and the rule profile; one finding a line, exit 1 on errors')
    .argument('<files...>', 'minutes interchange JSON, or a minutes file (.txt, .pdf, .docx)')
    .option('--json', 'print the findings as JSON')
    .option('--lang <sv|en>', 'the language of the messages', 'sv')
    .option('--today <date>', 'judge dates as of this day, YYYY-MM-DD (default: today in Sweden)')
    .option('--seats <n>', "the body's number of seats (default: the most who decided at any §)")
    .option('--organization-type <type>', `the rule profile: ${organisationTypes.join(', ')}`, 'kommunalforbund')
    .action(async (files: string[], options: CheckOptions) => {
      const { checkMinutes, describeFinding, hasErrors } = await legalChecks();
      const settings = settingsOf(options);
      const results: { file: string; findings: Finding[] }[] = [];
      let unreadable = 0;
      for (const file of files) {
        let minutes: Minutes;
        try {
          minutes = await readMinutes(file);
        } catch (error) {
          // One file that cannot be read is reported and the others are still checked.
          if (!isProtokollError(error)) throw error;
          unreadable += 1;
          process.stderr.write(`${file}: error: ${error instanceof InputError ? error.problems.map((p) => p.message).join('; ') : error.message}\n`);
          continue;
        }
        const profile = ruleProfileFor({ organisationType: settings.organisationType, bodyKind: minutes.kind === 'notes' ? 'network' : 'decision_making' });
        results.push({ file, findings: checkMinutes(minutes, { today: settings.today, seats: settings.seats, profile }) });
      }
      if (options.json) {
        const output = results.map(({ file, findings }) => ({
          file,
          findings: findings.map((f) => ({ ...f, message: describeFinding(f, settings.language) })),
        }));
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      } else {
        for (const { file, findings } of results) {
          for (const f of findings) process.stdout.write(`${lineOf(file, f, settings.language, describeFinding)}\n`);
        }
        const all = results.flatMap((r) => r.findings);
        const errors = all.filter((f) => f.severity === 'error').length;
        const unread = unreadable > 0 ? `, ${unreadable} not read` : '';
        process.stderr.write(`${files.length} ${files.length === 1 ? 'file' : 'files'}${unread}: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${all.length - errors} ${all.length - errors === 1 ? 'warning' : 'warnings'}\n`);
      }
      if (unreadable > 0 || results.some((r) => hasErrors(r.findings))) process.exitCode = 1;
    });
}

/** `FILE: §N code message`; a finding about the meeting as a whole has no §, a warning says so. */
function lineOf(file: string, f: Finding, language: FindingLanguage, describeFinding: (f: Finding, language: FindingLanguage) => string): string {
  const where = f.paragraph === null ? '' : ` §${f.paragraph}`;
  const severity = f.severity === 'warning' ? (language === 'sv' ? 'varning: ' : 'warning: ') : '';
  return `${file}:${where} ${f.code} ${severity}${describeFinding(f, language)} (${f.reference})`;
}

function settingsOf(options: CheckOptions): { language: FindingLanguage; today: string; seats: number | null; organisationType: OrganisationType } {
  const problems: Problem[] = [];
  if (options.lang !== 'sv' && options.lang !== 'en') problems.push({ path: '--lang', code: 'invalid_language', message: `expected sv or en, got '${options.lang}'` });
  if (options.today !== undefined && !isIsoDate(options.today)) problems.push({ path: '--today', code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${options.today}'` });
  const seats = options.seats === undefined ? null : Number(options.seats);
  if (seats !== null && !(Number.isInteger(seats) && seats > 0)) problems.push({ path: '--seats', code: 'invalid_count', message: `expected a whole number above 0, got '${options.seats}'` });
  const type = options.organizationType ?? 'kommunalforbund';
  if (!(organisationTypes as readonly string[]).includes(type)) problems.push({ path: '--organization-type', code: 'invalid_organization_type', message: `expected one of ${organisationTypes.join(', ')}, got '${type}'` });
  if (problems.length > 0) throw new InputError(problems);
  return { language: options.lang as FindingLanguage, today: options.today ?? todayInSweden(new Date()), seats, organisationType: type as OrganisationType };
}

/** Interchange JSON is read as it is (the shared schema); anything else goes through the importer. */
async function readMinutes(file: string): Promise<Minutes> {
  if (!file.toLowerCase().endsWith('.json')) return (await importer()).parseMinutesFile(file);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : code ? `cannot read the file (${code})` : `not JSON: ${(error as Error).message}`;
    throw new InputError({ path: file, code: code === 'ENOENT' ? 'file_not_found' : 'unreadable_file', message });
  }
  // An annotated seed wraps the minutes in { expected }; plain interchange JSON is the minutes itself.
  const candidate = typeof data === 'object' && data !== null && 'expected' in data && !('items' in data) ? (data as { expected: unknown }).expected : data;
  const parsed = (await minutesModel()).minutesSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((issue) => ({ path: `${file}: ${issue.path.join('.') || '(document)'}`, code: 'invalid_minutes', message: issue.message })));
  }
  return parsed.data;
}
