import type { Command } from 'commander';
import { readConfig, type Config } from '../config.ts';
import type { Database } from '../services/system.service.ts';

/** The configuration for a command: the environment, with the global --data option on top. */
export function configFor(command: Command, overrides: Partial<Config> = {}): Config {
  const globals = command.optsWithGlobals<{ data?: string }>();
  return readConfig(process.env, { ...(globals.data ? { dataDir: globals.data } : {}), ...overrides });
}

/**
 * Runs `work` on the database the command is configured for, migrated, and closes it afterwards. The
 * storage is loaded here on demand, so commands without a database (parse, check) start without it.
 */
export async function withDatabase<T>(command: Command, work: (db: Database) => Promise<T>): Promise<T> {
  const { applyMigrations, openConfiguredDatabase } = await import('../services/system.service.ts');
  const handle = await openConfiguredDatabase(configFor(command));
  try {
    await applyMigrations(handle);
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}
