/**
 * The storage module's public surface: open and migrate the database, run a transaction, and the
 * query functions per area.
 */
import type { Database } from './database.ts';
import { translateDatabaseError } from './database-errors.ts';
import { openAuditQueue, writeQueuedAuditEvents } from './audit.store.ts';
import { noteCommitted } from './commit-generation.ts';

export * from './database.ts';
export * from './registers.store.ts';
export * from './minutes.store.ts';
export * from './audit.store.ts';
export * from './files.store.ts';
export * from './meeting-cycle.store.ts';
export * from './outbox.store.ts';
export * from './feeds.store.ts';
export * from './reminders.store.ts';
export * from './absence.store.ts';
export * from './watch.store.ts';
export * from './member-notes.store.ts';
export * from './seal.store.ts';
export * from './change-stamp.store.ts';
export * from './signing-links.store.ts';
export * from './import-batches.store.ts';
export { translateDatabaseError } from './database-errors.ts';

/**
 * Runs `work` in one transaction: all of it is stored, or nothing. Constraint violations come out as
 * InputErrors naming the field.
 */
export async function inTransaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  try {
    const result = await db.transaction(async (transaction) => {
      const tx = transaction as unknown as Database;
      // The audit events appended inside are written last, when every row lock is already held
      // (audit.store explains why); a nested transaction leaves that to the outermost one.
      const queue = openAuditQueue(tx, db);
      try {
        const value = await work(tx);
        if (!queue.nested) await writeQueuedAuditEvents(tx);
        return value;
      } catch (error) {
        queue.rollBack();
        throw error;
      }
    });
    // Before the caller answers: the next request must not be served what this transaction changed.
    noteCommitted(db);
    return result;
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
