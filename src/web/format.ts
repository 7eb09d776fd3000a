/**
 * Dates, times and names in Swedish conventions: 'torsdag 7 maj 2020', 'kl. 09.00', names sorted with the
 * Swedish collation (å, ä, ö last). Calendar dates are formatted in UTC so that they never shift a day.
 */
import type { Language } from './i18n/index.ts';

const formats = {
  sv: {
    long: new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    short: new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
    dayMonth: new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'short' }),
  },
  en: {
    long: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    short: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
    dayMonth: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }),
  },
};

const stockholmTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

function utc(isoDate: string): Date {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!));
}

/** '2020-05-07' → 'torsdag 7 maj 2020'. */
export function longDate(isoDate: string, language: Language = 'sv'): string {
  return formats[language].long.format(utc(isoDate));
}

/** '2020-05-07' → '7 maj 2020'. */
export function shortDate(isoDate: string, language: Language = 'sv'): string {
  return formats[language].short.format(utc(isoDate));
}

/** '09:00' or '09:00:00' → 'kl. 09.00' (Swedish) or '09:00' (English). */
export function clock(time: string, language: Language = 'sv'): string {
  const hhmm = time.slice(0, 5);
  return language === 'sv' ? `kl. ${hhmm.replace(':', '.')}` : hhmm;
}

/** 'kl. 09.00–11.30' from a start and an end time. */
export function timeSpan(start: string | null, end: string | null, language: Language = 'sv'): string | null {
  if (!start) return null;
  if (!end) return clock(start, language);
  return `${clock(start, language)}\u2013${language === 'sv' ? end.slice(0, 5).replace(':', '.') : end.slice(0, 5)}`;
}

/** An instant as Swedish local date and time: '2026-05-07 kl. 14.05'. */
export function instant(at: string | Date, language: Language = 'sv'): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const time = stockholmTime.format(date);
  return language === 'sv' ? `${stockholmDate.format(date)} kl. ${time.replace(':', '.')}` : `${stockholmDate.format(date)} ${time}`;
}

/** '§ 12' or '§§ 12–20'. */
export function paragraphRange(first: number | null, last: number | null): string | null {
  if (first === null) return null;
  if (last === null || last === first) return `§ ${first}`;
  return `§§ ${first}\u2013${last}`;
}

/** The Swedish collation, for sorting names. */
export const swedishOrder = new Intl.Collator('sv');
