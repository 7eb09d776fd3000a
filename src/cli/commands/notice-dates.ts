import type { Command } from 'commander';
import { InputError, type Problem } from '../../errors.ts';
import { isIsoDate, noticeDates } from '../../domain/legal-dates.ts';

/** Registers `protokoll notice-dates`: the legal dates of an anslag as JSON, for the KL rule profile. */
export function registerNoticeDates(program: Command): void {
  program
    .command('notice-dates')
    .description('print the legal dates of an anslag (notice) as JSON')
    .requiredOption('--posted <date>', 'the day the notice is posted, YYYY-MM-DD')
    .option('--adjusted <date>', 'the day the minutes were adjusted (justerade), YYYY-MM-DD')
    .action((options: { posted: string; adjusted?: string }) => {
      const problems: Problem[] = [];
      if (!isIsoDate(options.posted)) problems.push(dateProblem('--posted', options.posted));
      if (options.adjusted !== undefined && !isIsoDate(options.adjusted)) {
        problems.push(dateProblem('--adjusted', options.adjusted));
      }
      if (problems.length > 0) throw new InputError(problems);
      if (options.adjusted !== undefined && options.posted < options.adjusted) {
        throw new InputError({
          path: '--posted',
          code: 'posted_before_adjusted',
          message: `the notice cannot be posted (${options.posted}) before the minutes are adjusted (${options.adjusted})`,
        });
      }

      const dates = noticeDates({ postedOn: options.posted, adjustedOn: options.adjusted ?? null });
      if (dates === null) throw new Error('the KL profile always has a notice clock');
      const { adjustedOn, latestPostingOn, postedOn, lastAppealOn, postedUntilOn, takeDownOn } = dates;
      const output = { adjustedOn, latestPostingOn, postedOn, lastAppealOn, postedUntilOn, takeDownOn };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      if (dates.postedLate) {
        process.stderr.write(`warning: posted after the latest posting day ${latestPostingOn} (KL 8:12)\n`);
      }
    });
}

function dateProblem(option: string, value: string): Problem {
  return { path: option, code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${value}'` };
}
