/** Anmälda förhinder: written, withdrawn and listed per meeting. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from './database.ts';
import { absenceReports, auditEvents, persons } from './schema.ts';

export type AbsenceReportRow = typeof absenceReports.$inferSelect;

/** Records an absence; when one is already open for the person, returns that one unchanged. */
export async function insertAbsenceReport(
  db: Database,
  input: { meetingId: string; personId: string; channel: 'web' | 'mail' | 'secretary'; note: string | null; reportedAt: Date },
): Promise<{ row: AbsenceReportRow; created: boolean }> {
  const inserted = await db.insert(absenceReports).values(input).onConflictDoNothing().returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  const [open] = await db
    .select()
    .from(absenceReports)
    .where(and(eq(absenceReports.meetingId, input.meetingId), eq(absenceReports.personId, input.personId), isNull(absenceReports.withdrawnAt)));
  if (!open) throw new Error('an absence report conflicted but none is open');
  return { row: open, created: false };
}

/** Withdraws the open absence of a person; false when there was none. */
export async function withdrawAbsenceReport(db: Database, input: { meetingId: string; personId: string; at: Date }): Promise<boolean> {
  const rows = await db
    .update(absenceReports)
    .set({ withdrawnAt: input.at })
    .where(and(eq(absenceReports.meetingId, input.meetingId), eq(absenceReports.personId, input.personId), isNull(absenceReports.withdrawnAt)))
    .returning({ id: absenceReports.id });
  return rows.length > 0;
}

/** The open absences of a meeting with the person's name, in the order they came in. */
export async function listOpenAbsences(db: Database, meetingId: string): Promise<(AbsenceReportRow & { name: string })[]> {
  const rows = await db
    .select({ report: absenceReports, name: persons.name })
    .from(absenceReports)
    .innerJoin(persons, eq(persons.id, absenceReports.personId))
    .where(and(eq(absenceReports.meetingId, meetingId), isNull(absenceReports.withdrawnAt)))
    .orderBy(asc(absenceReports.reportedAt));
  return rows.map((r) => ({ ...r.report, name: r.name }));
}

/** For whom each substitute was called to a meeting, from the audit log that recorded the calls. */
export async function listSubstituteCalls(db: Database, meetingId: string): Promise<{ substitutePersonId: string; forPersonId: string }[]> {
  const rows = await db
    .select({ data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'meeting'), eq(auditEvents.entityId, meetingId), eq(auditEvents.kind, 'absence.substitute_called')))
    .orderBy(asc(auditEvents.at));
  return rows.map((r) => ({ substitutePersonId: String(r.data.substitutePersonId), forPersonId: String(r.data.forPersonId) }));
}
