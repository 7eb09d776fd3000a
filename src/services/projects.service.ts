/**
 * Projektportfölj: the projects an organisation owns or runs, kept by its secretaries and administrators
 * and read by anyone with a role in it (like the follow-up registers). Each change is checked here, for
 * the organisation of every id it touches, and logged in the same transaction.
 */
import {
  budgetBalance,
  buildPortfolioReport,
  fundersOf,
  fundingTotal,
  isProjectDecisionKind,
  parseTertial,
  projectInputProblems,
  projectWords,
  type FunderSummary,
  type FundingRow,
  type PortfolioReport,
  type ProjectDecisionKind,
  type ProjectInput,
  type ProjectStatus,
  type ReportedProject,
} from '../domain/projects/index.ts';
import { ForbiddenError, InputError, NotFoundError, type Problem } from '../errors.ts';
import { renderPortfolioReportPdf } from '../documents/project-portfolio.ts';
import { renderCsv, renderXlsx, type Sheet } from '../documents/spreadsheet.ts';
import { appendAuditEvent, findOrganizationById, inTransaction, listOrganizations, type Database, type DatabaseHandle } from '../storage/index.ts';
import {
  deleteProjectDecision,
  deleteProjectIndicator,
  findIndicatorOrganization,
  findParagraphWithOrganization,
  findProjectById,
  insertProject,
  insertProjectDecision,
  insertProjectIndicator,
  listProjectDecisionRows,
  listProjectFundingRows,
  listParagraphChoiceRows,
  listProjectIndicatorRows,
  listProjectRows,
  replaceProjectFunding,
  updateProjectRow,
  type ProjectDecisionRow,
  type ProjectRow,
} from '../storage/projects.store.ts';
import { canReadRegisters, requireRegisterKeeper } from './accounts.service.ts';
import { attachDocument, type Actor } from './meeting-cycle.service.ts';

const swedishOrder = new Intl.Collator('sv');
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** A § linked to a project. */
export interface ProjectDecision {
  kind: ProjectDecisionKind;
  paragraphId: string;
  number: number | null;
  title: string;
  meetingId: string;
  heldOn: string | null;
  bodyName: string;
}

/** An indicator of the operational plan that a project reports on. */
export interface ProjectIndicator {
  indicatorId: string;
  title: string;
  unit: string | null;
  targetValue: string | null;
  goalTitle: string;
  area: string;
  planYear: number;
}

/** A project with its funding, sums, decisions and indicators. */
export interface Project {
  id: string;
  organizationId: string;
  organizationName: string;
  caseNumber: string | null;
  title: string;
  description: string | null;
  owner: string | null;
  projectManager: string | null;
  status: ProjectStatus;
  startsOn: string | null;
  endsOn: string | null;
  budget: number | null;
  outcome: number | null;
  /** Budget minus outcome; null when either is unknown. */
  remaining: number | null;
  usedPercent: number | null;
  results: string | null;
  funding: FundingRow[];
  funders: FunderSummary[];
  fundingTotal: number;
  decisions: ProjectDecision[];
  indicators: ProjectIndicator[];
  updatedAt: string;
}

/** What creating a project takes. */
export interface NewProject extends ProjectInput {
  organizationId: string;
}

const text = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);

function checkInput(input: ProjectInput): void {
  const problems = projectInputProblems(input);
  if (problems.length) throw new InputError(problems);
}

function columnsOf(input: ProjectInput) {
  return {
    title: input.title.trim(),
    caseNumber: text(input.caseNumber),
    description: text(input.description),
    owner: text(input.owner),
    projectManager: text(input.projectManager),
    status: input.status,
    startsOn: input.startsOn || null,
    endsOn: input.endsOn || null,
    budget: input.budget ?? null,
    outcome: input.outcome ?? null,
    results: text(input.results),
  };
}

const fundingOf = (input: ProjectInput) =>
  input.funding.map((f) => ({ funderKind: f.funderKind, funderName: f.funderName.trim(), year: f.year, amount: f.amount }));

/** A reader outside the organisation learns nothing of its projects: the project is "not found". */
function requireReader(actor: Actor | undefined, project: { id: string; organizationId: string }): void {
  if (actor?.viewer && !canReadRegisters(actor.viewer, { organizationId: project.organizationId })) throw projectNotFound(project.id);
}

function requireKeeper(actor: Actor | undefined, organizationId: string): void {
  if (actor?.viewer) requireRegisterKeeper(actor.viewer, { organizationId });
}

