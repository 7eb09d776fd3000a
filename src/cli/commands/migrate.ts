import type { Command } from 'commander';
import { configFor } from '../context.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create the database or bring it up to date (embedded by default, DATABASE_URL for a server)')
    .action(async (_options: unknown, command: Command) => {
      const { applyMigrations, describeDatabase, openConfiguredDatabase } = await import('../../services/system.service.ts');
      const config = configFor(command);
      const handle = await openConfiguredDatabase(config);
      try {
        await applyMigrations(handle);
        process.stdout.write(`migrated: ${describeDatabase(config)}\n`);
      } finally {
        await handle.close();
      }
    });
}
