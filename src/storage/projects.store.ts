/**
 * Queries of the project portfolio: projects, their funding rows, the §§ linked to them and the
 * indicators they report on. Dates of joined meetings are read as text (`::text`) so both engines give
 * the same strings.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';
import { projectDecisions, projectFunding, projectIndicators, projects } from './schema.ts';

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectFundingRow = typeof projectFunding.$inferSelect;

/** A § linked to a project, with its meeting and body. */
export interface ProjectDecisionRow {
  id: string;
  projectId: string;
  kind: string;
  paragraphId: string;
  number: number | null;
  title: string;
  meetingId: string;
  heldOn: string | null;
  bodyId: string;
  bodyName: string;
  organizationId: string | null;
}

/** An indicator linked to a project, with its goal. */
export interface ProjectIndicatorRow {
  projectId: string;
  indicatorId: string;
  title: string;
  unit: string | null;
  targetValue: string | null;
  goalTitle: string;
  area: string;
  planYear: number;
}

export async function insertProject(db: Database, values: typeof projects.$inferInsert): Promise<ProjectRow> {
  const [row] = await db.insert(projects).values(values).returning();
  return row!;
}

export async function updateProjectRow(db: Database, id: string, values: Partial<typeof projects.$inferInsert>): Promise<void> {
  await db
    .update(projects)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(projects.id, id));
}

export async function findProjectById(db: Database, id: string): Promise<ProjectRow | null> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  return row ?? null;
}

/** The projects of the organisations given (all when none is given), oldest first. */
export async function listProjectRows(db: Database, filter: { organizationIds?: string[] }): Promise<ProjectRow[]> {
  if (filter.organizationIds && filter.organizationIds.length === 0) return [];
  const query = db.select().from(projects);
  const rows = filter.organizationIds ? await query.where(inArray(projects.organizationId, filter.organizationIds)) : await query;
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Replaces a project's funding rows with these, in this order. */
export async function replaceProjectFunding(
  db: Database,
  projectId: string,
  rows: { funderKind: string; funderName: string; year: number; amount: number }[],
): Promise<void> {
  await db.delete(projectFunding).where(eq(projectFunding.projectId, projectId));
  if (rows.length === 0) return;
  await db.insert(projectFunding).values(rows.map((row, position) => ({ projectId, position, ...row })));
}

export async function listProjectFundingRows(db: Database, projectIds: string[]): Promise<ProjectFundingRow[]> {
  if (projectIds.length === 0) return [];
  return db.select().from(projectFunding).where(inArray(projectFunding.projectId, projectIds)).orderBy(asc(projectFunding.projectId), asc(projectFunding.position));
}

/** Links a § to a project; linking the same § with the same kind again changes nothing. Returns whether a link was made. */
export async function insertProjectDecision(db: Database, values: { projectId: string; paragraphId: string; kind: string }): Promise<boolean> {
  const rows = await db.insert(projectDecisions).values(values).onConflictDoNothing().returning({ id: projectDecisions.id });
  return rows.length > 0;
}

export async function deleteProjectDecision(db: Database, values: { projectId: string; paragraphId: string; kind: string }): Promise<boolean> {
  const rows = await db
    .delete(projectDecisions)
    .where(and(eq(projectDecisions.projectId, values.projectId), eq(projectDecisions.paragraphId, values.paragraphId), eq(projectDecisions.kind, values.kind)))
    .returning({ id: projectDecisions.id });
  return rows.length > 0;
}

/** The §§ linked to these projects, in meeting order. */
export async function listProjectDecisionRows(db: Database, projectIds: string[]): Promise<ProjectDecisionRow[]> {
  if (projectIds.length === 0) return [];
  return queryRows<ProjectDecisionRow>(
    db,
    sql`select d.id, d.project_id as "projectId", d.kind, p.id as "paragraphId", p.number, p.title, m.id as "meetingId",
          m.held_on::text as "heldOn", b.id as "bodyId", b.name as "bodyName", b.organization_id as "organizationId"
        from project_decisions d join paragraphs p on p.id = d.paragraph_id join meetings m on m.id = p.meeting_id
        join bodies b on b.id = p.body_id
        where d.project_id in (${idList(projectIds)})
        order by m.held_on nulls last, p.position, d.created_at`,
  );
}

export async function insertProjectIndicator(db: Database, values: { projectId: string; indicatorId: string }): Promise<boolean> {
  const rows = await db.insert(projectIndicators).values(values).onConflictDoNothing().returning({ projectId: projectIndicators.projectId });
  return rows.length > 0;
}

export async function deleteProjectIndicator(db: Database, values: { projectId: string; indicatorId: string }): Promise<boolean> {
  const rows = await db
    .delete(projectIndicators)
    .where(and(eq(projectIndicators.projectId, values.projectId), eq(projectIndicators.indicatorId, values.indicatorId)))
    .returning({ projectId: projectIndicators.projectId });
  return rows.length > 0;
}

/** The indicators linked to these projects, with their goal. */
export async function listProjectIndicatorRows(db: Database, projectIds: string[]): Promise<ProjectIndicatorRow[]> {
  if (projectIds.length === 0) return [];
  return queryRows<ProjectIndicatorRow>(
    db,
    sql`select pi.project_id as "projectId", i.id as "indicatorId", i.title, i.unit, i.target_value as "targetValue",
          g.title as "goalTitle", g.area, g.plan_year as "planYear"
        from project_indicators pi join indicators i on i.id = pi.indicator_id join goals g on g.id = i.goal_id
        where pi.project_id in (${idList(projectIds)})
        order by g.plan_year, g.position, i.position`,
  );
}

/** The organisation whose operational plan holds an indicator, or null when there is no such indicator. */
export async function findIndicatorOrganization(db: Database, indicatorId: string): Promise<string | null> {
  const rows = await queryRows<{ organizationId: string }>(
    db,
    sql`select g.organization_id as "organizationId" from indicators i join goals g on g.id = i.goal_id where i.id = ${indicatorId}`,
  );
  return rows[0]?.organizationId ?? null;
}

/** A § with the organisation of its body, or null when there is no such §. */
export async function findParagraphWithOrganization(
  db: Database,
  paragraphId: string,
): Promise<{ paragraphId: string; meetingId: string; bodyId: string; organizationId: string | null } | null> {
  const rows = await queryRows<{ paragraphId: string; meetingId: string; bodyId: string; organizationId: string | null }>(
    db,
    sql`select p.id as "paragraphId", p.meeting_id as "meetingId", b.id as "bodyId", b.organization_id as "organizationId"
        from paragraphs p join bodies b on b.id = p.body_id where p.id = ${paragraphId}`,
  );
  return rows[0] ?? null;
}

/** A § as a choice in a form: its meeting, body, number, title and the meeting's status. */
export interface ParagraphChoiceRow {
  paragraphId: string;
  meetingId: string;
  heldOn: string | null;
  bodyName: string;
  number: number | null;
  title: string;
  meetingStatus: string;
}

/** The §§ of an organisation's meetings, newest meeting first, at most `limit`. */
export async function listParagraphChoiceRows(db: Database, organizationId: string, limit: number): Promise<ParagraphChoiceRow[]> {
  return queryRows<ParagraphChoiceRow>(
    db,
    sql`select p.id as "paragraphId", m.id as "meetingId", m.held_on::text as "heldOn", b.name as "bodyName", p.number, p.title, m.status as "meetingStatus"
        from paragraphs p join meetings m on m.id = p.meeting_id join bodies b on b.id = p.body_id
        where b.organization_id = ${organizationId}
        order by m.held_on desc nulls last, m.id, p.position
        limit ${limit}`,
  );
}
