/**
 * Failed sign-ins per key (an account, an address, or an account at an address), kept in the database
 * so that throttling survives a restart and holds for every app instance sharing the database.
 */
import { inArray, eq, sql } from 'drizzle-orm';
import type { Database } from './database.ts';
import { signInFailures } from './schema.ts';

export type SignInFailureRow = typeof signInFailures.$inferSelect;

export async function findSignInFailures(db: Database, keys: string[]): Promise<SignInFailureRow[]> {
  return db.select().from(signInFailures).where(inArray(signInFailures.key, keys));
}

/**
 * Counts one more failure for `key` in one statement (safe with concurrent attempts); a count whose last
 * failure is older than `forgetBefore` starts again at one. Returns the new count.
 */
export async function countSignInFailure(db: Database, input: { key: string; now: Date; forgetBefore: Date }): Promise<number> {
  const [row] = await db
    .insert(signInFailures)
    .values({ key: input.key, failures: 1, firstFailureAt: input.now, lastFailureAt: input.now })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        // Dates as ISO text with a cast: both drivers (pg, PGlite) pass text parameters the same way.
        failures: sql`case when ${signInFailures.lastFailureAt} < ${input.forgetBefore.toISOString()}::timestamptz then 1 else ${signInFailures.failures} + 1 end`,
        firstFailureAt: sql`case when ${signInFailures.lastFailureAt} < ${input.forgetBefore.toISOString()}::timestamptz then ${input.now.toISOString()}::timestamptz else ${signInFailures.firstFailureAt} end`,
        lastFailureAt: input.now,
      },
    })
    .returning({ failures: signInFailures.failures });
  return row!.failures;
}

export async function blockSignIns(db: Database, key: string, until: Date | null): Promise<void> {
  await db.update(signInFailures).set({ blockedUntil: until }).where(eq(signInFailures.key, key));
}

export async function deleteSignInFailures(db: Database, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, key));
}
