/**
 * The audit log as a hash chain (migration 0010, docs/integrity.md). Events are queued while a use case's
 * transaction runs and written at its end, under one advisory lock: that is where each gets the next
 * `seq`, the previous entry's hash and its own. Taking the lock last, after every row lock the use case
 * takes, means no transaction ever waits for a row while holding it, so the chain cannot deadlock with
 * the existing flows, and concurrent writers can never fork it (each sees the head its predecessor committed).
 */
import { randomUUID } from 'node:crypto';
import { asc, desc, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import type { AuditEventKind } from '../domain/audit-event.ts';
import { auditEntryHash, type AuditEntryContent } from '../domain/integrity.ts';
import type { Database } from './database.ts';
import { auditEvents } from './schema.ts';

export interface AuditEventInput {
  kind: AuditEventKind;
  entityType: string;
  entityId: string | null;
  actor?: string | null;
  data?: Record<string, unknown>;
}

/** One stored entry of the chain. */
export interface AuditEntryRow extends AuditEntryContent {
  seq: number;
  previousHash: string | null;
  hash: string | null;
}

/** The key of the advisory lock that serialises writes to the chain (any fixed number; this is 'audit'). */
const AUDIT_CHAIN_LOCK = 0x61756469;

const INSERT_CHUNK = 500;

/** Events appended in an open transaction (see openAuditQueue), written when it ends. */
const queues = new WeakMap<object, AuditEntryContent[]>();

/**
 * Appends one event to the audit log, in the caller's transaction. Its instant and id are fixed now;
 * its place in the chain is given when the transaction's queued events are written (inTransaction).
 * Outside such a transaction it is written at once, in a transaction (or savepoint) of its own.
 */
export async function appendAuditEvent(db: Database, event: AuditEventInput): Promise<void> {
  const entry: AuditEntryContent = {
    id: randomUUID(),
    at: new Date().toISOString(),
    actor: event.actor ?? null,
    kind: event.kind,
    entityType: event.entityType,
    entityId: event.entityId,
    // What jsonb gives back: Dates as strings, no undefined, so the hash is the same when read again.
    data: JSON.parse(JSON.stringify(event.data ?? {})) as Record<string, unknown>,
  };
  const queue = queues.get(db);
  if (queue) {
    queue.push(entry);
    return;
  }
  await db.transaction(async (tx) => writeChainedEntries(tx as unknown as Database, [entry]));
}

/**
 * Starts queuing the audit events of transaction `tx`. A nested transaction shares its parent's queue
 * and gives back a function that drops its events if it is rolled back.
 */
export function openAuditQueue(tx: Database, parent: Database | null): { nested: boolean; rollBack: () => void } {
  const parentQueue = parent ? queues.get(parent) : undefined;
  if (parentQueue) {
    queues.set(tx, parentQueue);
    const mark = parentQueue.length;
    return { nested: true, rollBack: () => void parentQueue.splice(mark) };
  }
  queues.set(tx, []);
  return { nested: false, rollBack: () => {} };
}

/** Writes the events queued in `tx` to the chain; the last step of the transaction. */
export async function writeQueuedAuditEvents(tx: Database): Promise<void> {
  const queue = queues.get(tx);
  queues.delete(tx);
  if (queue?.length) await writeChainedEntries(tx, queue);
}

async function writeChainedEntries(tx: Database, entries: AuditEntryContent[]): Promise<void> {
  await lockAuditChain(tx);
  let head = await findChainHead(tx);
  if (head && head.hash === null) {
    await chainUnchainedAuditEvents(tx);
    head = await findChainHead(tx);
  }
  let seq = head?.seq ?? 0;
  let previous = head?.hash ?? null;
  const rows = entries.map((entry) => {
    seq += 1;
    const hash = auditEntryHash(previous, entry);
    const row = sql`(${entry.id}::uuid, ${entry.at}::timestamptz, ${entry.actor}, ${entry.kind}, ${entry.entityType}, ${entry.entityId}::uuid,
      ${JSON.stringify(entry.data)}::jsonb, ${seq}::bigint, ${previous}, ${hash})`;
    previous = hash;
    return row;
  });
  // `seq` is given here, under the lock, rather than by the identity: a sequence is not rolled back, so it
  // would leave gaps that look like deleted entries. In chunks, to stay far below the 65,535 parameters
  // a statement may carry (a confirm-all writes one event per proposal).
  for (let from = 0; from < rows.length; from += INSERT_CHUNK) {
    await tx.execute(sql`insert into audit_events (id, at, actor, kind, entity_type, entity_id, data, seq, previous_hash, hash)
      overriding system value values ${sql.join(rows.slice(from, from + INSERT_CHUNK), sql`, `)}`);
  }
}

/** Waits for, and holds until the transaction ends, the right to write to the chain. */
export async function lockAuditChain(tx: Database): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}

/** The last entry of the chain, or null when the log is empty. */
export async function findChainHead(db: Database): Promise<{ seq: number; hash: string | null } | null> {
  const [row] = await db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/**
 * Gives the entries written before the chain existed (hash NULL, migration 0010) their place in it, in
 * `seq` order. Call with the chain locked (lockAuditChain). Returns how many were chained.
 */
export async function chainUnchainedAuditEvents(tx: Database): Promise<number> {
  const [first] = await tx.select({ seq: auditEvents.seq }).from(auditEvents).where(isNull(auditEvents.hash)).orderBy(asc(auditEvents.seq)).limit(1);
  if (!first) return 0;
  const [before] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).where(lt(auditEvents.seq, first.seq)).orderBy(desc(auditEvents.seq)).limit(1);
  let previous = before?.hash ?? null;
  let chained = 0;
  for (let from = Number(first.seq); ; ) {
    const page = await listAuditEntries(tx, { fromSeq: from, limit: 1000 });
    if (page.length === 0) break;
    for (const row of page) {
      if (row.hash === null) {
        const hash = auditEntryHash(previous, row);
        await tx.execute(sql`update audit_events set previous_hash = ${previous}, hash = ${hash} where id = ${row.id}::uuid`);
        previous = hash;
        chained++;
      } else previous = row.hash;
    }
    from = page[page.length - 1]!.seq + 1;
  }
  return chained;
}

/** Entries of the chain from `fromSeq` on, in order, at most `limit`. */
export async function listAuditEntries(db: Database, options: { fromSeq: number; limit: number }): Promise<AuditEntryRow[]> {
  const rows = await db.select().from(auditEvents).where(gte(auditEvents.seq, options.fromSeq)).orderBy(asc(auditEvents.seq)).limit(options.limit);
  return rows.map(toEntryRow);
}

/** The entry right after `seq` in the chain, or null at the head. */
export async function findNextAuditEntry(db: Database, seq: number): Promise<AuditEntryRow | null> {
  const [row] = await db.select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(asc(auditEvents.seq)).limit(1);
  return row ? toEntryRow(row) : null;
}

/** The audit entries of one kind about one entity, oldest first. */
export async function listAuditEntriesOf(db: Database, where: { entityType: string; entityId: string; kind: AuditEventKind }): Promise<AuditEntryRow[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.entityType} = ${where.entityType} and ${auditEvents.entityId} = ${where.entityId}::uuid and ${auditEvents.kind} = ${where.kind}`)
    .orderBy(asc(auditEvents.seq));
  return rows.map(toEntryRow);
}

function toEntryRow(row: typeof auditEvents.$inferSelect): AuditEntryRow {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    kind: row.kind,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
    seq: Number(row.seq),
    previousHash: row.previousHash,
    hash: row.hash,
  };
}
