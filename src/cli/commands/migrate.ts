import type { Command } from 'commander';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('migrate (being written)')
    .action(() => {
      throw new Error('not written yet');
    });
}
