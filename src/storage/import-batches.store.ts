/**
 * Import batches and their files (migration 0022): written by the upload, claimed one file at a time by the
 * import worker (services/import-batches.service.ts), reviewed and stored. A claim commits 'parsing' before the
 * file is read; a process that stops mid-parse leaves 'parsing', which the next worker puts back in the queue
 * (parsing writes nothing else, so doing it again is harmless).
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './database.ts';
import { files, importBatches, importFiles } from './schema.ts';

export type ImportBatchRow = typeof importBatches.$inferSelect;
export type ImportFileRow = typeof importFiles.$inferSelect;
export type ImportFileStatus = 'queued' | 'parsing' | 'parsed' | 'needs_review' | 'failed' | 'stored';

export async function insertImportBatch(
  db: Database,
  input: { organizationId: string; bodyId: string | null; createdBy: string | null; createdByName: string | null },
): Promise<ImportBatchRow> {
  const [row] = await db.insert(importBatches).values(input).returning();
  return row!;
}

export async function insertImportFile(
  db: Database,
  input: { batchId: string; position: number; name: string; sha256: string | null; fileId: string | null; status: 'queued' | 'failed'; reason?: string | null },
): Promise<ImportFileRow> {
  const [row] = await db.insert(importFiles).values({ ...input, reason: input.reason ?? null }).returning();
  return row!;
}

export async function findImportBatch(db: Database, id: string): Promise<ImportBatchRow | null> {
  const rows = await db.select().from(importBatches).where(eq(importBatches.id, id));
  return rows[0] ?? null;
}

/** The newest batches of these organisations (all organisations when `organizationIds` is null). */
export async function listImportBatches(db: Database, organizationIds: string[] | null, limit = 50): Promise<ImportBatchRow[]> {
  if (organizationIds !== null && organizationIds.length === 0) return [];
  const query = db.select().from(importBatches);
  return (organizationIds === null ? query : query.where(inArray(importBatches.organizationId, organizationIds)))
    .orderBy(desc(importBatches.createdAt))
    .limit(limit);
}

export async function listImportFiles(db: Database, batchId: string): Promise<ImportFileRow[]> {
  return db.select().from(importFiles).where(eq(importFiles.batchId, batchId)).orderBy(asc(importFiles.position));
}

/** The files of a batch with the content type of each kept original, in one query (the progress page reloads often). */
export async function listImportFilesWithType(db: Database, batchId: string): Promise<(ImportFileRow & { contentType: string | null })[]> {
  const rows = await db
    .select({ file: importFiles, contentType: files.contentType })
    .from(importFiles)
    .leftJoin(files, eq(files.id, importFiles.fileId))
    .where(eq(importFiles.batchId, batchId))
    .orderBy(asc(importFiles.position));
  return rows.map((r) => ({ ...r.file, contentType: r.contentType }));
}

export async function findImportFile(db: Database, id: string): Promise<ImportFileRow | null> {
  const rows = await db.select().from(importFiles).where(eq(importFiles.id, id));
  return rows[0] ?? null;
}

/** Locks one file of a batch for a change (review, store), so two reviewers cannot store it twice. */
export async function lockImportFile(db: Database, id: string): Promise<ImportFileRow | null> {
  const rows = await db.select().from(importFiles).where(eq(importFiles.id, id)).for('update');
  return rows[0] ?? null;
}

/** Puts files a stopped worker left 'parsing' back in the queue; returns how many. */
export async function requeueAbandonedImportFiles(db: Database): Promise<number> {
  const rows = await db
    .update(importFiles)
    .set({ status: 'queued', claimedAt: null, updatedAt: new Date() })
    .where(eq(importFiles.status, 'parsing'))
    .returning({ id: importFiles.id });
  return rows.length;
}

/** Claims the oldest queued file: 'queued' → 'parsing', committed by the caller before parsing starts. */
export async function claimNextImportFile(db: Database, now: Date): Promise<ImportFileRow | null> {
  const next = await db
    .select({ id: importFiles.id })
    .from(importFiles)
    .where(eq(importFiles.status, 'queued'))
    .orderBy(asc(importFiles.createdAt), asc(importFiles.position))
    .limit(1)
    .for('update', { skipLocked: true });
  if (next.length === 0) return null;
  const rows = await db
    .update(importFiles)
    .set({ status: 'parsing', claimedAt: now, attempts: sql`${importFiles.attempts} + 1`, updatedAt: now })
    .where(and(eq(importFiles.id, next[0]!.id), eq(importFiles.status, 'queued')))
    .returning();
  return rows[0] ?? null;
}

export async function updateImportFile(
  db: Database,
  id: string,
  patch: Partial<Pick<ImportFileRow, 'status' | 'reason' | 'minutes' | 'findings' | 'corrections' | 'storeAs' | 'meetingId'>>,
): Promise<void> {
  await db.update(importFiles).set({ ...patch, updatedAt: new Date() }).where(eq(importFiles.id, id));
}

/** 'done' once no file of the batch waits for the worker, 'running' otherwise. */
export async function refreshImportBatchStatus(db: Database, batchId: string): Promise<void> {
  const waiting = await db
    .select({ id: importFiles.id })
    .from(importFiles)
    .where(and(eq(importFiles.batchId, batchId), inArray(importFiles.status, ['queued', 'parsing'])))
    .limit(1);
  await db
    .update(importBatches)
    .set({ status: waiting.length ? 'running' : 'done', updatedAt: new Date() })
    .where(eq(importBatches.id, batchId));
}