const projectNotFound = (id: string) => new NotFoundError('project_not_found', `no project with id ${id}`, { projectId: id });

async function projectOrThrow(db: Database, id: string): Promise<ProjectRow> {
  const row = uuidPattern.test(id) ? await findProjectById(db, id) : null;
  if (!row) throw projectNotFound(id);
  return row;
}

async function organizationOrThrow(db: Database, organizationId: string) {
  const organization = uuidPattern.test(organizationId) ? await findOrganizationById(db, organizationId) : null;
  if (!organization) throw new InputError({ path: 'organizationId', code: 'unknown_organization', message: `no organisation with id ${organizationId}` });
  return organization;
}

/** Registers a project with its funding rows in the portfolio of an organisation. */
export async function createProject(db: Database, input: NewProject, actor?: Actor): Promise<Project> {
  return inTransaction(db, async (tx) => {
    const organization = await organizationOrThrow(tx, input.organizationId);
    requireKeeper(actor, organization.id);
    checkInput(input);
    const row = await insertProject(tx, { organizationId: organization.id, ...columnsOf(input) });
    await replaceProjectFunding(tx, row.id, fundingOf(input));
    await appendAuditEvent(tx, {
      kind: 'project.created',
      entityType: 'project',
      entityId: row.id,
      actor: actor?.userId ?? actor?.name ?? null,
      data: { title: row.title, caseNumber: row.caseNumber, fundingRows: input.funding.length },
    });
    return (await projectsOf(tx, [row]))[0]!;
  });
}

/** Replaces a project's details and funding rows with the edited ones. */
export async function updateProject(db: Database, projectId: string, input: ProjectInput, actor?: Actor): Promise<Project> {
  return inTransaction(db, async (tx) => {
    const current = await projectOrThrow(tx, projectId);
    requireReader(actor, current);
    requireKeeper(actor, current.organizationId);
    checkInput(input);
    await updateProjectRow(tx, current.id, columnsOf(input));
    await replaceProjectFunding(tx, current.id, fundingOf(input));
    await appendAuditEvent(tx, {
      kind: 'project.updated',
      entityType: 'project',
      entityId: current.id,
      actor: actor?.userId ?? actor?.name ?? null,
      data: { title: input.title.trim(), status: input.status, fundingRows: input.funding.length },
    });
    return (await projectsOf(tx, [(await findProjectById(tx, current.id))!]))[0]!;
  });
}

/** One project with its funding, decisions and indicators. */
export async function getProject(db: Database, projectId: string, actor?: Actor): Promise<Project> {
  const row = await projectOrThrow(db, projectId);
  requireReader(actor, row);
  return (await projectsOf(db, [row]))[0]!;
}

/**
 * The projects of an organisation (or, without one, of every organisation the actor may read), by
 * organisation and title. A filter naming an organisation the actor may not read is refused.
 */
export async function listProjects(db: Database, filter: { organizationId?: string; status?: ProjectStatus } = {}, actor?: Actor): Promise<Project[]> {
  let organizationIds: string[] | undefined;
  if (filter.organizationId) {
    if (actor?.viewer && !canReadRegisters(actor.viewer, { organizationId: filter.organizationId })) {
      throw new ForbiddenError('not_in_organization', 'only users with a role in the organisation may read its projects', { organizationId: filter.organizationId });
    }
    organizationIds = [filter.organizationId];
  } else if (actor?.viewer) {
    const viewer = actor.viewer;
    organizationIds = (await listOrganizations(db)).filter((o) => canReadRegisters(viewer, { organizationId: o.id })).map((o) => o.id);
  }
  const rows = (await listProjectRows(db, organizationIds ? { organizationIds } : {})).filter((r) => !filter.status || r.status === filter.status);
  const projects = await projectsOf(db, rows);
  return projects.sort((a, b) => swedishOrder.compare(a.organizationName, b.organizationName) || swedishOrder.compare(a.title, b.title));
}

