import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import {
  addDays,
  adjustmentDeadline,
  adjustmentStatus,
  daysBetween,
  isIsoDate,
  isNonWorkingDay,
  meetingNoticeStatus,
  nextWorkingDay,
  noticeDates,
  swedishDateOf,
  todayInSweden,
} from './legal-dates.ts';
import { ruleProfileFor } from './rule-profile.ts';

function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['20-10-10', false],
    ['2020-10-10T00:00', false],
  ])('judges %s as %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2020-10-10', 21, '2020-10-31'],
    ['2024-02-08', 21, '2024-02-29'],
    ['2023-02-08', 21, '2023-03-01'],
    ['2024-12-20', 21, '2025-01-10'],
    ['2024-03-31', -1, '2024-03-30'],
    ['2024-10-27', 1, '2024-10-28'],
  ])('%s plus %i days is %s, whatever the daylight saving change', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('refuses a date that does not exist', () => {
    expect(inputErrorOf(() => addDays('2023-02-29', 1)).problems[0]).toMatchObject({ path: 'date', code: 'invalid_date' });
  });
});

describe('isNonWorkingDay', () => {
  it.each([
    ['2024-09-07', true, 'a Saturday'],
    ['2024-09-08', true, 'a Sunday'],
    ['2024-09-09', false, 'an ordinary Monday'],
    ['2024-03-29', true, 'långfredagen'],
    ['2024-04-01', true, 'annandag påsk'],
    ['2024-05-01', true, 'första maj'],
    ['2024-05-09', true, 'Kristi himmelsfärdsdag'],
    ['2024-06-06', true, 'nationaldagen'],
    ['2024-06-21', true, 'midsommarafton (lag 1930:173)'],
    ['2024-11-01', false, 'allhelgonaafton, a half day'],
    ['2024-12-24', true, 'julafton (lag 1930:173)'],
    ['2024-12-31', true, 'nyårsafton (lag 1930:173)'],
    ['2025-01-06', true, 'trettondedag jul'],
    ['2024-01-05', false, 'trettondagsafton, a half day'],
    ['2024-04-30', false, 'valborgsmässoafton, a half day'],
    ['2024-05-20', false, 'annandag pingst since 2005'],
    ['2025-06-09', false, 'annandag pingst since 2005'],
    ['2024-03-28', false, 'skärtorsdagen'],
  ])('judges %s as non-working: %s (%s)', (date, expected) => {
    expect(isNonWorkingDay(date)).toBe(expected);
  });
});

describe('nextWorkingDay', () => {
  it.each([
    ['2024-09-09', '2024-09-09', 'a working day is its own next working day'],
    ['2024-09-07', '2024-09-09', 'Saturday moves to Monday'],
    ['2024-03-29', '2024-04-02', 'långfredagen moves past the whole Easter weekend'],
    ['2024-12-24', '2024-12-27', 'julafton moves past Christmas'],
    ['2021-12-31', '2022-01-03', 'nyårsafton on a Friday moves to Monday in the new year'],
  ])('%s → %s: %s', (date, expected) => {
    expect(nextWorkingDay(date)).toBe(expected);
  });
});

