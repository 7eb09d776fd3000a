/**
 * Projekt: the development projects a förbund owns or runs, as its project portfolio (projektportfölj)
 * follows them: owner, project manager, funders with amounts per year, budget and outcome, period and
 * status. Pure rules: sums, the tertial a date falls in, which projects a tertial report lists, and the
 * validation of a project's input. Amounts are whole kronor.
 */
import type { Problem } from '../../errors.ts';

/** Projektstatus: planerat, pågående, avslutat, avbrutet. */
export const projectStatuses = ['planned', 'ongoing', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

/**
 * Finansiärstyp: EU-medel (ESF, ERUF, Interreg …), Region, kommuner, Samordningsförbund, egna medel, or
 * another funder (a state agency, a foundation).
 */
export const funderKinds = ['eu', 'region', 'municipality', 'coordination_association', 'own', 'other'] as const;
export type FunderKind = (typeof funderKinds)[number];

/** Beslutstyp: the § that started the project, changed it, or received its slutrapport. */
export const projectDecisionKinds = ['start', 'change', 'final_report'] as const;
export type ProjectDecisionKind = (typeof projectDecisionKinds)[number];

/** Tertial: T1 January–April, T2 May–August, T3 September–December. */
export type Tertial = 1 | 2 | 3;

/** Finansiering: one funder's amount for one year. */
export interface FundingRow {
  funderKind: FunderKind;
  /** The funder as written, e.g. 'Europeiska socialfonden', 'Region Exempel'. */
  funderName: string;
  year: number;
  /** Whole kronor. */
  amount: number;
}

/** What a project's form or API call gives. */
export interface ProjectInput {
  title: string;
  caseNumber?: string | null;
  description?: string | null;
  /** Projektägare as written (the förbund, a member municipality). */
  owner?: string | null;
  /** Projektledare as written. */
  projectManager?: string | null;
  status: string;
  startsOn?: string | null;
  endsOn?: string | null;
  /** Total budget, whole kronor. */
  budget?: number | null;
  /** Utfall (spent so far), whole kronor. */
  outcome?: number | null;
  /** Resultat as the project reports them. */
  results?: string | null;
  funding: { funderKind: string; funderName: string; year: number; amount: number }[];
}

/** One funder with its amounts per year and their sum. */
export interface FunderSummary {
  funderKind: FunderKind;
  funderName: string;
  amounts: { year: number; amount: number }[];
  total: number;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/u;
const MAX_AMOUNT = 1_000_000_000_000;

function isValidDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Whether a value is one of the project statuses. */
export function isProjectStatus(value: string): value is ProjectStatus {
  return (projectStatuses as readonly string[]).includes(value);
}

/** Whether a value is one of the funder kinds. */
export function isFunderKind(value: string): value is FunderKind {
  return (funderKinds as readonly string[]).includes(value);
}

/** Whether a value is one of the kinds of decision a project links to. */
export function isProjectDecisionKind(value: string): value is ProjectDecisionKind {
  return (projectDecisionKinds as readonly string[]).includes(value);
}

function checkAmount(value: number | null | undefined, path: string, problems: Problem[]): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 0 || value > MAX_AMOUNT) {
    problems.push({ path, code: 'invalid_amount', message: `expected whole kronor from 0, got ${value}` });
  }
}

/**
 * Every problem with a project's input, each with its field path: a title and a known status, real
 * dates with the end not before the start, amounts in whole kronor, and funding rows that name their
 * funder, fall within the project's period and give each funder one amount per year.
 */
