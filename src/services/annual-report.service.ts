/**
 * Verksamhetsberättelse: drafts the annual activity report of an organisation from the year's meetings
 * and follow-up registers, keeps it as editable sections, and renders it as HTML or PDF.
 */
import {
  draftAnnualReportSections,
  isAppointmentActiveOn,
  isAssignmentOverdue,
  type AnnualReportArea,
  type AnnualReportContent,
  type AnnualReportSection,
} from '../domain/follow-up/index.ts';
import { InputError, NotFoundError, RuleError, type Problem } from '../errors.ts';
import { renderAnnualReportHtml, renderAnnualReportPdf } from '../documents/annual-report/index.ts';
import { appendAuditEvent, findOrganizationById, inTransaction, type Database } from '../storage/index.ts';
import {
  countBodyMeetingsInYear,
  findAnnualReport,
  listAppointmentRows,
  listAssignmentRows,
  listBodyDecisionsInYear,
  listConsultationRows,
  listDelegatedDecisionRows,
  saveAnnualReportSections,
} from '../storage/follow-up.store.ts';
import { listGoals } from './follow-up.service.ts';
import { listReportedProjects } from './projects.service.ts';
import { draftProjectsSection } from '../domain/projects/index.ts';
import type { Actor } from './meeting-cycle.service.ts';
import { requireRegisterKeeper, requireRegisterReader } from './accounts.service.ts';

const swedishOrder = new Intl.Collator('sv');

/** A stored report with its organisation's name. */
export interface AnnualReport extends AnnualReportContent {
  id: string;
  organizationId: string;
}

/**
 * Drafts the verksamhetsberättelse of a year: the board's work (meetings, digital meetings, remisser,
 * assignments, delegated decisions), the representation in force during the year, and per area its
 * goals with indicator follow-ups and the decisions and assignments of the area's body, then the
 * projects that ran during the year with their funders, budget, outcome and results. Stored as
 * editable sections; an existing draft is kept unless `regenerate` is set, and a decided report is
 * never redrafted.
 */
export async function draftAnnualReport(
  db: Database,
  options: { organizationId: string; year: number; regenerate?: boolean; today?: string },
  actor?: Actor,
): Promise<AnnualReport> {
  checkYear(options.year);
  if (actor?.viewer) requireRegisterKeeper(actor.viewer, { organizationId: options.organizationId });
  return inTransaction(db, async (tx) => {
    const organization = await findOrganizationById(tx, options.organizationId);
    if (!organization) throw new InputError({ path: 'organizationId', code: 'unknown_organization', message: `no organisation with id ${options.organizationId}` });
    const existing = await findAnnualReport(tx, organization.id, options.year);
    if (existing?.status === 'decided') {
      throw new RuleError('annual_report_decided', `the annual report for ${options.year} is decided and cannot be redrafted`, { path: 'year' });
    }
    if (existing && !options.regenerate) return toReport(existing, organization.name);

    const year = options.year;
    const yearEnd = `${year}-12-31`;
    const judgeOn = options.today && options.today < yearEnd ? options.today : yearEnd;
    const bodies = (await countBodyMeetingsInYear(tx, organization.id, year))
      .filter((b) => b.meetings > 0)
      .sort((a, b) => b.meetings - a.meetings || swedishOrder.compare(a.bodyName, b.bodyName));
    const consultations = (await listConsultationRows(tx, { organizationId: organization.id })).filter(
      (c) => c.answeredIn?.heldOn?.startsWith(String(year)),
    );
    // Representation as it stands at the end of the year, as the report prints it.
    const appointments = (await listAppointmentRows(tx, { organizationId: organization.id, statuses: ['confirmed'] }))
      .filter((a) => isAppointmentActiveOn(a, yearEnd))
      .sort((a, b) => swedishOrder.compare(a.externalBody, b.externalBody) || a.role.localeCompare(b.role));
    const assignments = (await listAssignmentRows(tx, { organizationId: organization.id, statuses: ['open', 'reported'] })).filter((a) =>
      a.source.heldOn?.startsWith(String(year)),
    );
    const delegated = (await listDelegatedDecisionRows(tx, { organizationId: organization.id, statuses: ['reported'] })).filter((d) =>
      d.reportedIn?.heldOn?.startsWith(String(year)),
    );

    const goals = await listGoals(tx, { organizationId: organization.id, planYear: year });
    const areas: AnnualReportArea[] = [];
    for (const areaName of [...new Set(goals.map((g) => g.area))]) {
      const areaGoals = goals.filter((g) => g.area === areaName);
      const bodyIds = [...new Set(areaGoals.flatMap((g) => (g.bodyId ? [g.bodyId] : [])))];
      const decisions = (await Promise.all(bodyIds.map((bodyId) => listBodyDecisionsInYear(tx, bodyId, year)))).flat();
      areas.push({
        area: areaName,
        goals: areaGoals.map((goal) => ({
          title: goal.title,
          description: goal.description,
          indicators: goal.indicators.map((indicator) => ({
            title: indicator.title,
            unit: indicator.unit,
            targetValue: indicator.targetValue,
            followUps: indicator.followUps.filter((f) => f.year === year).map((f) => ({ period: f.period, value: f.value, comment: f.comment })),
          })),
        })),
        decisions,
        assignments: assignments
          .filter((a) => bodyIds.includes(a.source.bodyId))
          .map((a) => ({ assignee: a.assignee, description: a.description, status: a.status, dueOn: a.dueOn })),
      });
    }

    const sections = draftAnnualReportSections({
      organizationName: organization.name,
      year,
      bodies: bodies.map((b) => ({ name: b.bodyName, meetings: b.meetings, remoteMeetings: b.remoteMeetings, decisions: b.decisions })),
      consultationsAnswered: consultations.map((c) => ({ title: c.title, sender: c.sender })),
      appointments: appointments.map((a) => ({ externalBody: a.externalBody, personName: a.personName, role: a.role as 'ordinary' | 'substitute' })),
      assignments: {
        given: assignments.length,
        reported: assignments.filter((a) => a.status === 'reported').length,
        open: assignments.filter((a) => a.status === 'open').length,
        overdue: assignments.filter((a) => isAssignmentOverdue(a, judgeOn)).length,
      },
      delegatedDecisionsReported: delegated.length,
      areas,
    });
    // The project portfolio closes the report: every project that ran during the year (docs/projects.md).
    const projectsSection = draftProjectsSection(year, await listReportedProjects(tx, organization.id));
    if (projectsSection) sections.push(projectsSection);
    const row = await saveAnnualReportSections(tx, { organizationId: organization.id, year, sections });
    await appendAuditEvent(tx, {
      kind: 'annual_report.drafted',
      entityType: 'annual_report',
      entityId: row.id,
      actor: actor?.userId ?? actor?.name ?? null,
      data: { year, regenerated: Boolean(existing) },
    });
    return toReport(row, organization.name);
  });
}

