/**
 * Projektportfölj as reported: the tertial report (tertialredovisning) that groups the projects into
 * inkommande, pågående and avslutade with their funding, budget and outcome, and the projects section
 * of the verksamhetsberättelse. The section is document text (Swedish, as the report prints it), in the
 * plain format of the annual report's sections.
 */
import {
  budgetBalance,
  fundersOf,
  fundingTotal,
  portfolioGroupOf,
  tertialRange,
  type FunderKind,
  type FundingRow,
  type PortfolioGroup,
  type ProjectStatus,
  type Tertial,
} from './project.ts';

/** A project as the reports need it. */
export interface ReportedProject {
  title: string;
  caseNumber: string | null;
  owner: string | null;
  projectManager: string | null;
  status: ProjectStatus;
  startsOn: string | null;
  endsOn: string | null;
  budget: number | null;
  outcome: number | null;
  results: string | null;
  funding: FundingRow[];
  /** The §§ linked to the project, as printed references ('Styrelsen 2024-02-12 § 14'). */
  decisions: { kind: 'start' | 'change' | 'final_report'; reference: string }[];
}

/** The tertial portfolio report: the projects of one tertial in their groups, with sums. */
export interface PortfolioReport {
  organizationName: string;
  year: number;
  tertial: Tertial;
  startsOn: string;
  endsOn: string;
  groups: { group: PortfolioGroup; projects: ReportedProject[] }[];
  totals: { budget: number; outcome: number; funding: number };
}

const groupOrder: PortfolioGroup[] = ['incoming', 'ongoing', 'completed'];

/** The projects of a tertial, grouped inkommande → pågående → avslutade, in the order given. */
export function buildPortfolioReport(options: { organizationName: string; year: number; tertial: Tertial; projects: ReportedProject[] }): PortfolioReport {
  const range = tertialRange(options.year, options.tertial);
  const placed = options.projects.map((project) => ({ project, group: portfolioGroupOf(project, range) }));
  const included = placed.filter((p) => p.group !== null).map((p) => p.project);
  return {
    organizationName: options.organizationName,
    year: options.year,
    tertial: options.tertial,
    ...range,
    groups: groupOrder.map((group) => ({ group, projects: placed.filter((p) => p.group === group).map((p) => p.project) })),
    totals: {
      budget: included.reduce((sum, p) => sum + (p.budget ?? 0), 0),
      outcome: included.reduce((sum, p) => sum + (p.outcome ?? 0), 0),
      funding: included.reduce((sum, p) => sum + fundingTotal(p.funding), 0),
    },
  };
}

/** Swedish words of the report for statuses, groups, funder kinds and decision kinds. */
export const projectWords = {
  status: { planned: 'planerat', ongoing: 'pågående', completed: 'avslutat', cancelled: 'avbrutet' } satisfies Record<ProjectStatus, string>,
  group: { incoming: 'Inkommande projekt', ongoing: 'Pågående projekt', completed: 'Avslutade projekt' } satisfies Record<PortfolioGroup, string>,
  funderKind: {
    eu: 'EU-medel',
    region: 'Region',
    municipality: 'Kommuner',
    coordination_association: 'Samordningsförbund',
    own: 'Egna medel',
    other: 'Övrig finansiär',
  } satisfies Record<FunderKind, string>,
  decisionKind: { start: 'Startbeslut', change: 'Ändringsbeslut', final_report: 'Slutrapport' },
} as const;

/** Whole kronor as Swedish print writes them: '1 250 000 kr' (with no-break spaces). */
export function formatKronor(amount: number): string {
  const digits = String(Math.abs(Math.round(amount))).replace(/\B(?=(\d{3})+(?!\d))/gu, '\u00a0');
  return `${amount < 0 ? '−' : ''}${digits}\u00a0kr`;
}

/** A funder on one line: 'Europeiska socialfonden (EU-medel): 2024 600 000 kr, 2025 400 000 kr; totalt 1 000 000 kr'. */
export function funderLine(funder: { funderKind: FunderKind; funderName: string; amounts: { year: number; amount: number }[]; total: number }): string {
  const years = funder.amounts.map((a) => `${a.year} ${formatKronor(a.amount)}`).join(', ');
  const kind = projectWords.funderKind[funder.funderKind];
  const name = funder.funderName === kind ? funder.funderName : `${funder.funderName} (${kind})`;
  return funder.amounts.length > 1 ? `${name}: ${years}; totalt ${formatKronor(funder.total)}` : `${name}: ${years}`;
}

/** 'Budget 3 000 000 kr, utfall 1 250 000 kr (42 %).' or what of it is known. */
export function budgetLine(project: { budget: number | null; outcome: number | null }): string | null {
  const parts: string[] = [];
  if (project.budget !== null) parts.push(`Budget ${formatKronor(project.budget)}`);
  if (project.outcome !== null) {
    const { usedPercent } = budgetBalance(project);
    parts.push(`${parts.length ? 'utfall' : 'Utfall'} ${formatKronor(project.outcome)}${usedPercent !== null ? ` (${usedPercent}\u00a0%)` : ''}`);
  }
  return parts.length ? `${parts.join(', ')}.` : null;
}

/** 'Period 2024-01-01–2025-12-31' with an open end where a date is missing. */
export function periodText(project: { startsOn: string | null; endsOn: string | null }): string | null {
  if (!project.startsOn && !project.endsOn) return null;
  return `${project.startsOn ?? '…'}–${project.endsOn ?? '…'}`;
}

/**
 * The projects section of a year's verksamhetsberättelse: every project that ran during the year with
 * owner, manager, period, status, funders with amounts per year, budget, outcome and results, and the
 * decisions linked to it. Null when no project ran during the year.
 */
export function draftProjectsSection(year: number, projects: ReportedProject[]): { heading: string; text: string } | null {
  const range = { startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
  const running = projects.filter((p) => portfolioGroupOf(p, range) !== null);
  if (running.length === 0) return null;
  const parts: string[] = [`Under ${year} har förbundet haft ${running.length} projekt i projektportföljen.`];
  for (const project of running) {
    parts.push(`Projekt: ${project.title}${project.caseNumber ? ` (Dnr ${project.caseNumber})` : ''}`);
    const facts = [
      project.owner ? `Projektägare: ${project.owner}.` : null,
      project.projectManager ? `Projektledare: ${project.projectManager}.` : null,
      periodText(project) ? `Period ${periodText(project)!}.` : null,
      `Status: ${projectWords.status[project.status]}.`,
      budgetLine(project),
    ].filter((x): x is string => x !== null);
    parts.push(facts.join(' '));
    const funders = fundersOf(project.funding);
    if (funders.length) parts.push(['Finansiering:', ...funders.map((f) => `- ${funderLine(f)}`)].join('\n'));
    if (project.results?.trim()) parts.push(`Resultat:\n${project.results.trim()}`);
    if (project.decisions.length) {
      parts.push(['Beslut:', ...project.decisions.map((d) => `- ${projectWords.decisionKind[d.kind]}: ${d.reference}`)].join('\n'));
    }
  }
  return { heading: 'Projekt', text: parts.join('\n\n') };
}
