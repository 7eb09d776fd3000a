import type { AuditEventKind } from '../domain/audit-event.ts';
import type { Database } from './database.ts';
import { auditEvents } from './schema.ts';

export interface AuditEventInput {
  kind: AuditEventKind;
  entityType: string;
  entityId: string | null;
  actor?: string | null;
  data?: Record<string, unknown>;
}

/** Appends one event to the audit log (in the caller's transaction). */
export async function appendAuditEvent(db: Database, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    kind: event.kind,
    entityType: event.entityType,
    entityId: event.entityId,
    actor: event.actor ?? null,
    data: event.data ?? {},
  });
}
