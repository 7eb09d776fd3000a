import type { Command } from 'commander';
import { isIsoDate } from '../../domain/legal-dates.ts';
import { InputError, type Problem } from '../../errors.ts';
import type { FacetValue, SearchFilters, SearchResult } from '../../services/search.service.ts';
import { configFor } from '../context.ts';

// Loaded when the command runs, not when it is registered: `protokoll --help` registers every command.
const system = () => import('../../services/system.service.ts');
const search = () => import('../../services/search.service.ts');

interface SearchOptions {
  organization?: string;
  body?: string;
  year?: string;
  from?: string;
  to?: string;
  case?: string;
  person?: string;
  decisions?: boolean;
  public?: boolean;
  page?: string;
  pageSize?: string;
  json?: boolean;
}

/** `protokoll search QUERY`: search every §, with filters; readable text or JSON. */
export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search the §§ of all minutes: words (Swedish stemming), "phrases", prefixes (famil*), -excluded, or; a case number alone lists its §§')
    .argument('[query...]', 'what to search for')
    .option('--organization <name>', 'only this organisation (name, short name or id)')
    .option('--body <name>', 'only this body (name or id)')
    .option('--year <year>', 'only meetings in this year')
    .option('--from <date>', 'only meetings on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'only meetings on or before this date (YYYY-MM-DD)')
    .option('--case <number>', 'only §§ of this case (diarienummer; a misspelt one finds the most similar)')
    .option('--person <name>', 'only §§ where this person attended, voted, reserved or presented (misspellings allowed)')
    .option('--decisions', 'only §§ with decision points (att-satser)')
    .option('--public', 'search as the public does: adjusted minutes only, no confidential §§')
    .option('--page <n>', 'page of results', '1')
    .option('--page-size <n>', 'results per page', '20')
    .option('--json', 'print the result as JSON')
    .action(async (words: string[], options: SearchOptions, command: Command) => {
      const problems = optionProblems(options);
      if (problems.length > 0) throw new InputError(problems);
      const filters: SearchFilters = {
        ...(options.organization ? { organization: options.organization } : {}),
        ...(options.body ? { body: options.body } : {}),
        ...(options.year ? { year: Number(options.year) } : {}),
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
        ...(options.case ? { caseNumber: options.case } : {}),
        ...(options.person ? { person: options.person } : {}),
        ...(options.decisions ? { decisionsOnly: true } : {}),
      };
      const handle = await (await system()).openConfiguredDatabase(configFor(command));
      try {
        await (await system()).applyMigrations(handle);
        const result = await (await search()).searchDecisions(handle.db, {
          query: words.join(' '),
          filters,
          page: Number(options.page),
          pageSize: Number(options.pageSize),
          // The command line is the operator's: it sees internal results unless asked otherwise.
          audience: options.public ? 'public' : 'internal',
        });
        if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else process.stdout.write(formatResult(result, words.join(' '), Boolean(process.stdout.isTTY)));
      } finally {
        await handle.close();
      }
    });
}

/**
 * The options as typed, checked before the database is opened, so that each problem names its option: a
 * date the calendar lacks (2020-13-01) otherwise reached the query and failed as a bug (exit 70).
 */
function optionProblems(options: SearchOptions): Problem[] {
  const problems: Problem[] = [];
  const refuse = (path: string, code: string, what: string, value: string) => problems.push({ path, code, message: `${what}, got '${value}'` });
  for (const [option, value] of [['--from', options.from], ['--to', options.to]] as const) {
    if (value !== undefined && !isIsoDate(value)) refuse(option, 'invalid_date', 'expected a date YYYY-MM-DD', value);
  }
  if (options.year !== undefined && !/^\d{4}$/u.test(options.year)) refuse('--year', 'invalid_year', 'expected a year such as 2024', options.year);
  for (const [option, value] of [['--page', options.page], ['--page-size', options.pageSize]] as const) {
    if (value !== undefined && !/^[1-9]\d*$/u.test(value)) refuse(option, 'invalid_number', 'expected a whole number from 1', value);
  }
  return problems;
}

function formatResult(result: SearchResult, query: string, color: boolean): string {
  const lines: string[] = [];
  const bold = (text: string) => (color ? `\u001b[1m${text}\u001b[22m` : text);
  const { interpretation } = result;
  const about = query ? ` för "${query}"` : '';
  const total = result.totalIsCapped ? `fler än ${result.total}` : String(result.total);
  lines.push(`${total} ${result.total === 1 ? 'träff' : 'träffar'}${about}`);
  if (interpretation.matchedBy === 'case_number') lines.push(`(ärende ${interpretation.caseNumbers?.join(', ')})`);
  if (interpretation.matchedBy === 'similar_titles') lines.push('(inga träffar på orden; visar rubriker som liknar dem)');
  if (interpretation.caseNumbers && interpretation.matchedBy !== 'case_number') lines.push(`(diarienummer: ${interpretation.caseNumbers.join(', ') || 'inget liknande'})`);
  if (interpretation.persons) lines.push(`(personer: ${interpretation.persons.join(', ') || 'ingen liknande'})`);
  const first = (result.page - 1) * result.pageSize + 1;
  result.hits.forEach((hit, index) => {
    lines.push('');
    const number = hit.number === null ? '§ –' : `§ ${hit.number}`;
    const where = [hit.body, hit.organization].filter(Boolean).join(', ');
    lines.push(`${first + index}. ${number}  ${hit.meetingDate ?? '(utan datum)'}  ${where}`);
    const caseText = hit.caseNumber ? `  (Dnr ${hit.caseNumber})` : '';
    lines.push(`   ${bold(hit.title)}${caseText}${hit.isDecision ? '  [beslut]' : ''}`);
    const snippet = hit.snippetSegments.map((s) => (s.match ? (color ? bold(s.text) : `«${s.text}»`) : s.text)).join('');
    if (snippet) lines.push(`   ${snippet}`);
  });
  if (result.total > 0) {
    lines.push('');
    const facet = (label: string, values: FacetValue[] | undefined) => {
      if (values?.length) lines.push(`${label}: ${values.slice(0, 10).map((v) => `${v.label} (${v.count})`).join('; ')}`);
    };
    facet('Organisationer', result.facets.organizations);
    facet('Organ', result.facets.bodies);
    facet('År', result.facets.years);
    facet('Personer', result.facets.persons);
    lines.push(`Med beslut: ${result.facets.decisions}`);
    const last = first + result.hits.length - 1;
    if (result.total > result.hits.length) lines.push(`Visar ${first}–${last} av ${total} (--page för fler)`);
    if (result.totalIsCapped) lines.push(`Räknar de ${result.total} senaste träffarna; avgränsa med --body, --year eller --organization för fler.`);
  }
  return `${lines.join('\n')}\n`;
}
