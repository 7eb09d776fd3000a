import type { Command } from 'commander';
import { userInfo } from 'node:os';
import type { Database } from '../../services/system.service.ts';
import type { ParagraphRef } from '../../services/follow-up.service.ts';
import { InputError } from '../../errors.ts';
import { todayInSweden } from '../../domain/legal-dates.ts';
import { withDatabase } from '../context.ts';
import { writeOutputFile } from '../write-output.ts';
import type { Actor } from '../../services/meeting-cycle.service.ts';
import { registerProjectCommands } from './projects.ts';

// Loaded when the command runs, not when it is registered: `protokoll --help` registers every command.
const followUp = () => import('../../services/follow-up.service.ts');
const annualReport = () => import('../../services/annual-report.service.ts');

interface ListOptions {
  organization?: string;
  json?: boolean;
  all?: boolean;
  overdue?: boolean;
  today?: string;
}

/** The operator who runs the command, as the audit log names them ('cli:' and the login name). */
function operator(): Actor {
  let login = 'unknown';
  try {
    login = userInfo().username;
  } catch {
    // No login name in some containers; the audit event still says it came from the command line.
  }
  return { userId: null, personId: null, name: `cli:${login}` };
}

const where = (ref: ParagraphRef | null): string => (ref ? `${ref.bodyName} ${ref.heldOn ?? '(utan datum)'} § ${ref.number ?? '–'}` : '–');
const roleText = (role: string): string => (role === 'substitute' ? 'ersättare' : 'ordinarie');

async function organizationIdOf(db: Database, options: ListOptions): Promise<{ organizationId?: string }> {
  return options.organization ? { organizationId: await (await followUp()).resolveOrganizationId(db, options.organization) } : {};
}