/** Links a § to a project as its start decision, a change or its final report. The § must be one of the organisation's. */
export async function linkProjectDecision(
  db: Database,
  input: { projectId: string; paragraphId: string; kind: string },
  actor?: Actor,
): Promise<Project> {
  return inTransaction(db, async (tx) => {
    const project = await projectOrThrow(tx, input.projectId);
    requireReader(actor, project);
    requireKeeper(actor, project.organizationId);
    if (!isProjectDecisionKind(input.kind)) {
      throw new InputError({ path: 'kind', code: 'invalid_decision_kind', message: `expected start, change or final_report, got '${input.kind}'` });
    }
    const paragraph = uuidPattern.test(input.paragraphId) ? await findParagraphWithOrganization(tx, input.paragraphId) : null;
    // A § of another organisation is as unknown to this project as one that does not exist.
    if (!paragraph || paragraph.organizationId !== project.organizationId) {
      throw new InputError({ path: 'paragraphId', code: 'unknown_paragraph', message: `no § ${input.paragraphId} in the project's organisation` });
    }
    if (await insertProjectDecision(tx, { projectId: project.id, paragraphId: paragraph.paragraphId, kind: input.kind })) {
      await appendAuditEvent(tx, {
        kind: 'project.decision_linked',
        entityType: 'project',
        entityId: project.id,
        actor: actor?.userId ?? actor?.name ?? null,
        data: { paragraphId: paragraph.paragraphId, decisionKind: input.kind },
      });
    }
    return (await projectsOf(tx, [project]))[0]!;
  });
}

/** Removes the link between a project and a §. */
export async function unlinkProjectDecision(db: Database, input: { projectId: string; paragraphId: string; kind: string }, actor?: Actor): Promise<Project> {
  return inTransaction(db, async (tx) => {
    const project = await projectOrThrow(tx, input.projectId);
    requireReader(actor, project);
    requireKeeper(actor, project.organizationId);
    if (await deleteProjectDecision(tx, input)) {
      await appendAuditEvent(tx, {
        kind: 'project.decision_unlinked',
        entityType: 'project',
        entityId: project.id,
        actor: actor?.userId ?? actor?.name ?? null,
        data: { paragraphId: input.paragraphId, decisionKind: input.kind },
      });
    }
    return (await projectsOf(tx, [project]))[0]!;
  });
}

/** Links an indicator of the organisation's operational plan to a project. */
export async function linkProjectIndicator(db: Database, input: { projectId: string; indicatorId: string }, actor?: Actor): Promise<Project> {
  return inTransaction(db, async (tx) => {
    const project = await projectOrThrow(tx, input.projectId);
    requireReader(actor, project);
    requireKeeper(actor, project.organizationId);
    const organizationId = uuidPattern.test(input.indicatorId) ? await findIndicatorOrganization(tx, input.indicatorId) : null;
    if (organizationId !== project.organizationId) {
      throw new InputError({ path: 'indicatorId', code: 'unknown_indicator', message: `no indicator ${input.indicatorId} in the project's organisation` });
    }
    if (await insertProjectIndicator(tx, { projectId: project.id, indicatorId: input.indicatorId })) {
      await appendAuditEvent(tx, {
        kind: 'project.indicator_linked',
        entityType: 'project',
        entityId: project.id,
        actor: actor?.userId ?? actor?.name ?? null,
        data: { indicatorId: input.indicatorId },
      });
    }
    return (await projectsOf(tx, [project]))[0]!;
  });
}

/** Removes the link between a project and an indicator. */
export async function unlinkProjectIndicator(db: Database, input: { projectId: string; indicatorId: string }, actor?: Actor): Promise<Project> {
  return inTransaction(db, async (tx) => {
    const project = await projectOrThrow(tx, input.projectId);
    requireReader(actor, project);
    requireKeeper(actor, project.organizationId);
    if (await deleteProjectIndicator(tx, input)) {
      await appendAuditEvent(tx, {
        kind: 'project.indicator_unlinked',
        entityType: 'project',
        entityId: project.id,
        actor: actor?.userId ?? actor?.name ?? null,
        data: { indicatorId: input.indicatorId },
      });
    }
    return (await projectsOf(tx, [project]))[0]!;
  });
}

/** How a linked § is printed in the reports: 'Styrelsen 2024-02-12 § 14'. */
export function decisionReference(decision: { bodyName: string; heldOn: string | null; number: number | null }): string {
  return `${decision.bodyName}${decision.heldOn ? ` ${decision.heldOn}` : ''} § ${decision.number ?? '–'}`;
}

/** A project as the reports take it. */
export function reportedProjectOf(project: Project): ReportedProject {
  return {
    title: project.title,
    caseNumber: project.caseNumber,
    owner: project.owner,
    projectManager: project.projectManager,
    status: project.status,
    startsOn: project.startsOn,
    endsOn: project.endsOn,
    budget: project.budget,
    outcome: project.outcome,
    results: project.results,
    funding: project.funding,
    decisions: project.decisions.map((d) => ({ kind: d.kind, reference: decisionReference(d) })),
  };
}

