/**
 * The delegationsordning as data: its points per delegating body, and the delegationsbeslut entered
 * against a point. Dates are read as text (`::text`) so both engines give the same strings.
 */
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';
import { delegationOrderItems } from './schema.ts';

export type DelegationOrderItemRow = typeof delegationOrderItems.$inferSelect;

/** A point of the delegationsordning with its body's name. */
export interface DelegationOrderItemListRow {
  id: string;
  organizationId: string;
  bodyId: string;
  bodyName: string;
  code: string;
  matter: string;
  delegate: string;
  limits: string | null;
  legalBasis: string | null;
  validFrom: string;
  validTo: string | null;
}

export async function insertDelegationOrderItem(db: Database, values: typeof delegationOrderItems.$inferInsert): Promise<DelegationOrderItemRow> {
  const [row] = await db.insert(delegationOrderItems).values(values).returning();
  return row!;
}

export async function findDelegationOrderItemById(db: Database, id: string): Promise<DelegationOrderItemRow | null> {
  const [row] = await db.select().from(delegationOrderItems).where(eq(delegationOrderItems.id, id));
  return row ?? null;
}

export async function updateDelegationOrderItem(db: Database, id: string, values: Partial<typeof delegationOrderItems.$inferInsert>): Promise<void> {
  await db.update(delegationOrderItems).set(values).where(eq(delegationOrderItems.id, id));
}

/** The points of an organisation's delegationsordning (of one body), unsorted: the caller sorts. */
export async function listDelegationOrderRows(db: Database, filter: { organizationId?: string; bodyId?: string; ids?: string[] }): Promise<DelegationOrderItemListRow[]> {
  const where = [sql`true`];
  if (filter.organizationId) where.push(sql`i.organization_id = ${filter.organizationId}`);
  if (filter.bodyId) where.push(sql`i.body_id = ${filter.bodyId}`);
  if (filter.ids) where.push(filter.ids.length ? sql`i.id in (${sql.join(filter.ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`);
  return queryRows<DelegationOrderItemListRow>(
    db,
    sql`select i.id, i.organization_id as "organizationId", i.body_id as "bodyId", b.name as "bodyName", i.code, i.matter, i.delegate,
          i.limits, i.legal_basis as "legalBasis", i.valid_from::text as "validFrom", i.valid_to::text as "validTo"
        from delegation_order_items i join bodies b on b.id = i.body_id
        where ${sql.join(where, sql` and `)}`,
  );
}

/** Of these §§, those the public may read: in adjusted (or archived) minutes and not confidential. */
export async function findPublishedParagraphIds(db: Database, paragraphIds: string[]): Promise<string[]> {
  if (paragraphIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select p.id from paragraphs p join meetings m on m.id = p.meeting_id
        where p.id in (${sql.join(paragraphIds.map((id) => sql`${id}::uuid`), sql`, `)})
          and m.status in ('adjusted', 'archived') and not p.confidential`,
  );
  return rows.map((r) => r.id);
}
