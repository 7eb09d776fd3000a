/**
 * What the public cache (services/public-cache.ts) needs to know whether anything has changed:
 *
 * - a generation per database handle (commit-generation.ts), raised as soon as a write of this process
 *   completes, so a change is seen by the very next request;
 * - a stamp read from the audit log, for writers in other processes (the command line on the same
 *   PostgreSQL) and writes outside a transaction. Every use case appends an audit event, so the newest
 *   entries change whenever anything is stored. Two commits may take their sequence numbers in one
 *   order and commit in the other (PostgreSQL), so the stamp is the highest number together with how
 *   many of the newest 256 numbers are visible: a late commit below the top changes the count.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';

export { commitGeneration } from './commit-generation.ts';

/** The current change stamp; equal stamps mean no audit event was committed in between. */
export async function readChangeStamp(db: Database): Promise<string> {
  const [row] = await queryRows<{ top: number | string | null; visible: number }>(
    db,
    sql`select max(seq) as top, count(*)::int as visible from (select seq from audit_events order by seq desc limit 256) as newest`,
  );
  return `${row?.top ?? 0}:${row?.visible ?? 0}`;
}
