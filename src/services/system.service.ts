/**
 * Opening the database for the edges (server, CLI), so that they never reach into storage directly.
 */
import type { Config } from '../config.ts';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../storage/database.ts';
import { sealAndChainExisting } from './integrity.service.ts';
import { scanExistingMinutes } from './privacy.service.ts';
import { configureSigning } from './meeting-cycle/pades.ts';

export type { DatabaseHandle, Database, Engine } from '../storage/database.ts';

/** Opens the database the configuration names (a server when DATABASE_URL is set, else the data folder). */
export async function openConfiguredDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl'> & Partial<Pick<Config, 'signing' | 'oidc'>>): Promise<DatabaseHandle> {
  const handle = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  // The signing certificate of the embedded default lives in the data folder, whichever database holds the rest.
  configureSigning(handle, {
    dataDir: config.dataDir,
    ...(config.signing ? { p12Path: config.signing.p12Path, p12Passphrase: config.signing.p12Passphrase, timestampUrl: config.signing.timestampUrl, stepUpMinutes: config.signing.stepUpMinutes } : {}),
    requiredAcr: config.oidc?.signingAcr ?? null,
  });
  return handle;
}

/** Applies the migrations that are not applied yet; returns how the database was reached. */
export async function applyMigrations(handle: DatabaseHandle, options: { sealExisting?: boolean } = {}): Promise<void> {
  await migrateDatabase(handle);
  // What was stored before the audit chain and the seals existed is chained and sealed once; `verify`
  // leaves that to `migrate` and `serve`, so that it only reads.
  if (options.sealExisting !== false) {
    await sealAndChainExisting(handle);
    // Adjusted minutes stored before the personal-data scan existed are scanned once (docs/personal-data.md).
    await scanExistingMinutes(handle);
  }
}

/** Describes where the data lives, for start-up messages (never prints a password). */
export function describeDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl'>): string {
  if (!config.databaseUrl) return `embedded database in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}
