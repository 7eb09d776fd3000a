/**
 * The legal clocks of a KL body: kallelse, justering, anslag, appeal and take-down. Dates are calendar dates as
 * ISO strings (YYYY-MM-DD); the clocks never read the real date, `today` is always passed in.
 */
import { InputError, type Problem } from '../errors.ts';
import type { RuleProfile } from './rule-profile.ts';
import { swedishHolidayOn } from './swedish-holidays.ts';

/** Days from the anslag to the last appeal day: three weeks (KL 13:5). */
export const APPEAL_DAYS = 21;
/** The anslag is posted no later than the second day after justering (KL 8:12). */
export const NOTICE_POSTING_DAYS = 2;
/** Justering within 14 days after the meeting (KL 5:69). */
export const ADJUSTMENT_DAYS = 14;
/** From this day after the meeting, an unadjusted protocol is flagged as due soon. */
export const ADJUSTMENT_WARNING_DAY = 10;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Throws InputError (`invalid_date`, naming `path`) unless the text is a real date YYYY-MM-DD. */
export function assertIsoDate(text: string, path: string): void {
  if (!isIsoDate(text)) {
    throw new InputError({ path, code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${text}'` });
  }
}

/** The date `days` calendar days after (or, when negative, before) `date`. */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date, 'date') + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to, 'to') - toEpochDay(from, 'from');
}

