/**
 * Queries of the follow-up registers: uppdrag, delegationsbeslut, representation, remisser, mål with
 * indikatorer and uppföljningar, and the verksamhetsberättelse. Lists join the § an entry came from and
 * the § that closed it, so every entry can be shown with its source. Dates are read as text (`::text`)
 * so both engines give the same strings.
 */
import { and, asc, eq, gte, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { closedMeetingStatuses } from '../domain/minutes-state.ts';
import { queryRows, type Database } from './database.ts';
import {
  annualReports,
  appointments,
  assignments,
  consultations,
  decisionPoints,
  delegatedDecisions,
  goals,
  indicatorFollowUps,
  indicators,
  meetings,
  paragraphs,
} from './schema.ts';
import type { MeetingRow } from './minutes.store.ts';

export type AssignmentRow = typeof assignments.$inferSelect;
export type DelegatedDecisionRow = typeof delegatedDecisions.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;
export type ConsultationRow = typeof consultations.$inferSelect;
export type GoalRow = typeof goals.$inferSelect;
export type IndicatorRow = typeof indicators.$inferSelect;
export type IndicatorFollowUpRow = typeof indicatorFollowUps.$inferSelect;
export type AnnualReportRow = typeof annualReports.$inferSelect;

/** A § as the registers point to it: which body, which meeting, which number. */
export interface ParagraphRef {
  paragraphId: string;
  number: number | null;
  title: string;
  meetingId: string;
  heldOn: string | null;
  bodyId: string;
  bodyName: string;
  organizationId: string | null;
}

const paragraphRefColumns = sql`p.id as "paragraphId", p.number, p.title, m.id as "meetingId", m.held_on::text as "heldOn",
  b.id as "bodyId", b.name as "bodyName", b.organization_id as "organizationId"`;

/** The § with this id, with its meeting and body. */
export async function findParagraphRef(db: Database, paragraphId: string): Promise<ParagraphRef | null> {
  const rows = await queryRows<ParagraphRef>(
    db,
    sql`select ${paragraphRefColumns} from paragraphs p join meetings m on m.id = p.meeting_id join bodies b on b.id = p.body_id
        where p.id = ${paragraphId}`,
  );
  return rows[0] ?? null;
}

/** The § of a meeting with this number. */
export async function findParagraphRefByNumber(db: Database, meetingId: string, number: number): Promise<ParagraphRef | null> {
  const rows = await queryRows<ParagraphRef>(
    db,
    sql`select ${paragraphRefColumns} from paragraphs p join meetings m on m.id = p.meeting_id join bodies b on b.id = p.body_id
        where p.meeting_id = ${meetingId} and p.number = ${number}`,
  );
  return rows[0] ?? null;
}

/** A meeting's §§ with their decision points, in document order, and the meeting's body and date. */
export async function listMeetingParagraphs(db: Database, meetingId: string): Promise<{
  meeting: { id: string; bodyId: string; heldOn: string | null; organizationId: string | null } | null;
  paragraphs: { id: string; number: number | null; title: string; text: string | null; decisions: { id: string; text: string }[] }[];
}> {
  const [meeting] = await queryRows<{ id: string; bodyId: string; heldOn: string | null; organizationId: string | null }>(
    db,
    sql`select m.id, m.body_id as "bodyId", m.held_on::text as "heldOn", b.organization_id as "organizationId"
        from meetings m join bodies b on b.id = m.body_id where m.id = ${meetingId}`,
  );
  if (!meeting) return { meeting: null, paragraphs: [] };
  const rows = await db
    .select({ id: paragraphs.id, number: paragraphs.number, title: paragraphs.title, text: paragraphs.text })
    .from(paragraphs)
    .where(eq(paragraphs.meetingId, meetingId))
    .orderBy(asc(paragraphs.position));
  const points = rows.length
    ? await db
        .select({ id: decisionPoints.id, paragraphId: decisionPoints.paragraphId, text: decisionPoints.text })
        .from(decisionPoints)
        .where(inArray(decisionPoints.paragraphId, rows.map((r) => r.id)))
        .orderBy(asc(decisionPoints.paragraphId), asc(decisionPoints.position))
    : [];
  return {
    meeting,
    paragraphs: rows.map((row) => ({ ...row, decisions: points.filter((p) => p.paragraphId === row.id).map(({ id, text }) => ({ id, text })) })),
  };
}

/** Which register an entry is in, and the organisation (and body) it belongs to, for access checks. */
export interface FollowUpEntryScope {
  register: 'assignment' | 'delegated_decision' | 'appointment' | 'consultation' | 'goal' | 'indicator';
  organizationId: string | null;
  bodyId: string | null;
}

/**
 * The register and scope of an entry by its id, looked up in every register. Assignments and delegated
 * decisions belong to a body; appointments, remisser, goals and indicators to the organisation only.
 */
export async function findFollowUpEntryScope(db: Database, id: string): Promise<FollowUpEntryScope | null> {
  const rows = await queryRows<FollowUpEntryScope>(
    db,
    sql`select 'assignment' as register, b.organization_id as "organizationId", b.id as "bodyId"
          from assignments a join paragraphs p on p.id = a.paragraph_id join bodies b on b.id = p.body_id where a.id = ${id}
        union all
        select 'delegated_decision', b.organization_id, b.id from delegated_decisions d join bodies b on b.id = d.body_id where d.id = ${id}
        union all
        select 'appointment', a.organization_id, null from appointments a where a.id = ${id}
        union all
        select 'consultation', c.organization_id, null from consultations c where c.id = ${id}
        union all
        select 'goal', g.organization_id, null from goals g where g.id = ${id}
        union all
        select 'indicator', g.organization_id, null from indicators i join goals g on g.id = i.goal_id where i.id = ${id}`,
  );
  return rows[0] ?? null;
}

// Uppdrag

/** The assignment already proposed from this decision text of this §, if any. */
export async function findAssignmentFrom(db: Database, paragraphId: string, description: string): Promise<AssignmentRow | null> {
  const rows = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.paragraphId, paragraphId), eq(assignments.description, description)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertAssignment(db: Database, values: typeof assignments.$inferInsert): Promise<AssignmentRow> {
  const [row] = await db.insert(assignments).values(values).returning();
  return row!;
}

export async function findAssignmentById(db: Database, id: string): Promise<AssignmentRow | null> {
  const rows = await db.select().from(assignments).where(eq(assignments.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateAssignment(db: Database, id: string, values: Partial<typeof assignments.$inferInsert>): Promise<void> {
  await db.update(assignments).set(values).where(eq(assignments.id, id));
}

/** An assignment with the § it came from and the § that reported it back. */
export interface AssignmentListRow {
  id: string;
  /** As written; null when the decision names no one. */
  assignee: string | null;
  description: string;
  dueOn: string | null;
  dueMeetingId: string | null;
  status: string;
  source: ParagraphRef;
  reportedIn: ParagraphRef | null;
}

/** Assignments, filtered by organisation, body and status, oldest decision first. */
export async function listAssignmentRows(
  db: Database,
  filter: { organizationId?: string; bodyId?: string; statuses?: string[]; ids?: string[] },
): Promise<AssignmentListRow[]> {
  const where: SQL[] = [sql`true`];
  if (filter.organizationId) where.push(sql`b.organization_id = ${filter.organizationId}`);
  if (filter.bodyId) where.push(sql`p.body_id = ${filter.bodyId}`);
  if (filter.statuses?.length) where.push(sql`a.status in (${sql.join(filter.statuses.map((s) => sql`${s}`), sql`, `)})`);
  if (filter.ids) where.push(filter.ids.length ? sql`a.id in (${sql.join(filter.ids.map((s) => sql`${s}::uuid`), sql`, `)})` : sql`false`);
  const rows = await queryRows<Omit<AssignmentListRow, 'source' | 'reportedIn'> & Record<string, unknown>>(
    db,
    sql`select a.id, a.assignee, a.description, a.due_on::text as "dueOn", a.due_meeting_id as "dueMeetingId", a.status,
          ${paragraphRefColumns},
          rp.id as "rParagraphId", rp.number as "rNumber", rp.title as "rTitle", rm.id as "rMeetingId", rm.held_on::text as "rHeldOn",
          rb.id as "rBodyId", rb.name as "rBodyName", rb.organization_id as "rOrganizationId"
        from assignments a
        join paragraphs p on p.id = a.paragraph_id join meetings m on m.id = p.meeting_id join bodies b on b.id = p.body_id
        left join paragraphs rp on rp.id = a.reported_paragraph_id left join meetings rm on rm.id = rp.meeting_id
        left join bodies rb on rb.id = rp.body_id
        where ${sql.join(where, sql` and `)}
        order by m.held_on nulls last, p.position, a.created_at`,
  );
  return rows.map((r) => ({
    id: r.id,
    assignee: r.assignee ?? null,
    description: r.description,
    dueOn: r.dueOn,
    dueMeetingId: r.dueMeetingId,
    status: r.status,
    source: refOf(r, ''),
    reportedIn: r.rParagraphId ? refOf(r, 'r') : null,
  }));
}

function refOf(row: Record<string, unknown>, prefix: '' | 'r'): ParagraphRef {
  const key = (name: string) => (prefix ? `r${name[0]!.toUpperCase()}${name.slice(1)}` : name);
  return {
    paragraphId: row[key('paragraphId')] as string,
    number: row[key('number')] as number | null,
    title: row[key('title')] as string,
    meetingId: row[key('meetingId')] as string,
    heldOn: row[key('heldOn')] as string | null,
    bodyId: row[key('bodyId')] as string,
    bodyName: row[key('bodyName')] as string,
    organizationId: row[key('organizationId')] as string | null,
  };
}

/** The meetings of a body held (or planned) in a month, earliest first. */
export async function findBodyMeetingsInMonth(db: Database, bodyId: string, year: number, month: number): Promise<{ id: string; heldOn: string }[]> {
  return queryRows(
    db,
    sql`select id, held_on::text as "heldOn" from meetings
        where body_id = ${bodyId} and extract(year from held_on)::int = ${year} and extract(month from held_on)::int = ${month}
        order by held_on`,
  );
}

// Delegationsbeslut

export async function findDelegatedDecisionFrom(
  db: Database,
  values: { sourceParagraphId: string; description: string; caseId: string | null },
): Promise<DelegatedDecisionRow | null> {
  const rows = await db
    .select()
    .from(delegatedDecisions)
    .where(
      and(
        eq(delegatedDecisions.sourceParagraphId, values.sourceParagraphId),
        eq(delegatedDecisions.description, values.description),
        values.caseId ? eq(delegatedDecisions.caseId, values.caseId) : sql`${delegatedDecisions.caseId} is null`,
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function insertDelegatedDecision(db: Database, values: typeof delegatedDecisions.$inferInsert): Promise<DelegatedDecisionRow> {
  const [row] = await db.insert(delegatedDecisions).values(values).returning();
  return row!;
}

export async function findDelegatedDecisionsByIds(db: Database, ids: string[]): Promise<DelegatedDecisionRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(delegatedDecisions).where(inArray(delegatedDecisions.id, ids));
}

export async function updateDelegatedDecisions(db: Database, ids: string[], values: Partial<typeof delegatedDecisions.$inferInsert>): Promise<void> {
  if (ids.length) await db.update(delegatedDecisions).set(values).where(inArray(delegatedDecisions.id, ids));
}

/** A delegated decision with its case number, the § that listed it and the § it was reported in. */
export interface DelegatedDecisionListRow {
  id: string;
  organizationId: string | null;
  bodyId: string;
  bodyName: string;
  /** As written; null when the anmälan does not say who decided. */
  delegate: string | null;
  rulePoint: string | null;
  decidedOn: string | null;
  caseNumber: string | null;
  description: string;
  status: string;
  source: ParagraphRef | null;
  reportedIn: ParagraphRef | null;
}

/** Delegated decisions, filtered by organisation, body and status, in date order. */
export async function listDelegatedDecisionRows(
  db: Database,
  filter: { organizationId?: string; bodyId?: string; statuses?: string[] },
): Promise<DelegatedDecisionListRow[]> {
  const where: SQL[] = [sql`true`];
  if (filter.organizationId) where.push(sql`db_.organization_id = ${filter.organizationId}`);
  if (filter.bodyId) where.push(sql`d.body_id = ${filter.bodyId}`);
  if (filter.statuses?.length) where.push(sql`d.status in (${sql.join(filter.statuses.map((s) => sql`${s}`), sql`, `)})`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select d.id, db_.organization_id as "dOrganizationId", d.body_id as "dBodyId", db_.name as "dBodyName", d.delegate, d.rule_point as "rulePoint",
          d.decided_on::text as "decidedOn", c.case_number as "caseNumber", d.description, d.status,
          ${paragraphRefColumns},
          rp.id as "rParagraphId", rp.number as "rNumber", rp.title as "rTitle", rm.id as "rMeetingId", rm.held_on::text as "rHeldOn",
          rb.id as "rBodyId", rb.name as "rBodyName", rb.organization_id as "rOrganizationId"
        from delegated_decisions d
        join bodies db_ on db_.id = d.body_id
        left join cases c on c.id = d.case_id
        left join paragraphs p on p.id = d.source_paragraph_id left join meetings m on m.id = p.meeting_id
        left join bodies b on b.id = p.body_id
        left join paragraphs rp on rp.id = d.reported_paragraph_id left join meetings rm on rm.id = rp.meeting_id
        left join bodies rb on rb.id = rp.body_id
        where ${sql.join(where, sql` and `)}
        order by d.decided_on nulls last, m.held_on nulls last, d.created_at`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    organizationId: r.dOrganizationId as string | null,
    bodyId: r.dBodyId as string,
    bodyName: r.dBodyName as string,
    delegate: r.delegate as string | null,
    rulePoint: r.rulePoint as string | null,
    decidedOn: r.decidedOn as string | null,
    caseNumber: r.caseNumber as string | null,
    description: r.description as string,
    status: r.status as string,
    source: r.paragraphId ? refOf(r, '') : null,
    reportedIn: r.rParagraphId ? refOf(r, 'r') : null,
  }));
}

// Representation

export async function findAppointmentFrom(
  db: Database,
  values: { decidedParagraphId: string; personName: string; externalBody: string; role: string },
): Promise<AppointmentRow | null> {
  const rows = await db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.decidedParagraphId, values.decidedParagraphId),
        eq(appointments.personName, values.personName),
        eq(appointments.externalBody, values.externalBody),
        eq(appointments.role, values.role),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function insertAppointment(db: Database, values: typeof appointments.$inferInsert): Promise<AppointmentRow> {
  const [row] = await db.insert(appointments).values(values).returning();
  return row!;
}

export async function findAppointmentById(db: Database, id: string): Promise<AppointmentRow | null> {
  const rows = await db.select().from(appointments).where(eq(appointments.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateAppointment(db: Database, id: string, values: Partial<typeof appointments.$inferInsert>): Promise<void> {
  await db.update(appointments).set(values).where(eq(appointments.id, id));
}

/** Confirmed appointments of an organisation in an external body (to find the one a fyllnadsval replaces). */
export async function findConfirmedAppointmentsIn(
  db: Database,
  values: { organizationId: string | null; externalBody: string },
): Promise<AppointmentRow[]> {
  return db
    .select()
    .from(appointments)
    .where(
      and(
        values.organizationId ? eq(appointments.organizationId, values.organizationId) : sql`${appointments.organizationId} is null`,
        sql`lower(${appointments.externalBody}) = lower(${values.externalBody})`,
        eq(appointments.status, 'confirmed'),
      ),
    );
}

/** An appointment with the § that decided it. */
export interface AppointmentListRow extends Omit<AppointmentRow, 'createdAt' | 'startsOn' | 'endsOn'> {
  startsOn: string | null;
  endsOn: string | null;
  decidedIn: ParagraphRef | null;
}

/** Appointments of an organisation (or all), filtered by status. */
export async function listAppointmentRows(
  db: Database,
  filter: { organizationId?: string; statuses?: string[]; ids?: string[] },
): Promise<AppointmentListRow[]> {
  const where: SQL[] = [sql`true`];
  if (filter.organizationId) where.push(sql`a.organization_id = ${filter.organizationId}`);
  if (filter.statuses?.length) where.push(sql`a.status in (${sql.join(filter.statuses.map((s) => sql`${s}`), sql`, `)})`);
  if (filter.ids) where.push(filter.ids.length ? sql`a.id in (${sql.join(filter.ids.map((s) => sql`${s}::uuid`), sql`, `)})` : sql`false`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id as "aId", a.organization_id as "aOrganizationId", a.person_id as "personId", a.person_name as "personName",
          a.external_body as "externalBody", a.role, a.starts_on::text as "startsOn", a.ends_on::text as "endsOn",
          a.decided_paragraph_id as "decidedParagraphId", a.replaces_id as "replacesId", a.status,
          ${paragraphRefColumns}
        from appointments a
        left join paragraphs p on p.id = a.decided_paragraph_id left join meetings m on m.id = p.meeting_id
        left join bodies b on b.id = p.body_id
        where ${sql.join(where, sql` and `)}
        order by m.held_on nulls last, p.position, a.created_at`,
  );
  return rows.map((r) => ({
    id: r.aId as string,
    organizationId: r.aOrganizationId as string | null,
    personId: r.personId as string | null,
    personName: r.personName as string,
    externalBody: r.externalBody as string,
    role: r.role as string,
    startsOn: r.startsOn as string | null,
    endsOn: r.endsOn as string | null,
    decidedParagraphId: r.decidedParagraphId as string | null,
    replacesId: r.replacesId as string | null,
    status: r.status as string,
    decidedIn: r.paragraphId ? refOf(r, '') : null,
  }));
}

// Remisser

export async function insertConsultation(db: Database, values: typeof consultations.$inferInsert): Promise<ConsultationRow> {
  const [row] = await db.insert(consultations).values(values).returning();
  return row!;
}

export async function findConsultationById(db: Database, id: string): Promise<ConsultationRow | null> {
  const rows = await db.select().from(consultations).where(eq(consultations.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateConsultation(db: Database, id: string, values: Partial<typeof consultations.$inferInsert>): Promise<void> {
  await db.update(consultations).set(values).where(eq(consultations.id, id));
}

/** A remiss with its case number and the § that decided the answer. */
export interface ConsultationListRow {
  id: string;
  organizationId: string | null;
  sender: string;
  title: string;
  caseNumber: string | null;
  receivedOn: string | null;
  dueOn: string | null;
  answerFileId: string | null;
  answeredIn: ParagraphRef | null;
}

/** Remisser of an organisation (or all), by deadline. */
export async function listConsultationRows(db: Database, filter: { organizationId?: string }): Promise<ConsultationListRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id as "cId", c.organization_id as "cOrganizationId", c.sender, c.title as "cTitle", k.case_number as "caseNumber",
          c.received_on::text as "receivedOn", c.due_on::text as "dueOn", c.answer_file_id as "answerFileId",
          ${paragraphRefColumns}
        from consultations c
        left join cases k on k.id = c.case_id
        left join paragraphs p on p.id = c.answered_paragraph_id left join meetings m on m.id = p.meeting_id
        left join bodies b on b.id = p.body_id
        where ${filter.organizationId ? sql`c.organization_id = ${filter.organizationId}` : sql`true`}
        order by c.due_on nulls last, c.created_at`,
  );
  return rows.map((r) => ({
    id: r.cId as string,
    organizationId: r.cOrganizationId as string | null,
    sender: r.sender as string,
    title: r.cTitle as string,
    caseNumber: r.caseNumber as string | null,
    receivedOn: r.receivedOn as string | null,
    dueOn: r.dueOn as string | null,
    answerFileId: r.answerFileId as string | null,
    answeredIn: r.paragraphId ? refOf(r, '') : null,
  }));
}

// Mål, indikatorer, uppföljningar

export async function insertGoal(db: Database, values: typeof goals.$inferInsert): Promise<GoalRow> {
  const [row] = await db.insert(goals).values(values).returning();
  return row!;
}

export async function findGoalById(db: Database, id: string): Promise<GoalRow | null> {
  const rows = await db.select().from(goals).where(eq(goals.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateGoal(db: Database, id: string, values: Partial<typeof goals.$inferInsert>): Promise<void> {
  await db.update(goals).set(values).where(eq(goals.id, id));
}

export async function deleteGoal(db: Database, id: string): Promise<void> {
  await db.delete(goals).where(eq(goals.id, id));
}

export async function listGoalRows(db: Database, filter: { organizationId: string; planYear?: number }): Promise<GoalRow[]> {
  return db
    .select()
    .from(goals)
    .where(and(eq(goals.organizationId, filter.organizationId), filter.planYear !== undefined ? eq(goals.planYear, filter.planYear) : sql`true`))
    .orderBy(asc(goals.planYear), asc(goals.area), asc(goals.position));
}

export async function insertIndicator(db: Database, values: typeof indicators.$inferInsert): Promise<IndicatorRow> {
  const [row] = await db.insert(indicators).values(values).returning();
  return row!;
}

export async function findIndicatorById(db: Database, id: string): Promise<IndicatorRow | null> {
  const rows = await db.select().from(indicators).where(eq(indicators.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateIndicator(db: Database, id: string, values: Partial<typeof indicators.$inferInsert>): Promise<void> {
  await db.update(indicators).set(values).where(eq(indicators.id, id));
}

export async function deleteIndicator(db: Database, id: string): Promise<void> {
  await db.delete(indicators).where(eq(indicators.id, id));
}

export async function listIndicatorRows(db: Database, goalIds: string[]): Promise<IndicatorRow[]> {
  if (goalIds.length === 0) return [];
  return db.select().from(indicators).where(inArray(indicators.goalId, goalIds)).orderBy(asc(indicators.position));
}

/** Records the follow-up of an indicator for a period, replacing an earlier one for the same period. */
export async function upsertIndicatorFollowUp(db: Database, values: typeof indicatorFollowUps.$inferInsert): Promise<IndicatorFollowUpRow> {
  const [row] = await db
    .insert(indicatorFollowUps)
    .values(values)
    .onConflictDoUpdate({
      target: [indicatorFollowUps.indicatorId, indicatorFollowUps.year, indicatorFollowUps.period],
      set: { value: values.value ?? null, comment: values.comment ?? null, reportedParagraphId: values.reportedParagraphId ?? null },
    })
    .returning();
  return row!;
}

export async function deleteIndicatorFollowUp(db: Database, id: string): Promise<void> {
  await db.delete(indicatorFollowUps).where(eq(indicatorFollowUps.id, id));
}

export async function listIndicatorFollowUpRows(db: Database, indicatorIds: string[], year?: number): Promise<IndicatorFollowUpRow[]> {
  if (indicatorIds.length === 0) return [];
  return db
    .select()
    .from(indicatorFollowUps)
    .where(and(inArray(indicatorFollowUps.indicatorId, indicatorIds), year !== undefined ? eq(indicatorFollowUps.year, year) : sql`true`))
    .orderBy(asc(indicatorFollowUps.year), asc(indicatorFollowUps.period));
}

// Verksamhetsberättelse

export async function findAnnualReport(db: Database, organizationId: string, year: number): Promise<AnnualReportRow | null> {
  const rows = await db
    .select()
    .from(annualReports)
    .where(and(eq(annualReports.organizationId, organizationId), eq(annualReports.year, year)))
    .limit(1);
  return rows[0] ?? null;
}

/** Stores the report's sections, creating the report or replacing the sections of the draft. */
export async function saveAnnualReportSections(
  db: Database,
  values: { organizationId: string; year: number; sections: { heading: string; text: string }[] },
): Promise<AnnualReportRow> {
  const [row] = await db
    .insert(annualReports)
    .values(values)
    .onConflictDoUpdate({ target: [annualReports.organizationId, annualReports.year], set: { sections: values.sections, updatedAt: sql`now()` } })
    .returning();
  return row!;
}

/** Per decision-making body of an organisation: meetings held in the year, how many digitally, and §§ with decisions. */
export async function countBodyMeetingsInYear(
  db: Database,
  organizationId: string,
  year: number,
): Promise<{ bodyId: string; bodyName: string; meetings: number; remoteMeetings: number; decisions: number }[]> {
  return queryRows(
    db,
    sql`select b.id as "bodyId", b.name as "bodyName",
          (select count(*)::int from meetings m where m.body_id = b.id and m.year = ${year} and m.status <> 'cancelled') as meetings,
          (select count(*)::int from meetings m where m.body_id = b.id and m.year = ${year} and m.status <> 'cancelled' and m.remote) as "remoteMeetings",
          (select count(distinct p.id)::int from paragraphs p join decision_points d on d.paragraph_id = p.id
             where p.body_id = b.id and p.year = ${year}) as decisions
        from bodies b where b.organization_id = ${organizationId} and b.decision_making`,
  );
}

/** The decisions of a body in a year, one row per decision point, in § order. */
export async function listBodyDecisionsInYear(
  db: Database,
  bodyId: string,
  year: number,
): Promise<{ bodyName: string; heldOn: string | null; number: number | null; title: string; decision: string }[]> {
  return queryRows(
    db,
    sql`select b.name as "bodyName", m.held_on::text as "heldOn", p.number, p.title, d.text as decision
        from decision_points d join paragraphs p on p.id = d.paragraph_id join meetings m on m.id = p.meeting_id
        join bodies b on b.id = p.body_id
        where p.body_id = ${bodyId} and p.year = ${year}
        order by m.held_on, p.position, d.position`,
  );
}

/** A delegated decision as an agenda lists it, with its case number. */
export interface DelegatedDecisionForAgenda {
  id: string;
  delegate: string | null;
  rulePoint: string | null;
  decidedOn: string | null;
  caseNumber: string | null;
  description: string;
  /** The § that lists it now, if any. */
  listedParagraphId: string | null;
}

/**
 * Registered delegated decisions of a body taken by `upTo` that are free to go on an agenda: not listed by
 * any §, listed by `paragraphId` itself, or listed by a meeting that was cancelled.
 */
export async function findDelegatedDecisionsForAgenda(
  db: Database,
  input: { bodyId: string; upTo: string; paragraphId: string },
): Promise<DelegatedDecisionForAgenda[]> {
  return queryRows<DelegatedDecisionForAgenda>(
    db,
    sql`select d.id, d.delegate, d.rule_point as "rulePoint", d.decided_on::text as "decidedOn", c.case_number as "caseNumber",
          d.description, d.reported_paragraph_id as "listedParagraphId"
        from delegated_decisions d
        left join cases c on c.id = d.case_id
        left join paragraphs p on p.id = d.reported_paragraph_id
        left join meetings m on m.id = p.meeting_id
        where d.body_id = ${input.bodyId} and d.status = 'registered'
          and (d.decided_on is null or d.decided_on <= ${input.upTo})
          and (d.reported_paragraph_id is null or d.reported_paragraph_id = ${input.paragraphId} or m.status = 'cancelled')
        order by d.decided_on nulls last, d.created_at`,
  );
}

/** Ids of the registered delegated decisions that a § of the meeting lists, to be marked reported when it is adjusted. */
export async function findDelegatedDecisionsListedInMeeting(db: Database, meetingId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select d.id from delegated_decisions d join paragraphs p on p.id = d.reported_paragraph_id
        where p.meeting_id = ${meetingId} and d.status = 'registered' order by d.decided_on nulls last, d.created_at`,
  );
  return rows.map((r) => r.id);
}

/** The open meetings of a body held on or after a day, earliest first: where a new delegated decision is reported. */
export async function findOpenMeetingsOfBodyFrom(db: Database, bodyId: string, from: string): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), gte(meetings.heldOn, from), notInArray(meetings.status, [...closedMeetingStatuses])))
    .orderBy(asc(meetings.heldOn), asc(meetings.createdAt));
}

/** The att-clauses of one §, in order. */
export async function listDecisionTexts(db: Database, paragraphId: string): Promise<string[]> {
  const rows = await db
    .select({ text: decisionPoints.text })
    .from(decisionPoints)
    .where(eq(decisionPoints.paragraphId, paragraphId))
    .orderBy(asc(decisionPoints.position));
  return rows.map((r) => r.text);
}

/** Whether the register links delegated decisions to a § (it lists or reported them): then its text came from the register. */
export async function hasDelegatedDecisionsLinkedTo(db: Database, paragraphId: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from delegated_decisions where reported_paragraph_id = ${paragraphId} limit 1`);
  return rows.length > 0;
}
