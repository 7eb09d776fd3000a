/**
 * A count per database handle of the writes this process has seen complete: raised after every
 * committed transaction (`inTransaction`) and after every statement outside one that is not a plain
 * SELECT (`openDatabase` wraps the client). The public cache (services/public-cache.ts) serves an
 * entry only while the count is the one it was loaded under, so a change is seen by the next request.
 */
import type { Database } from './database.ts';

const generations = new WeakMap<Database, number>();

/** Records that a write on `db` completed. */
export function noteCommitted(db: Database): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

/** How many completed writes on `db` this process has seen. */
export function commitGeneration(db: Database): number {
  return generations.get(db) ?? 0;
}

/**
 * Whether a statement may change data: anything but a SELECT, or a WITH … SELECT that names no
 * insert, update or delete (the cache's own reads and the searches among them).
 */
export function isWriteStatement(query: unknown): boolean {
  const text = typeof query === 'string' ? query : (query as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') return true;
  if (/^[\s(]*select\b/iu.test(text)) return false;
  return !(/^\s*with\b/iu.test(text) && !/\b(insert|update|delete|merge)\b/iu.test(text));
}
