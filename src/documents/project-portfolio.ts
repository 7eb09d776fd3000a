/**
 * Renders the tertial portfolio report (projektportfölj, tertialredovisning) that a förbund attaches to
 * the board's § as a bilaga: an overview table per group (inkommande, pågående, avslutade projekt), the
 * sums, then each project with its owner, manager, period, status, funders with amounts per year,
 * budget, outcome, results and linked decisions. Built as a DocumentContent and drawn by the same
 * writers as the protocol, so the PDF is tagged PDF/A-2a with embedded fonts.
 */
import {
  budgetLine,
  formatKronor,
  funderLine,
  fundersOf,
  periodText,
  projectWords,
  type PortfolioReport,
  type ReportedProject,
} from '../domain/projects/index.ts';
import type { Block, DocumentContent, FieldRow, Section } from './document-model.ts';
import { writeHtml } from './html-writer.ts';
import { writePdf, type PdfRenderOptions } from './pdf-writer.ts';

const amountOrDash = (amount: number | null) => (amount === null ? '–' : formatKronor(amount));

function overviewTable(caption: string, projects: ReportedProject[]): Block {
  return {
    type: 'table',
    caption,
    head: ['Projekt', 'Period', 'Budget', 'Utfall'],
    rows: projects.map((p) => [
      [p.caseNumber ? `${p.title} (Dnr ${p.caseNumber})` : p.title, p.projectManager ? `Projektledare: ${p.projectManager}` : null].filter(Boolean).join('\n'),
      periodText(p) ?? '–',
      amountOrDash(p.budget),
      amountOrDash(p.outcome),
    ]),
    widths: [0.42, 0.24, 0.17, 0.17],
  };
}

function projectDetails(project: ReportedProject): Block[] {
  const rows: FieldRow[] = [];
  if (project.caseNumber) rows.push({ label: 'Dnr', lines: [project.caseNumber] });
  if (project.owner) rows.push({ label: 'Projektägare', lines: [project.owner] });
  if (project.projectManager) rows.push({ label: 'Projektledare', lines: [project.projectManager] });
  const period = periodText(project);
  if (period) rows.push({ label: 'Period', lines: [period] });
  rows.push({ label: 'Status', lines: [projectWords.status[project.status]] });
  const funders = fundersOf(project.funding);
  if (funders.length) rows.push({ label: 'Finansiering', lines: funders.map(funderLine), oneEntryPerLine: true });
  const budget = budgetLine(project);
  if (budget) rows.push({ label: 'Budget och utfall', lines: [budget] });
  if (project.decisions.length) rows.push({ label: 'Beslut', lines: project.decisions.map((d) => `${projectWords.decisionKind[d.kind]}: ${d.reference}`) });
  const blocks: Block[] = [{ type: 'heading', level: 3, text: project.title }, { type: 'fields', rows }];
  if (project.results?.trim()) blocks.push({ type: 'paragraph', text: 'Resultat', tone: 'label' }, { type: 'paragraph', text: project.results.trim() });
  return blocks;
}

/** The report as document content: overview per group with sums, then every project in detail. */
export function buildPortfolioReportContent(report: PortfolioReport): DocumentContent {
  const period = `T${report.tertial} ${report.year}`;
  const title = `Projektportfölj ${period}`;
  const count = report.groups.reduce((sum, g) => sum + g.projects.length, 0);
  const overview: Block[] = [
    { type: 'heading', level: 2, text: title },
    {
      type: 'paragraph',
      tone: 'lead',
      text: `Tertialredovisning av projekt för ${report.startsOn}–${report.endsOn}: ${count} projekt, budget ${formatKronor(report.totals.budget)}, utfall ${formatKronor(report.totals.outcome)}, extern och egen finansiering ${formatKronor(report.totals.funding)}.`,
    },
  ];
  for (const group of report.groups) {
    const heading = `${projectWords.group[group.group]} (${group.projects.length})`;
    overview.push({ type: 'heading', level: 3, text: heading });
    overview.push(group.projects.length ? overviewTable(projectWords.group[group.group], group.projects) : { type: 'paragraph', text: 'Inga projekt.', tone: 'meta' });
  }
  const sections: Section[] = [{ anchor: 'oversikt', outlineTitle: 'Översikt', blocks: overview }];
  for (const group of report.groups) {
    if (group.projects.length === 0) continue;
    sections.push({
      anchor: `grupp-${group.group}`,
      outlineTitle: projectWords.group[group.group],
      // The details follow the overview on a page of their own; the groups then run on.
      startOnNewPage: sections.length === 1,
      blocks: [{ type: 'heading', level: 2, text: projectWords.group[group.group] }, ...group.projects.flatMap(projectDetails)],
    });
  }
  return {
    title: `${title} – ${report.organizationName}`,
    subject: `Tertialredovisning av projektportföljen för ${report.organizationName}, ${period}`,
    author: report.organizationName,
    band: { organization: report.organizationName, kindWord: 'PROJEKTPORTFÖLJ', body: null, dateLabel: 'Tertial', date: period },
    footerBoxes: false,
    sections,
  };
}

/** The report as one self-contained, accessible HTML page in Swedish. */
export function renderPortfolioReportHtml(report: PortfolioReport): string {
  return writeHtml(buildPortfolioReportContent(report));
}

/** The report as a tagged PDF/A-2a on A4. */
export async function renderPortfolioReportPdf(report: PortfolioReport, options: PdfRenderOptions = {}): Promise<Buffer> {
  // Without a creation time the bytes would change with the clock; the epoch keeps them reproducible.
  return writePdf(buildPortfolioReportContent(report), { createdAt: options.createdAt ?? new Date(0) });
}
