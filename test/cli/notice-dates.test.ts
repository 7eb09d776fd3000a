import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

const dates = async (...args: string[]) => {
  const run = await runCli(['notice-dates', ...args]);
  return { ...run, dates: run.code === 0 ? (JSON.parse(run.out) as Record<string, string | null>) : null };
};

describe('protokoll notice-dates', () => {
  // KL 13:5: three weeks from posting; lag 1930:173: a last day on a Saturday, Sunday, holiday,
  // julafton or nyårsafton moves to the next weekday.
  const cases: [posted: string, lastAppealOn: string, why: string][] = [
    ['2024-12-03', '2024-12-27', '2024-12-24 is julafton, then juldagen and annandag jul'],
    ['2025-12-03', '2025-12-29', 'julafton, juldagen, annandag jul, then a weekend'],
    ['2024-12-10', '2025-01-02', '2024-12-31 is nyårsafton, then nyårsdagen'],
    ['2025-12-10', '2026-01-02', 'nyårsafton and nyårsdagen'],
    ['2024-12-16', '2025-01-07', '2025-01-06 is trettondedag jul'],
    ['2024-12-20', '2025-01-10', 'a Friday: nothing moves'],
  ];
  for (const [posted, lastAppealOn, why] of cases) {
    it(`posted ${posted}: the last day of appeal is ${lastAppealOn} (${why}), and the notice comes down the day after`, async () => {
      const run = await dates('--posted', posted);
      expect(run).toMatchObject({ code: 0, err: '' });
      const takeDownOn = new Date(Date.parse(`${lastAppealOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(run.dates).toEqual({ adjustedOn: null, latestPostingOn: null, postedOn: posted, lastAppealOn, postedUntilOn: lastAppealOn, takeDownOn });
    });
  }

  it('with --adjusted, gives the latest posting day and warns on standard error when the notice went up after it', async () => {
    const onTime = await dates('--adjusted', '2024-12-19', '--posted', '2024-12-20');
    expect(onTime).toMatchObject({ code: 0, err: '' });
    expect(onTime.dates).toMatchObject({ adjustedOn: '2024-12-19', latestPostingOn: '2024-12-21', postedOn: '2024-12-20', lastAppealOn: '2025-01-10' });

    // Adjusted on the Friday before Christmas, posted on the Monday: late by a day (KL 8:12), and the
    // appeal time still runs from the real posting day.
    const late = await dates('--adjusted', '2024-12-20', '--posted', '2024-12-23');
    expect(late.code).toBe(0);
    expect(late.dates).toMatchObject({ latestPostingOn: '2024-12-22', lastAppealOn: '2025-01-13', takeDownOn: '2025-01-14' });
    expect(late.err).toBe('warning: posted after the latest posting day 2024-12-22 (KL 8:12)\n');
  });

  it('refuses a bad date with exit 1, naming the option', async () => {
    expect(await dates('--posted', '2024-13-01')).toMatchObject({ code: 1, out: '', err: "error: --posted: expected a date YYYY-MM-DD, got '2024-13-01'\n" });
    expect(await dates('--posted', '24/12/2024')).toMatchObject({ code: 1, out: '', err: "error: --posted: expected a date YYYY-MM-DD, got '24/12/2024'\n" });
    expect(await dates('--posted', '2024-12-20', '--adjusted', '2024-02-30')).toMatchObject({
      code: 1,
      out: '',
      err: "error: --adjusted: expected a date YYYY-MM-DD, got '2024-02-30'\n",
    });
    // Both wrong: both are named.
    expect((await dates('--posted', 'jul', '--adjusted', 'nyår')).err).toBe(
      "error: --posted: expected a date YYYY-MM-DD, got 'jul'\nerror: --adjusted: expected a date YYYY-MM-DD, got 'nyår'\n",
    );
    expect(await dates('--adjusted', '2024-12-20', '--posted', '2024-12-19')).toMatchObject({
      code: 1,
      out: '',
      err: 'error: --posted: the notice cannot be posted (2024-12-19) before the minutes are adjusted (2024-12-20)\n',
    });
    const missing = await dates('--adjusted', '2024-12-20');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("error: required option '--posted <date>' not specified");
  });
});