/** Checks the year and tertial of a portfolio report, every problem together. */
function checkPeriod(options: { year: number; tertial: string | number }): 1 | 2 | 3 {
  const problems: Problem[] = [];
  if (!Number.isInteger(options.year) || options.year < 1900 || options.year > 2200) {
    problems.push({ path: 'year', code: 'invalid_year', message: `expected a year, got ${options.year}` });
  }
  const tertial = parseTertial(options.tertial);
  if (!tertial) problems.push({ path: 'tertial', code: 'invalid_tertial', message: `expected T1, T2 or T3, got '${options.tertial}'` });
  if (problems.length) throw new InputError(problems);
  return tertial!;
}

/** The tertial portfolio report of an organisation: its projects as inkommande, pågående and avslutade, with sums. */
export async function getPortfolioReport(
  db: Database,
  options: { organizationId: string; year: number; tertial: string | number },
  actor?: Actor,
): Promise<PortfolioReport> {
  if (actor?.viewer && !canReadRegisters(actor.viewer, { organizationId: options.organizationId })) {
    throw new ForbiddenError('not_in_organization', 'only users with a role in the organisation may read its projects', { organizationId: options.organizationId });
  }
  const tertial = checkPeriod(options);
  const organization = await organizationOrThrow(db, options.organizationId);
  const projects = await projectsOf(db, await listProjectRows(db, { organizationIds: [organization.id] }));
  projects.sort((a, b) => swedishOrder.compare(a.title, b.title));
  return buildPortfolioReport({ organizationName: organization.name, year: options.year, tertial, projects: projects.map(reportedProjectOf) });
}

/** The tertial portfolio report as a tagged PDF/A. */
export async function renderPortfolioReport(
  db: Database,
  options: { organizationId: string; year: number; tertial: string | number; createdAt?: Date },
  actor?: Actor,
): Promise<Buffer> {
  const report = await getPortfolioReport(db, options, actor);
  return renderPortfolioReportPdf(report, options.createdAt ? { createdAt: options.createdAt } : {});
}

/** The title a portfolio report gets as a bilaga: 'Projektportfölj T2 2024'. */
export function portfolioReportTitle(options: { year: number; tertial: 1 | 2 | 3 }): string {
  return `Projektportfölj T${options.tertial} ${options.year}`;
}

/**
 * Attaches the tertial portfolio report to a § as a bilaga, through the same use case as any other
 * underlag: the § must be in draft minutes the actor may edit, and of a body of the organisation.
 */
export async function attachPortfolioReport(
  handle: DatabaseHandle,
  options: { organizationId: string; year: number; tertial: string | number; paragraphId: string; createdAt?: Date },
  actor?: Actor,
): Promise<{ fileId: string; sha256: string; title: string }> {
  requireKeeper(actor, options.organizationId);
  const tertial = checkPeriod(options);
  const paragraph = uuidPattern.test(options.paragraphId) ? await findParagraphWithOrganization(handle.db, options.paragraphId) : null;
  if (!paragraph || paragraph.organizationId !== options.organizationId) {
    throw new InputError({ path: 'paragraphId', code: 'unknown_paragraph', message: `no § ${options.paragraphId} in the organisation` });
  }
  const pdf = await renderPortfolioReport(handle.db, { ...options, tertial }, actor);
  const title = portfolioReportTitle({ year: options.year, tertial });
  const attached = await attachDocument(
    handle,
    paragraph.paragraphId,
    { title, bytes: pdf, contentType: 'application/pdf', originalName: `projektportfolj-${options.year}-t${tertial}.pdf` },
    actor,
  );
  return { ...attached, title };
}

/** The projects that ran in an organisation's year, as the annual report's projects section takes them. */
export async function listReportedProjects(db: Database, organizationId: string): Promise<ReportedProject[]> {
  const projects = await projectsOf(db, await listProjectRows(db, { organizationIds: [organizationId] }));
  return projects.sort((a, b) => swedishOrder.compare(a.title, b.title)).map(reportedProjectOf);
}

