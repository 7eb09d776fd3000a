/**
 * Settings, read once from the environment with defaults. Nothing else reads process.env.
 */
import { resolve } from 'node:path';

export interface Config {
  /** Folder of the embedded database and its files (PGlite). */
  dataDir: string;
  /** A PostgreSQL server to use instead of the embedded database. */
  databaseUrl: string | null;
  port: number;
  host: string;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    dataDir: resolve(overrides.dataDir ?? env.PROTOKOLL_DATA ?? './data'),
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || null),
    port: overrides.port ?? Number(env.PORT ?? 8080),
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
  };
}
