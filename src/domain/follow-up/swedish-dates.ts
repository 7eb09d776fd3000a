/**
 * Dates as Swedish decisions write them: ISO dates, "den 15 mars 2021", "i november", "för perioden
 * 2019–2022". Pure: the meeting date stands in for "now" when a year is left out.
 */
import { addDays, isIsoDate } from '../legal-dates.ts';

/** Månadernas namn, index 0 = januari. */
export const SWEDISH_MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** A month of a year (månad), e.g. the month of "sammanträdet i november". */
export interface YearMonth {
  year: number;
  /** 1–12. */
  month: number;
}

const monthPattern = SWEDISH_MONTHS.join('|');

/** The month number (1–12) of a Swedish month name, or null. */
export function monthOfName(name: string): number | null {
  const index = SWEDISH_MONTHS.indexOf(name.toLocaleLowerCase('sv') as (typeof SWEDISH_MONTHS)[number]);
  return index < 0 ? null : index + 1;
}

/** The last calendar day of a month, YYYY-MM-DD. */
export function lastDayOfMonth(month: YearMonth): string {
  const next = month.month === 12 ? `${month.year + 1}-01-01` : `${month.year}-${String(month.month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/**
 * The month named without a year, taken as the first such month after the meeting: "i november" said in
 * September 2020 is November 2020, said in December 2020 it is November 2021.
 */
export function nextMonthNamed(month: number, meetingOn: string): YearMonth {
  const year = Number(meetingOn.slice(0, 4));
  const meetingMonth = Number(meetingOn.slice(5, 7));
  return { year: month > meetingMonth ? year : year + 1, month };
}

/** A date written as "2021-03-15" or "15 mars 2021" (or "den 15 mars", year from the meeting) in the text, or null. */
export function findDate(text: string, meetingOn: string | null): string | null {
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text);
  if (iso && isIsoDate(iso[1]!)) return iso[1]!;
  const written = new RegExp(`\\b(\\d{1,2})\\s+(${monthPattern})(?:\\s+(\\d{4}))?\\b`, 'i').exec(text);
  if (!written) return null;
  const month = monthOfName(written[2]!)!;
  const day = Number(written[1]);
  let year: number | null = written[3] ? Number(written[3]) : null;
  if (year === null) {
    if (!meetingOn) return null;
    const candidate = `${meetingOn.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    year = candidate >= meetingOn ? Number(meetingOn.slice(0, 4)) : Number(meetingOn.slice(0, 4)) + 1;
  }
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}

/** Every ISO date (YYYY-MM-DD) written in the text, in order. */
export function findIsoDates(text: string): string[] {
  return [...text.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((m) => m[1]!).filter(isIsoDate);
}

/** The regular expression source of a Swedish month name, for phrase patterns. */
export const MONTH_NAME_PATTERN = monthPattern;
