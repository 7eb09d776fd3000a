import type { Command } from 'commander';
import { readConfig, type Config } from '../config.ts';

/** The configuration for a command: the environment, with the global --data option on top. */
export function configFor(command: Command, overrides: Partial<Config> = {}): Config {
  const globals = command.optsWithGlobals<{ data?: string }>();
  return readConfig(process.env, { ...(globals.data ? { dataDir: globals.data } : {}), ...overrides });
}