describe('noticeDates', () => {
  describe('the worked examples of DOMAIN.md', () => {
    it('moves the last appeal day from Saturday alla helgons dag 2020-10-31 to Monday 2020-11-02 (seed 002)', () => {
      expect(noticeDates({ postedOn: '2020-10-10' })).toMatchObject({
        postedOn: '2020-10-10',
        lastAppealOn: '2020-11-02',
        postedUntilOn: '2020-11-02',
        takeDownOn: '2020-11-03',
      });
    });

    it('keeps 2018-04-24 as the last appeal day and takes the notice down on 2018-04-25 (Kramfors)', () => {
      expect(noticeDates({ postedOn: '2018-04-03' })).toMatchObject({
        lastAppealOn: '2018-04-24',
        postedUntilOn: '2018-04-24',
        takeDownOn: '2018-04-25',
      });
    });

    it('moves nyårsafton 2024-12-31 past nyårsdagen to 2025-01-02', () => {
      expect(noticeDates({ postedOn: '2024-12-10' })?.lastAppealOn).toBe('2025-01-02');
    });
  });

  it.each([
    // posted, last appeal day, why
    ['2024-09-02', '2024-09-23', 'three weeks from a Monday is a Monday'],
    ['2024-09-07', '2024-09-30', 'posted on a Saturday, +21 is a Saturday'],
    ['2024-09-08', '2024-09-30', 'posted on a Sunday, +21 is a Sunday'],
    ['2019-04-01', '2019-04-23', 'annandag påsk 2019'],
    ['2020-03-20', '2020-04-14', 'långfredagen 2020 moves past annandag påsk'],
    ['2024-03-08', '2024-04-02', 'långfredagen 2024'],
    ['2024-03-11', '2024-04-02', 'annandag påsk 2024'],
    ['2025-03-28', '2025-04-22', 'långfredagen 2025'],
    ['2025-03-31', '2025-04-22', 'annandag påsk 2025'],
    ['2026-03-13', '2026-04-07', 'långfredagen 2026'],
    ['2024-04-18', '2024-05-10', 'Kristi himmelsfärdsdag 2024'],
    ['2025-05-08', '2025-05-30', 'Kristi himmelsfärdsdag 2025'],
    ['2026-04-23', '2026-05-15', 'Kristi himmelsfärdsdag 2026'],
    ['2024-04-09', '2024-04-30', 'valborgsmässoafton is a working day'],
    ['2024-04-10', '2024-05-02', 'första maj on a Wednesday'],
    ['2021-04-10', '2021-05-03', 'första maj on a Saturday'],
    ['2025-04-10', '2025-05-02', 'första maj on a Thursday'],
    ['2024-05-16', '2024-06-07', 'nationaldagen on a Thursday'],
    ['2025-05-16', '2025-06-09', 'nationaldagen on a Friday, then pingst weekend; annandag pingst is a working day'],
    ['2024-05-31', '2024-06-24', 'midsommarafton 2024'],
    ['2025-05-30', '2025-06-23', 'midsommarafton 2025'],
    ['2024-10-11', '2024-11-01', 'allhelgonaafton is a working day'],
    ['2024-10-12', '2024-11-04', 'alla helgons dag 2024'],
    ['2021-12-03', '2021-12-27', 'julafton on a Friday'],
    ['2022-12-03', '2022-12-27', 'julafton on a Saturday, annandag jul on Monday'],
    ['2024-12-03', '2024-12-27', 'julafton on a Tuesday'],
    ['2021-12-10', '2022-01-03', 'nyårsafton on a Friday, into the next year'],
    ['2024-12-11', '2025-01-02', 'nyårsdagen'],
    ['2024-12-20', '2025-01-10', 'across the year boundary on an ordinary day'],
    ['2023-12-15', '2024-01-05', 'trettondagsafton is a working day'],
    ['2023-12-16', '2024-01-08', 'trettondedag jul on a Saturday'],
    ['2024-12-16', '2025-01-07', 'trettondedag jul on a Monday'],
    ['2025-12-16', '2026-01-07', 'trettondedag jul on a Tuesday'],
    ['2024-02-08', '2024-02-29', 'leap day'],
    ['2023-02-08', '2023-03-01', 'no leap day'],
  ])('posted %s gives last appeal day %s (%s)', (postedOn, lastAppealOn) => {
    const dates = noticeDates({ postedOn });
    expect(dates?.lastAppealOn).toBe(lastAppealOn);
    expect(dates?.postedUntilOn).toBe(lastAppealOn);
    expect(dates?.takeDownOn).toBe(addDays(lastAppealOn, 1));
  });

  it.each([
    ['2020-10-08', '2020-10-10', '2020-10-10', false],
    ['2020-10-07', '2020-10-10', '2020-10-09', true],
    ['2020-10-10', '2020-10-10', '2020-10-12', false],
  ])('adjusted %s and posted %s: latest posting day %s, posted late %s (KL 8:12)', (adjustedOn, postedOn, latest, late) => {
    expect(noticeDates({ adjustedOn, postedOn })).toMatchObject({ adjustedOn, latestPostingOn: latest, postedLate: late });
  });

  it('assumes the notice is posted on the justering day when no posting day is given', () => {
    expect(noticeDates({ adjustedOn: '2020-10-10' })).toEqual({
      adjustedOn: '2020-10-10',
      latestPostingOn: '2020-10-12',
      postedOn: '2020-10-10',
      lastAppealOn: '2020-11-02',
      postedUntilOn: '2020-11-02',
      takeDownOn: '2020-11-03',
      postedLate: false,
    });
  });

  it('refuses a notice posted before the minutes were adjusted', () => {
    expect(inputErrorOf(() => noticeDates({ adjustedOn: '2020-10-10', postedOn: '2020-10-09' })).code).toBe(
      'posted_before_adjusted',
    );
  });

  it('names every bad date at once', () => {
    const error = inputErrorOf(() => noticeDates({ adjustedOn: '2020-13-01', postedOn: '10/10/2020' }));
    expect(error.problems.map((problem) => problem.path)).toEqual(['adjustedOn', 'postedOn']);
  });

  it('asks for at least one date', () => {
    expect(inputErrorOf(() => noticeDates({})).code).toBe('missing_date');
  });

  it.each([
    ['municipal', 'decision_making', true],
    ['kommunalforbund', 'decision_making', true],
    ['samordningsforbund', 'decision_making', true],
    ['association', 'decision_making', false],
    ['municipal', 'network', false],
  ] as const)('for a %s %s body the notice clock applies: %s', (organisationType, bodyKind, applies) => {
    const profile = ruleProfileFor({ organisationType, bodyKind });
    expect(noticeDates({ postedOn: '2020-10-10', profile }) !== null).toBe(applies);
  });
});

