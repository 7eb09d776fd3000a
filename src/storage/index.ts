/**
 * The storage module's public surface: open and migrate the database, run a transaction, and the
 * query functions per area.
 */
import type { Database } from './database.ts';
import { translateDatabaseError } from './database-errors.ts';
import { noteCommitted } from './commit-generation.ts';

export * from './database.ts';
export * from './registers.store.ts';
export * from './minutes.store.ts';
export * from './audit.store.ts';
export * from './files.store.ts';
export * from './meeting-cycle.store.ts';
export * from './change-stamp.store.ts';
export { translateDatabaseError } from './database-errors.ts';

/**
 * Runs `work` in one transaction: all of it is stored, or nothing. Constraint violations come out as
 * InputErrors naming the field.
 */
export async function inTransaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  try {
    const result = await db.transaction(async (tx) => work(tx as unknown as Database));
    // Before the caller answers: the next request must not be served what this transaction changed.
    noteCommitted(db);
    return result;
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
