import type { Command } from 'commander';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve (being written)')
    .action(() => {
      throw new Error('not written yet');
    });
}
