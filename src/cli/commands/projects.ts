import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { withDatabase } from '../context.ts';
import { writeOutputFile } from '../write-output.ts';

// Loaded when the command runs, not when it is registered: `protokoll --help` registers every command.
const projectsService = () => import('../../services/projects.service.ts');
const followUp = () => import('../../services/follow-up.service.ts');

const statuses = ['planned', 'ongoing', 'completed', 'cancelled'];
const kronor = (amount: number | null) => (amount === null ? '–' : `${new Intl.NumberFormat('sv-SE').format(amount)} kr`);

/**
 * `protokoll registers projects`, `projects-export` and `portfolio`: the project portfolio beside the
 * follow-up registers.
 */
export function registerProjectCommands(registers: Command): void {
  registers
    .command('projects')
    .description('the project portfolio: projects with Dnr, status, period, manager, funding, budget and outcome')
    .option('--organization <name or id>', 'only this organisation')
    .option('--status <status>', `only projects with this status (${statuses.join(', ')})`)
    .option('--json', 'print the projects as JSON')
    .action(async (options: { organization?: string; status?: string; json?: boolean }, command: Command) => {
      if (options.status && !statuses.includes(options.status)) {
        throw new InputError({ path: '--status', code: 'invalid_status', message: `expected one of ${statuses.join(', ')}, got '${options.status}'` });
      }
      await withDatabase(command, async (db) => {
        const organizationId = options.organization ? await (await followUp()).resolveOrganizationId(db, options.organization) : undefined;
        const projects = await (await projectsService()).listProjects(db, {
          ...(organizationId ? { organizationId } : {}),
          ...(options.status ? { status: options.status as 'planned' } : {}),
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(projects, null, 2)}\n`);
          return;
        }
        const lines = projects.map(
          (p) =>
            `${p.id}  ${p.caseNumber ? `Dnr ${p.caseNumber}  ` : ''}${p.title}  [${p.status}${p.startsOn || p.endsOn ? `, ${p.startsOn ?? '…'}–${p.endsOn ?? '…'}` : ''}]` +
            `  ${p.projectManager ? `projektledare ${p.projectManager}  ` : ''}finansiering ${kronor(p.fundingTotal)} (${p.funders.map((f) => f.funderName).join(', ') || 'inga finansiärer'})` +
            `  budget ${kronor(p.budget)}, utfall ${kronor(p.outcome)}`,
        );
        process.stdout.write(`${lines.length ? lines.join('\n') : 'Inga projekt.'}\n`);
      });
    });

  registers
    .command('projects-export')
    .description('write the project portfolio as CSV or XLSX (for auditors)')
    .option('--organization <name or id>', 'only this organisation')
    .option('--format <csv|xlsx>', 'file format', 'xlsx')
    .requiredOption('-o, --output <file>', 'where to write the file')
    .action(async (options: { organization?: string; format: string; output: string }, command: Command) => {
      if (options.format !== 'csv' && options.format !== 'xlsx') {
        throw new InputError({ path: 'format', code: 'invalid_format', message: `expected csv or xlsx, got '${options.format}'` });
      }
      const format = options.format;
      await withDatabase(command, async (db) => {
        const organizationId = options.organization ? await (await followUp()).resolveOrganizationId(db, options.organization) : undefined;
        const file = await (await projectsService()).exportProjects(db, { ...(organizationId ? { organizationId } : {}), format });
        await writeOutputFile(options.output, file.bytes);
        process.stdout.write(`wrote ${options.output}\n`);
      });
    });

  registers
    .command('portfolio')
    .description('write the tertial portfolio report (projektportfölj) of an organisation as PDF')
    .requiredOption('--organization <name or id>', 'the organisation')
    .requiredOption('--year <year>', 'the year')
    .requiredOption('--tertial <T1|T2|T3>', 'the tertial: T1 January–April, T2 May–August, T3 September–December')
    .requiredOption('-o, --output <file>', 'where to write the PDF')
    .action(async (options: { organization: string; year: string; tertial: string; output: string }, command: Command) => {
      if (!/^\d{4}$/u.test(options.year)) throw new InputError({ path: '--year', code: 'invalid_year', message: `expected a year such as 2024, got '${options.year}'` });
      await withDatabase(command, async (db) => {
        const organizationId = await (await followUp()).resolveOrganizationId(db, options.organization);
        const pdf = await (await projectsService()).renderPortfolioReport(db, { organizationId, year: Number(options.year), tertial: options.tertial });
        await writeOutputFile(options.output, pdf);
        process.stdout.write(`wrote ${options.output}\n`);
      });
    });
}
