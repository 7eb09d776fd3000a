/** Queries for the one-time signing links (issue 16): only token hashes are stored and looked up. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from './database.ts';
import { signingLinks } from './schema.ts';

export type SigningLinkRow = typeof signingLinks.$inferSelect;

export async function insertSigningLink(db: Database, values: typeof signingLinks.$inferInsert): Promise<SigningLinkRow> {
  const [row] = await db.insert(signingLinks).values(values).returning();
  return row!;
}

export async function findSigningLinkByHash(db: Database, tokenSha256: string): Promise<SigningLinkRow | null> {
  const rows = await db.select().from(signingLinks).where(eq(signingLinks.tokenSha256, tokenSha256)).limit(1);
  return rows[0] ?? null;
}

/**
 * Marks the link used, once: null when it was used already. The update locks the row, so a second
 * request with the same link waits for the first transaction and then finds it used.
 */
export async function markSigningLinkUsed(db: Database, id: string, usedAt: Date): Promise<SigningLinkRow | null> {
  const rows = await db.update(signingLinks).set({ usedAt }).where(and(eq(signingLinks.id, id), isNull(signingLinks.usedAt))).returning();
  return rows[0] ?? null;
}

/** Records the account a used link created. */
export async function setSigningLinkUser(db: Database, id: string, userId: string): Promise<void> {
  await db.update(signingLinks).set({ userId }).where(eq(signingLinks.id, id));
}
