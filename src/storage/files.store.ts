/**
 * File contents, addressed by SHA-256: on disk under `<data>/files/ab/abcdef…` beside the embedded
 * database, or in the `files.content` column when there is no files folder (a server without one).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from './database.ts';
import { files } from './schema.ts';

export type FileRow = typeof files.$inferSelect;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function findFileBySha256(db: Database, sha256: string): Promise<FileRow | null> {
  const rows = await db.select().from(files).where(eq(files.sha256, sha256)).limit(1);
  return rows[0] ?? null;
}

export async function findFileById(db: Database, id: string): Promise<FileRow | null> {
  const rows = await db.select().from(files).where(eq(files.id, id)).limit(1);
  return rows[0] ?? null;
}

/**
 * Stores a file once per content and returns its row. On disk, the content is written before the row
 * (via a temporary name and a rename), so a row never points at a missing or partial file; a failed
 * transaction can leave an unreferenced file, which is harmless because the name is its hash.
 *
 * `textContent` is the text inside the file (underlag, for internal search); given for a file already
 * stored without text, it is added to that row (a trigger then refreshes the search documents of the
 * §§ the file is attached to, migration 0009).
 */
export async function storeFile(
  db: Database,
  filesDir: string | null,
  input: { bytes: Uint8Array; contentType: string; originalName?: string | null; textContent?: string | null },
): Promise<FileRow> {
  const sha256 = sha256Of(input.bytes);
  const existing = await findFileBySha256(db, sha256);
  if (existing) {
    if (existing.textContent !== null || !input.textContent) return existing;
    const [updated] = await db.update(files).set({ textContent: input.textContent }).where(eq(files.id, existing.id)).returning();
    return updated ?? existing;
  }
  let path: string | null = null;
  if (filesDir) {
    path = join(sha256.slice(0, 2), sha256);
    const target = join(filesDir, path);
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(temporary, input.bytes);
      renameSync(temporary, target);
    }
  }
  const [row] = await db
    .insert(files)
    .values({
      sha256,
      contentType: input.contentType,
      size: input.bytes.byteLength,
      originalName: input.originalName ?? null,
      storage: filesDir ? 'disk' : 'database',
      path,
      content: filesDir ? null : input.bytes,
      textContent: input.textContent ?? null,
    })
    .returning();
  return row!;
}

/** The content of a stored file. */
export function readStoredFile(filesDir: string | null, file: FileRow): Uint8Array {
  if (file.storage === 'database') return file.content ?? new Uint8Array();
  if (!filesDir || !file.path) throw new Error(`file ${file.id} is on disk but no files folder is configured`);
  return readFileSync(join(filesDir, file.path));
}