async function projectsOf(db: Database, rows: ProjectRow[]): Promise<Project[]> {
  const ids = rows.map((r) => r.id);
  const [funding, decisions, indicators, organizations] = await Promise.all([
    listProjectFundingRows(db, ids),
    listProjectDecisionRows(db, ids),
    listProjectIndicatorRows(db, ids),
    listOrganizations(db),
  ]);
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  return rows.map((row) => {
    const own = funding
      .filter((f) => f.projectId === row.id)
      .map((f): FundingRow => ({ funderKind: f.funderKind as FundingRow['funderKind'], funderName: f.funderName, year: f.year, amount: Number(f.amount) }));
    const budget = row.budget === null ? null : Number(row.budget);
    const outcome = row.outcome === null ? null : Number(row.outcome);
    return {
      id: row.id,
      organizationId: row.organizationId,
      organizationName: names.get(row.organizationId) ?? '',
      caseNumber: row.caseNumber,
      title: row.title,
      description: row.description,
      owner: row.owner,
      projectManager: row.projectManager,
      status: row.status as ProjectStatus,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      budget,
      outcome,
      ...budgetBalance({ budget, outcome }),
      results: row.results,
      funding: own,
      funders: fundersOf(own),
      fundingTotal: fundingTotal(own),
      decisions: decisions.filter((d) => d.projectId === row.id).map(toDecision),
      indicators: indicators
        .filter((i) => i.projectId === row.id)
        .map((i) => ({ indicatorId: i.indicatorId, title: i.title, unit: i.unit, targetValue: i.targetValue, goalTitle: i.goalTitle, area: i.area, planYear: i.planYear })),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

function toDecision(row: ProjectDecisionRow): ProjectDecision {
  return {
    kind: row.kind as ProjectDecisionKind,
    paragraphId: row.paragraphId,
    number: row.number,
    title: row.title,
    meetingId: row.meetingId,
    heldOn: row.heldOn,
    bodyName: row.bodyName,
  };
}

/** The projects as a spreadsheet for auditors: one row per project, funders with their amounts per year in one column. */
export async function exportProjects(
  db: Database,
  options: { organizationId?: string; format: 'csv' | 'xlsx' },
  actor?: Actor,
): Promise<{ bytes: Uint8Array; contentType: string; fileName: string }> {
  const sheet = await projectsSheet(db, options.organizationId, actor);
  if (options.format === 'csv') return { bytes: renderCsv([sheet]), contentType: 'text/csv; charset=utf-8', fileName: 'projekt.csv' };
  return { bytes: renderXlsx([sheet]), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: 'projekt.xlsx' };
}

/** The portfolio as one table, for its own export and as the projects sheet of the registers' export. */
export async function projectsSheet(db: Database, organizationId: string | undefined, actor?: Actor): Promise<Sheet> {
  const projects = await listProjects(db, organizationId ? { organizationId } : {}, actor);
  return {
    name: 'Projekt',
    columns: [
      'Organisation',
      'Dnr',
      'Projekt',
      'Status',
      'Projektägare',
      'Projektledare',
      'Startdatum',
      'Slutdatum',
      'Budget (kr)',
      'Utfall (kr)',
      'Kvar av budget (kr)',
      'Finansiering totalt (kr)',
      'Finansiärer',
      'Beslut',
      'Indikatorer',
      'Resultat',
    ],
    rows: projects.map((p) => [
      p.organizationName,
      p.caseNumber,
      p.title,
      projectWords.status[p.status],
      p.owner,
      p.projectManager,
      p.startsOn,
      p.endsOn,
      p.budget,
      p.outcome,
      p.remaining,
      p.fundingTotal,
      p.funders.map((f) => `${f.funderName} (${projectWords.funderKind[f.funderKind]}): ${f.amounts.map((a) => `${a.year} ${a.amount}`).join(', ')}`).join('; ') || null,
      p.decisions.map((d) => `${projectWords.decisionKind[d.kind]}: ${decisionReference(d)}`).join('; ') || null,
      p.indicators.map((i) => i.title).join('; ') || null,
      p.results,
    ]),
  };
}

/** A § offered in the project forms: to link as a decision, or (in draft minutes) to attach the report to. */
export interface ParagraphChoice {
  paragraphId: string;
  meetingId: string;
  heldOn: string | null;
  bodyName: string;
  number: number | null;
  title: string;
  /** Whether the minutes can still take a bilaga (not finalised, adjusted or archived). */
  editable: boolean;
}

/** The §§ of an organisation's meetings, newest first (at most 300), for someone who may read its projects. */
export async function listParagraphChoices(db: Database, organizationId: string, actor?: Actor): Promise<ParagraphChoice[]> {
  if (actor?.viewer && !canReadRegisters(actor.viewer, { organizationId })) {
    throw new ForbiddenError('not_in_organization', 'only users with a role in the organisation may read its projects', { organizationId });
  }
  const rows = await listParagraphChoiceRows(db, organizationId, 300);
  return rows.map(({ meetingStatus, ...row }) => ({ ...row, editable: !['finalised', 'adjusted', 'archived', 'cancelled'].includes(meetingStatus) }));
}
