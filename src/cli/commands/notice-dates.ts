import type { Command } from 'commander';

export function registerNoticeDates(program: Command): void {
  program
    .command('notice-dates')
    .description('print the legal dates of an anslag (notice) as JSON')
    .requiredOption('--posted <date>', 'the day the notice is posted, YYYY-MM-DD')
    .action(() => {
      throw new Error('not written yet');
    });
}