export function projectInputProblems(input: ProjectInput): Problem[] {
  const problems: Problem[] = [];
  if (!input.title?.trim()) problems.push({ path: 'title', code: 'required', message: 'a project needs a title' });
  if (!isProjectStatus(input.status)) {
    problems.push({ path: 'status', code: 'invalid_status', message: `expected one of ${projectStatuses.join(', ')}, got '${input.status}'` });
  }
  for (const field of ['startsOn', 'endsOn'] as const) {
    const value = input[field];
    if (value && !isValidDate(value)) problems.push({ path: field, code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${value}'` });
  }
  const startsOn = input.startsOn && isValidDate(input.startsOn) ? input.startsOn : null;
  const endsOn = input.endsOn && isValidDate(input.endsOn) ? input.endsOn : null;
  if (startsOn && endsOn && endsOn < startsOn) {
    problems.push({ path: 'endsOn', code: 'ends_before_start', message: `the project ends (${endsOn}) before it starts (${startsOn})` });
  }
  checkAmount(input.budget, 'budget', problems);
  checkAmount(input.outcome, 'outcome', problems);
  const seen = new Set<string>();
  input.funding.forEach((row, index) => {
    const path = `funding[${index}]`;
    if (!isFunderKind(row.funderKind)) {
      problems.push({ path: `${path}.funderKind`, code: 'invalid_funder_kind', message: `expected one of ${funderKinds.join(', ')}, got '${row.funderKind}'` });
    }
    if (!row.funderName?.trim()) problems.push({ path: `${path}.funderName`, code: 'required', message: 'a funding row needs the funder’s name' });
    if (!Number.isInteger(row.year) || row.year < 1900 || row.year > 2200) {
      problems.push({ path: `${path}.year`, code: 'invalid_year', message: `expected a year, got ${row.year}` });
    } else if ((startsOn && row.year < Number(startsOn.slice(0, 4))) || (endsOn && row.year > Number(endsOn.slice(0, 4)))) {
      problems.push({ path: `${path}.year`, code: 'year_outside_period', message: `${row.year} is outside the project's period ${startsOn ?? '…'}–${endsOn ?? '…'}` });
    }
    checkAmount(row.amount, `${path}.amount`, problems);
    const key = `${row.funderName?.trim().toLowerCase()}|${row.year}`;
    if (seen.has(key)) problems.push({ path: `${path}.year`, code: 'duplicate_funding_year', message: `${row.funderName} already has an amount for ${row.year}` });
    seen.add(key);
  });
  return problems;
}

/** The funding rows grouped per funder (in first-mention order), each with its years in order and its sum. */
export function fundersOf(funding: readonly FundingRow[]): FunderSummary[] {
  const byName = new Map<string, FunderSummary>();
  for (const row of funding) {
    const key = `${row.funderKind}|${row.funderName}`;
    const entry = byName.get(key) ?? { funderKind: row.funderKind, funderName: row.funderName, amounts: [], total: 0 };
    entry.amounts.push({ year: row.year, amount: row.amount });
    entry.total += row.amount;
    byName.set(key, entry);
  }
  for (const entry of byName.values()) entry.amounts.sort((a, b) => a.year - b.year);
  return [...byName.values()];
}

/** The funding summed per funder kind, in the order of `funderKinds`; kinds without funding left out. */
export function fundingByKind(funding: readonly FundingRow[]): { funderKind: FunderKind; total: number }[] {
  return funderKinds
    .map((funderKind) => ({ funderKind, total: funding.filter((f) => f.funderKind === funderKind).reduce((sum, f) => sum + f.amount, 0) }))
    .filter((entry) => funding.some((f) => f.funderKind === entry.funderKind));
}

/** The funding summed per year, years in order. */
export function fundingByYear(funding: readonly FundingRow[]): { year: number; total: number }[] {
  const years = [...new Set(funding.map((f) => f.year))].sort((a, b) => a - b);
  return years.map((year) => ({ year, total: funding.filter((f) => f.year === year).reduce((sum, f) => sum + f.amount, 0) }));
}

/** All funding of a project. */
export function fundingTotal(funding: readonly FundingRow[]): number {
  return funding.reduce((sum, f) => sum + f.amount, 0);
}

/**
 * Budget against outcome: what is left (negative when overspent) and the share used in whole percent;
 * null where the budget or the outcome is not known.
 */
export function budgetBalance(project: { budget: number | null; outcome: number | null }): { remaining: number | null; usedPercent: number | null } {
  if (project.budget === null || project.outcome === null) return { remaining: null, usedPercent: null };
  return { remaining: project.budget - project.outcome, usedPercent: project.budget === 0 ? null : Math.round((project.outcome / project.budget) * 100) };
}

/** The tertial a date falls in: T1 January–April, T2 May–August, T3 September–December. */
export function tertialOf(isoDay: string): Tertial {
  const month = Number(isoDay.slice(5, 7));
  return month <= 4 ? 1 : month <= 8 ? 2 : 3;
}

/** The first and last day of a tertial. */
export function tertialRange(year: number, tertial: Tertial): { startsOn: string; endsOn: string } {
  const firstMonth = (tertial - 1) * 4 + 1;
  const lastMonth = firstMonth + 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { startsOn: `${year}-${pad(firstMonth)}-01`, endsOn: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** Parses 'T1'…'T3' (or 1…3). */
export function parseTertial(value: string | number): Tertial | null {
  const match = /^T?([123])$/iu.exec(String(value).trim());
  return match ? (Number(match[1]) as Tertial) : null;
}

/** Where a tertial report lists a project: inkommande, pågående or avslutade. */
export type PortfolioGroup = 'incoming' | 'ongoing' | 'completed';

/**
 * Where the tertial's portfolio report lists a project, or null when the project is not in it: a
 * project that ended or was cancelled during the tertial is "avslutat"; one that starts during it, or
 * is still only planned, "inkommande"; any other whose period covers part of the tertial "pågående".
 * Projects ended before the tertial, or starting after it, are left out; a missing date leaves that end
 * of the period open.
 */
export function portfolioGroupOf(
  project: { status: ProjectStatus; startsOn: string | null; endsOn: string | null },
  range: { startsOn: string; endsOn: string },
): PortfolioGroup | null {
  if (project.startsOn && project.startsOn > range.endsOn) return null;
  if (project.endsOn && project.endsOn < range.startsOn) return null;
  if (project.status === 'completed' || project.status === 'cancelled') {
    return project.endsOn && project.endsOn > range.endsOn ? 'ongoing' : 'completed';
  }
  if (project.endsOn && project.endsOn <= range.endsOn && project.status === 'ongoing') return 'completed';
  if (project.status === 'planned' || (project.startsOn !== null && project.startsOn >= range.startsOn)) return 'incoming';
  return 'ongoing';
}