describe('adjustmentDeadline', () => {
  it.each([
    ['2020-10-01', '2020-10-15'],
    ['2024-12-20', '2025-01-03'],
    ['2024-02-20', '2024-03-05'],
  ])('a meeting on %s must be adjusted by %s (KL 5:69)', (meetingOn, deadline) => {
    expect(adjustmentDeadline(meetingOn)).toBe(deadline);
  });
});

describe('adjustmentStatus', () => {
  it.each([
    ['2024-03-01', 'ok', 'on the meeting day'],
    ['2024-03-10', 'ok', 'on day 9'],
    ['2024-03-11', 'due_soon', 'from day 10'],
    ['2024-03-15', 'due_soon', 'on the deadline, day 14'],
    ['2024-03-16', 'overdue', 'the day after the deadline'],
  ])('for a meeting on 2024-03-01, on %s the status is %s (%s)', (today, status) => {
    expect(adjustmentStatus({ meetingOn: '2024-03-01', today })).toBe(status);
  });
});

describe('meetingNoticeStatus', () => {
  const meetingOn = '2024-09-20';
  it.each([
    [{ sentOn: '2024-09-13', today: '2024-09-20' }, 'sent_on_time'],
    [{ sentOn: '2024-09-01', today: '2024-09-02' }, 'sent_on_time'],
    [{ sentOn: '2024-09-14', today: '2024-09-14' }, 'sent_late'],
    [{ today: '2024-09-12' }, 'pending'],
    [{ today: '2024-09-13' }, 'due_today'],
    [{ today: '2024-09-14' }, 'late'],
    [{ today: '2024-09-25' }, 'late'],
  ])('with a week’s notice, %o gives %s', (situation, status) => {
    expect(meetingNoticeStatus({ meetingOn, noticeDays: 7, ...situation })).toEqual({ status, latestSendOn: '2024-09-13' });
  });

  it('refuses a negative number of notice days', () => {
    expect(inputErrorOf(() => meetingNoticeStatus({ meetingOn, noticeDays: -1, today: meetingOn })).problems[0]?.path).toBe(
      'noticeDays',
    );
  });
});

describe('swedishDateOf', () => {
  it.each([
    ['2020-10-09T22:30:00Z', '2020-10-10', 'half past midnight in Stockholm summer time'],
    ['2020-12-31T22:59:59Z', '2020-12-31', 'one second before midnight in winter'],
    ['2020-12-31T23:00:00Z', '2021-01-01', 'midnight in winter'],
    ['2020-10-10T09:00:00+02:00', '2020-10-10', 'with an offset'],
  ])('gives %s the Swedish date %s (%s)', (instant, date) => {
    expect(swedishDateOf(instant)).toBe(date);
  });

  it('refuses a bare date, which has no time zone', () => {
    expect(inputErrorOf(() => swedishDateOf('2020-10-10')).code).toBe('invalid_instant');
  });
});

describe('todayInSweden', () => {
  it.each([
    ['2024-06-30T22:30:00Z', '2024-07-01', 'after midnight in Stockholm summer time, still 30 June in UTC'],
    ['2024-12-31T22:59:59Z', '2024-12-31', 'one second before midnight in winter'],
    ['2024-12-31T23:00:00Z', '2025-01-01', 'midnight in winter'],
    ['2024-03-31T00:30:00Z', '2024-03-31', 'the night summer time begins'],
  ])('gives the instant %s the Swedish date %s (%s)', (instant, date) => {
    expect(todayInSweden(new Date(instant))).toBe(date);
  });

  it('refuses an invalid Date', () => {
    expect(inputErrorOf(() => todayInSweden(new Date('not a date'))).code).toBe('invalid_instant');
  });
});