function print(options: ListOptions, data: unknown, lines: string[], empty: string): void {
  if (options.json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else process.stdout.write(`${lines.length ? lines.join('\n') : empty}\n`);
}

/** `protokoll registers …`: the follow-up registers, each entry with the § it came from. */
export function registerRegisters(program: Command): void {
  const registers = program
    .command('registers')
    .description('the follow-up registers: assignments, delegated decisions, appointments and remisser, with the § each came from');

  const withListOptions = (command: Command) =>
    command.option('--organization <name or id>', 'only this organisation').option('--json', 'print the entries as JSON');

  withListOptions(registers.command('assignments').description('uppdrag: open assignments (or all, or overdue) with their § and due date'))
    .option('--all', 'include proposed and reported assignments')
    .option('--overdue', 'only assignments past their due date')
    .option('--today <YYYY-MM-DD>', 'the day to judge overdue on (default: today in Sweden)')
    .action(async (options: ListOptions, command: Command) => {
      await withDatabase(command, async (db) => {
        const entries = await (await followUp()).listAssignments(db, {
          ...(await organizationIdOf(db, options)),
          status: options.all ? 'all' : options.overdue ? 'overdue' : 'open',
          today: options.today ?? todayInSweden(new Date()),
        });
        const lines = entries.map(
          (a) =>
            `${a.id}  ${where(a.source)}  ${a.assignee ?? '(uppdragstagare ej angiven)'}: ${a.description}` +
            `  [${a.status}${a.overdue ? ', försenat' : ''}${a.dueOn ? `, senast ${a.dueOn}` : ''}${a.reportedIn ? `, återrapporterat ${where(a.reportedIn)}` : ''}]`,
        );
        print(options, entries, lines, 'Inga uppdrag.');
      });
    });

  withListOptions(registers.command('delegations').description('delegationsbeslut with their Dnr, delegate and the § that reported them'))
    .option('--all', 'include proposed entries (default: registered and reported)')
    .action(async (options: ListOptions, command: Command) => {
      await withDatabase(command, async (db) => {
        const entries = (await (await followUp()).listDelegatedDecisions(db, { ...(await organizationIdOf(db, options)), status: 'all' })).filter(
          (d) => options.all || d.status !== 'proposed',
        );
        const lines = entries.map(
          (d) =>
            `${d.id}  ${d.decidedOn ?? '(datum ej angivet)'}  ${d.caseNumber ? `Dnr ${d.caseNumber}  ` : ''}${d.delegate ?? '(delegat ej angiven)'}: ${d.description}` +
            `  [${d.status}${d.reportedIn ? `, anmält ${where(d.reportedIn)}` : d.listedIn ? `, anmäls ${where(d.listedIn)}` : `, till ${d.bodyName}`}]`,
        );
        print(options, entries, lines, 'Inga delegationsbeslut.');
      });
    });

  withListOptions(registers.command('appointments').description('representation: who represents the organisation where, since when, by which §'))
    .option('--all', 'include proposed and ended appointments')
    .action(async (options: ListOptions, command: Command) => {
      await withDatabase(command, async (db) => {
        const entries = await (await followUp()).listAppointments(db, { ...(await organizationIdOf(db, options)), status: options.all ? 'all' : 'active' });
        const lines = entries.map(
          (a) =>
            `${a.id}  ${a.externalBody}: ${a.personName} (${roleText(a.role)})  sedan ${a.since ?? '–'}${a.endsOn ? ` t.o.m. ${a.endsOn}` : ''}` +
            `  beslut ${where(a.decidedIn)}${a.status === 'confirmed' ? '' : `  [${a.status}]`}`,
        );
        print(options, entries, lines, 'Inga uppdrag i externa organ.');
      });
    });

  withListOptions(registers.command('remisser').description('remisser with their deadline and the § that answered them'))
    .option('--today <YYYY-MM-DD>', 'the day to judge overdue on (default: today in Sweden)')
    .action(async (options: ListOptions, command: Command) => {
      await withDatabase(command, async (db) => {
        const entries = await (await followUp()).listConsultations(db, { ...(await organizationIdOf(db, options)), today: options.today ?? todayInSweden(new Date()) });
        const lines = entries.map(
          (c) =>
            `${c.id}  ${c.sender}: ${c.title}${c.caseNumber ? ` (Dnr ${c.caseNumber})` : ''}  svar senast ${c.dueOn ?? '–'}` +
            `  ${c.answeredIn ? `besvarad ${where(c.answeredIn)}` : c.overdue ? '[försenad]' : '[obesvarad]'}`,
        );
        print(options, entries, lines, 'Inga remisser.');
      });
    });

  registers
    .command('confirm')
    .description('confirm a proposal (by id) or every proposal (--all) of the follow-up registers')
    .argument('[id]', 'the id of a proposed entry')
    .option('--all', 'confirm every proposal')
    .option('--organization <name or id>', 'with --all: only this organisation')
    .option('--json', 'print what was confirmed as JSON')
    .action(async (id: string | undefined, options: ListOptions, command: Command) => {
      if (!id && !options.all) throw new InputError({ path: 'id', code: 'required', message: 'give the id of a proposal, or --all' });
      if (id && options.all) throw new InputError({ path: 'id', code: 'id_with_all', message: 'give either an id or --all, not both' });
      await withDatabase(command, async (db) => {
        const confirmed = id ? [await (await followUp()).confirmProposal(db, id, operator())] : await (await followUp()).confirmAllProposals(db, await organizationIdOf(db, options), operator());
        const byRegister = (register: string) => confirmed.filter((c) => c.register === register).length;
        print(
          options,
          confirmed,
          [`confirmed ${byRegister('assignment')} assignments, ${byRegister('appointment')} appointments, ${byRegister('delegated_decision')} delegated decisions`],
          '',
        );
      });
    });

  registerProjectCommands(registers);

  registers
    .command('export')
    .description('every register of an organisation (uppdrag, delegationsbeslut, delegationsordning, representation, remisser, mål) as CSV or XLSX, for the auditors')
    .requiredOption('--organization <name or id>', 'the organisation')
    .option('--format <csv|xlsx>', 'output format', 'xlsx')
    .option('--today <YYYY-MM-DD>', 'the day to judge overdue and in force on (default: today in Sweden)')
    .requiredOption('-o, --output <file>', 'where to write the file')
    .action(async (options: ListOptions & { format: string; output: string }, command: Command) => {
      await withDatabase(command, async (db) => {
        const organizationId = await (await followUp()).resolveOrganizationId(db, options.organization!);
        const { getOrganizations } = await import('../../services/registers.service.ts');
        const organizationName = (await getOrganizations(db)).find((o) => o.id === organizationId)?.name ?? organizationId;
        const { exportRegisters } = await import('../../services/follow-up/register-export.ts');
        const file = await exportRegisters(db, { organizationId, organizationName, today: options.today ?? todayInSweden(new Date()), format: options.format }, null);
        await writeOutputFile(options.output, file.bytes);
        process.stdout.write(`wrote ${options.output} (${file.bytes.byteLength} bytes)\n`);
      });
    });

  registers
    .command('annual-report')
    .description('draft the verksamhetsberättelse of a year and write it as PDF or HTML')
    .requiredOption('--organization <name or id>', 'the organisation')
    .requiredOption('--year <year>', 'the year reported on')
    .option('--regenerate', 'draft again from the registers, replacing edits to the stored draft')
    .option('--format <pdf|html>', 'output format', 'pdf')
    .requiredOption('-o, --output <file>', 'where to write the report')
    .action(async (options: { organization: string; year: string; regenerate?: boolean; format: string; output: string }, command: Command) => {
      // Checked here, as typed: the service would only see NaN.
      if (!/^\d{4}$/u.test(options.year)) {
        throw new InputError({ path: '--year', code: 'invalid_year', message: `expected a year such as 2024, got '${options.year}'` });
      }
      const year = Number(options.year);
      if (options.format !== 'pdf' && options.format !== 'html') {
        throw new InputError({ path: 'format', code: 'invalid_format', message: `expected pdf or html, got '${options.format}'` });
      }
      await withDatabase(command, async (db) => {
        const organizationId = await (await followUp()).resolveOrganizationId(db, options.organization);
        await (await annualReport()).draftAnnualReport(db, { organizationId, year, regenerate: Boolean(options.regenerate) }, operator());
        const output =
          options.format === 'pdf' ? await (await annualReport()).renderAnnualReportAsPdf(db, { organizationId, year }) : await (await annualReport()).renderAnnualReportAsHtml(db, { organizationId, year });
        await writeOutputFile(options.output, output);
        process.stdout.write(`wrote ${options.output}\n`);
      });
    });
}