/** The stored report of a year; with a signed-in actor, only for someone with a role in the organisation. */
export async function getAnnualReport(db: Database, options: { organizationId: string; year: number }, actor?: Actor): Promise<AnnualReport> {
  if (actor?.viewer) requireRegisterReader(actor.viewer, { organizationId: options.organizationId });
  checkYear(options.year);
  const organization = await findOrganizationById(db, options.organizationId);
  const row = organization ? await findAnnualReport(db, organization.id, options.year) : null;
  if (!organization || !row) {
    throw new NotFoundError('annual_report_not_found', `no annual report for ${options.year}; draft one first`, { year: options.year });
  }
  return toReport(row, organization.name);
}

/** Replaces the sections of a draft with the secretary's edited text. */
export async function updateAnnualReportSections(
  db: Database,
  options: { organizationId: string; year: number; sections: AnnualReportSection[] },
  actor?: Actor,
): Promise<AnnualReport> {
  const problems: Problem[] = [];
  options.sections.forEach((section, index) => {
    if (!section.heading?.trim()) problems.push({ path: `sections[${index}].heading`, code: 'required', message: 'every section needs a heading' });
  });
  if (problems.length) throw new InputError(problems);
  return inTransaction(db, async (tx) => {
    const current = await getAnnualReport(tx, options);
    if (current.status === 'decided') throw new RuleError('annual_report_decided', 'a decided annual report is not edited', { path: 'sections' });
    const row = await saveAnnualReportSections(tx, { organizationId: options.organizationId, year: options.year, sections: options.sections });
    await appendAuditEvent(tx, {
      kind: 'annual_report.edited',
      entityType: 'annual_report',
      entityId: row.id,
      actor: actor?.userId ?? actor?.name ?? null,
      data: { year: options.year, headings: options.sections.map((s) => s.heading) },
    });
    return toReport(row, current.organizationName);
  });
}

/** The stored report as one HTML page. */
export async function renderAnnualReportAsHtml(db: Database, options: { organizationId: string; year: number }): Promise<string> {
  return renderAnnualReportHtml(await getAnnualReport(db, options));
}

/** The stored report as a PDF on A4. */
export async function renderAnnualReportAsPdf(db: Database, options: { organizationId: string; year: number; createdAt?: Date }): Promise<Buffer> {
  return renderAnnualReportPdf(await getAnnualReport(db, options), options.createdAt ? { createdAt: options.createdAt } : {});
}

function toReport(row: { id: string; organizationId: string; year: number; status: string; sections: AnnualReportSection[] }, organizationName: string): AnnualReport {
  return { id: row.id, organizationId: row.organizationId, organizationName, year: row.year, status: row.status, sections: row.sections };
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw new InputError({ path: 'year', code: 'invalid_year', message: `expected a year, got ${year}` });
}
