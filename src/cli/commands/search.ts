import type { Command } from 'commander';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search (being written)')
    .action(() => {
      throw new Error('not written yet');
    });
}