/** Whether the day is a Saturday, Sunday, allmän helgdag, midsommarafton, julafton or nyårsafton (lag 1930:173). */
export function isNonWorkingDay(date: string): boolean {
  const weekday = new Date(toEpochDay(date, 'date') * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6 || swedishHolidayOn(date) !== undefined;
}

/** The day itself if it is a working day, otherwise the next one (lag 1930:173, "nästa vardag"). */
export function nextWorkingDay(date: string): string {
  let day = date;
  while (isNonWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The calendar date in Sweden (Europe/Stockholm) of an instant such as `2020-10-09T22:30:00Z`. */
export function swedishDateOf(instant: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time) || !/T\d{2}:\d{2}/.test(instant)) {
    throw new InputError({ path: 'at', code: 'invalid_instant', message: `expected an ISO 8601 date-time, got '${instant}'` });
  }
  return SWEDISH_DATE.format(time);
}

/**
 * Today in Sweden: the calendar date in Europe/Stockholm at the instant `now`. The edges pass the real
 * clock (`todayInSweden(new Date())`); the rules only ever see the date it gives.
 */
export function todayInSweden(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new InputError({ path: 'now', code: 'invalid_instant', message: 'expected a valid instant' });
  return SWEDISH_DATE.format(now);
}

// 'sv-SE' formats as YYYY-MM-DD; the time zone database is part of Node, so this stays pure.
const SWEDISH_DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Anslagsdatum: the dates of the notice that the minutes have been adjusted. */
export interface NoticeDates {
  /** Justeringsdag; null when only the posting day is known. */
  adjustedOn: string | null;
  /** Senaste anslagsdag: justering + 2 days (KL 8:12); null without a justering date. */
  latestPostingOn: string | null;
  /** Anslaget sätts upp. */
  postedOn: string;
  /** Sista dag för överklagande: posted + 21 days, moved to the next working day (KL 13:5, lag 1930:173). */
  lastAppealOn: string;
  /** Anslaget sitter uppe till och med: the last day the notice must be on the board, the last appeal day. */
  postedUntilOn: string;
  /** Anslaget tas ned: the earliest day the notice may come down, the day after the appeal time has run out. */
  takeDownOn: string;
  /** Whether the notice was posted after the latest posting day (KL 8:12); the appeal time still runs from postedOn. */
  postedLate: boolean;
}

/**
 * The anslag dates for a justering and/or a posting day. Without `postedOn` the notice is assumed posted on the
 * justering day, which gives the earliest last appeal day. Null when the profile has no appeal clock.
 */
export function noticeDates(options: { adjustedOn?: string | null; postedOn?: string | null; profile?: RuleProfile }): NoticeDates | null {
  const { adjustedOn = null, postedOn: givenPostedOn = null, profile } = options;
  if (profile && !(profile.clocks.notice && profile.clocks.appeal)) return null;
  const problems: Problem[] = [];
  if (adjustedOn !== null && !isIsoDate(adjustedOn)) problems.push(dateProblem('adjustedOn', adjustedOn));
  if (givenPostedOn !== null && !isIsoDate(givenPostedOn)) problems.push(dateProblem('postedOn', givenPostedOn));
  if (adjustedOn === null && givenPostedOn === null) {
    problems.push({ path: 'postedOn', code: 'missing_date', message: 'a justering date or a posting date is needed' });
  }
  if (problems.length > 0) throw new InputError(problems);
  if (adjustedOn !== null && givenPostedOn !== null && givenPostedOn < adjustedOn) {
    throw new InputError({
      path: 'postedOn',
      code: 'posted_before_adjusted',
      message: `the notice cannot be posted (${givenPostedOn}) before the minutes are adjusted (${adjustedOn})`,
    });
  }

  const postedOn = givenPostedOn ?? (adjustedOn as string);
  // KL 8:12
  const latestPostingOn = adjustedOn === null ? null : addDays(adjustedOn, NOTICE_POSTING_DAYS);
  // KL 13:5, lag 1930:173
  const lastAppealOn = nextWorkingDay(addDays(postedOn, APPEAL_DAYS));
  return {
    adjustedOn,
    latestPostingOn,
    postedOn,
    lastAppealOn,
    // KL 8:12: the notice stays on the board until the appeal time has run out, so through the last appeal day.
    postedUntilOn: lastAppealOn,
    takeDownOn: addDays(lastAppealOn, 1),
    postedLate: latestPostingOn !== null && postedOn > latestPostingOn,
  };
}

/** Justeringsfrist: the last day to adjust the minutes, meeting + 14 days (KL 5:69). */
export function adjustmentDeadline(meetingOn: string): string {
  assertIsoDate(meetingOn, 'meetingOn');
  return addDays(meetingOn, ADJUSTMENT_DAYS);
}

/** Status of the justering deadline for minutes not yet adjusted. */
export type AdjustmentStatus = 'ok' | 'due_soon' | 'overdue';

/** Whether unadjusted minutes are within time ('ok'), from day 10 ('due_soon') or past the deadline ('overdue'). */
export function adjustmentStatus(options: { meetingOn: string; today: string }): AdjustmentStatus {
  const { meetingOn, today } = options;
  assertIsoDate(meetingOn, 'meetingOn');
  assertIsoDate(today, 'today');
  const day = daysBetween(meetingOn, today);
  if (day > ADJUSTMENT_DAYS) return 'overdue';
  if (day >= ADJUSTMENT_WARNING_DAY) return 'due_soon';
  return 'ok';
}

/** Status of a kallelse: sent in time or late, or not sent yet and due later, today, or already late. */
export type MeetingNoticeStatus = 'sent_on_time' | 'sent_late' | 'pending' | 'due_today' | 'late';

/**
 * Kallelse: when it must go out (meeting − noticeDays; fullmäktige at least a week before, KL 5:53 (check);
 * nämnder per their reglemente) and where it stands given `today`.
 */
export function meetingNoticeStatus(options: {
  meetingOn: string;
  sentOn?: string | null;
  noticeDays: number;
  today: string;
}): { status: MeetingNoticeStatus; latestSendOn: string } {
  const { meetingOn, sentOn = null, noticeDays, today } = options;
  const problems: Problem[] = [];
  if (!isIsoDate(meetingOn)) problems.push(dateProblem('meetingOn', meetingOn));
  if (sentOn !== null && !isIsoDate(sentOn)) problems.push(dateProblem('sentOn', sentOn));
  if (!isIsoDate(today)) problems.push(dateProblem('today', today));
  if (!Number.isInteger(noticeDays) || noticeDays < 0) {
    problems.push({ path: 'noticeDays', code: 'invalid_rule_value', message: 'must be a whole number of days, 0 or more' });
  }
  if (problems.length > 0) throw new InputError(problems);

  const latestSendOn = addDays(meetingOn, -noticeDays);
  let status: MeetingNoticeStatus;
  if (sentOn !== null) status = sentOn <= latestSendOn ? 'sent_on_time' : 'sent_late';
  else if (today < latestSendOn) status = 'pending';
  else if (today === latestSendOn) status = 'due_today';
  else status = 'late';
  return { status, latestSendOn };
}

function dateProblem(path: string, value: string): Problem {
  return { path, code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${value}'` };
}

function toEpochDay(date: string, path: string): number {
  assertIsoDate(date, path);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
