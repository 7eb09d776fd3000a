import type { Command } from 'commander';

export function registerRegisters(program: Command): void {
  program
    .command('registers')
    .description('registers (being written)')
    .action(() => {
      throw new Error('not written yet');
    });
}
