/**
 * Dates and clock times as Swedish minutes write them: "2020-05-07", "7 maj 2020", "måndag 21 oktober
 * 2024", "7/5 2020", "07.05.2020"; "09.00-12.00", "kl. 13:00–14:40", "09.00–ca 12.00", "kl 13-16".
 */
import {
  englishMonth,
  ENGLISH_MONTH_PATTERN,
  swedishMonth,
  SWEDISH_MONTH_PATTERN,
  WEEKDAY_PATTERN,
} from './lexicon/months.ts';

export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

const ISO_DATE = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/gu;
const WORD_DATE = new RegExp(
  `(?<![\\p{L}\\d])(?:(?:${WEEKDAY_PATTERN})(?:en)?\\s+)?(?:den\\s+)?(\\d{1,2})(?::e|:a)?\\s+(${SWEDISH_MONTH_PATTERN})\\.?,?\\s+(\\d{4})(?!\\d)`,
  'giu',
);
const SLASH_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\s*-\s*|\s+|\/)(\d{4})(?!\d)/gu;
const DOTTED_DATE = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/gu;

function isoOf(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Every date in `text`, in order of position. */
export function findDates(text: string): FoundDate[] {
  if (!/\d/.test(text)) return [];
  const found: FoundDate[] = [];
  const add = (iso: string | undefined, m: RegExpExecArray) => {
    if (iso) found.push({ iso, index: m.index, length: m[0].length });
  };
  for (const m of text.matchAll(ISO_DATE)) add(isoOf(Number(m[1]), Number(m[2]), Number(m[3])), m);
  for (const m of /\d\s+\p{L}/u.test(text) ? text.matchAll(WORD_DATE) : []) {
    const month = swedishMonth(m[2] ?? '');
    if (month) add(isoOf(Number(m[3]), month, Number(m[1])), m);
  }
  for (const m of text.matchAll(SLASH_DATE)) add(isoOf(Number(m[3]), Number(m[2]), Number(m[1])), m);
  for (const m of text.matchAll(DOTTED_DATE)) add(isoOf(Number(m[3]), Number(m[2]), Number(m[1])), m);
  found.sort((a, b) => a.index - b.index);
  // Overlapping matches (a weekday phrase and the bare date inside it) keep the longer one.
  const out: FoundDate[] = [];
  for (const d of found) {
    const last = out[out.length - 1];
    if (last && d.index < last.index + last.length) {
      if (d.length > last.length) out[out.length - 1] = d;
      continue;
    }
    out.push(d);
  }
  return out;
}

export function firstDate(text: string): string | null {
  return findDates(text)[0]?.iso ?? null;
}

/** Removes dates (and the weekday in front of them) from `text`, leaving the rest for a place name. */
export function removeDates(text: string): string {
  const dates = findDates(text);
  let out = text;
  for (let i = dates.length - 1; i >= 0; i--) {
    const d = dates[i]!;
    out = `${out.slice(0, d.index)} ${out.slice(d.index + d.length)}`;
  }
  return out.replace(new RegExp(`(?<!\\p{L})(?:${WEEKDAY_PATTERN})(?:en)?(?!\\p{L})(?:\\s+den)?`, 'giu'), ' ');
}

export interface TimeRange {
  start: string | null;
  end: string | null;
}

const TIME_TOKEN = String.raw`(?<![\d.:])([01]?\d|2[0-3])[.:]([0-5]\d)(?![\d:]|\.\d)`;
const HOUR_AFTER_KL = String.raw`(?<=\bkl(?:ockan)?\.?\s{0,3})([01]?\d|2[0-3])(?![\d.:])`;
const RANGE_SEPARATOR = String.raw`\s*(?:[-–—]|till|to)\s*(?:ca\.?\s*|cirka\s*|omkring\s*)?(?:kl\.?\s*)?`;
const TIME_ANY = new RegExp(`${TIME_TOKEN}|${HOUR_AFTER_KL}`, 'giu');
const RANGE_END_HOUR = new RegExp(`^${RANGE_SEPARATOR}([01]?\\d|2[0-3])(?![\\d:]|\\.\\d)`, 'iu');
const RANGE_END_TIME = new RegExp(`^${RANGE_SEPARATOR}([01]?\\d|2[0-3])[.:]([0-5]\\d)(?!\\d)`, 'iu');
/** Breaks and adjournments are not the meeting's start or end. */
const BREAK = /(?:ajourn\p{L}*|paus|lunch|uppehåll)\s*:?\s*(?:kl\.?\s*)?[\d.:]+\s*[-–—]\s*[\d.:]+/giu;

function hhmm(h: string, m = '00'): string {
  return `${h.padStart(2, '0')}:${m}`;
}

/** The start and end time in `text`; dates are removed first so "2020-05-07" is not read as a time. */
export function parseTimeRange(text: string): TimeRange {
  if (!/\d/.test(text)) return { start: null, end: null };
  const cleaned = removeDates(text).replace(BREAK, ' ');
  const times: Array<{ value: string; end: string | null }> = [];
  for (const m of cleaned.matchAll(TIME_ANY)) {
    const value = m[1] !== undefined ? hhmm(m[1], m[2]) : hhmm(m[3] ?? '0');
    const after = cleaned.slice((m.index ?? 0) + m[0].length);
    const endTime = RANGE_END_TIME.exec(after);
    // "kl. 9–12" and "kl. 9.30–12": a bare hour ends the range when it is later than the start.
    const endHourMatch = endTime ? null : RANGE_END_HOUR.exec(after);
    const startHour = Number(m[1] ?? m[3] ?? 0);
    const endHour =
      endHourMatch && (m[3] !== undefined || (Number(endHourMatch[1]) > startHour && !/^[.:,]\d/u.test(after.slice(endHourMatch[0].length))))
        ? endHourMatch
        : null;
    const end = endTime ? hhmm(endTime[1]!, endTime[2]) : endHour ? hhmm(endHour[1]!) : null;
    times.push({ value, end });
  }
  if (times.length === 0) return { start: null, end: null };
  const start = times[0]!.value;
  const withEnd = [...times].reverse().find((t) => t.end !== null);
  let end = withEnd?.end ?? null;
  if (!end && times.length > 1) end = times[times.length - 1]!.value;
  if (end === start) end = null;
  return { start, end };
}

/** Removes clock times and "kl." from `text`. */
const TIME_WITH_KL = new RegExp(
  `(?:\\bkl(?:ockan)?\\.?\\s*)?(?:${TIME_TOKEN}|(?<=\\bkl(?:ockan)?\\.?\\s{0,3})\\d{1,2}(?![\\d.:]))(?:${RANGE_SEPARATOR}(?:\\d{1,2}[.:]\\d{2}|\\d{1,2}(?![\\d.:])))?`,
  'giu',
);

export function removeTimes(text: string): string {
  if (!/\d|kl/i.test(text)) return text;
  return text
    .replace(BREAK, ' ')
    .replace(TIME_WITH_KL, ' ')
    .replace(/\bkl(?:ockan)?\.?(?=\s|$)/giu, ' ');
}

const SIGNING_STAMP = new RegExp(
  `(${ENGLISH_MONTH_PATTERN})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})(?:,|\\s+at)?\\s+(\\d{1,2}):(\\d{2})(?::\\d{2})?\\s*(AM|PM)?\\s*(?:(GMT|UTC)\\s*([+-]\\d{1,2})(?::?(\\d{2}))?|(CEST|CET))?`,
  'iu',
);
const ISO_STAMP =
  /(\d{4})-(\d{2})-(\d{2})(?:T|\s+(?:kl\.?\s*)?)(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?\s*\(?(?:(GMT|UTC)\s*(?:([+-]\d{1,2})(?::?(\d{2}))?)?|(CEST|CET)|([+-]\d{2}):?(\d{2}))?/u;

/**
 * A signing time printed by an e-signing service, e.g. "Jun 4, 2020 15:37 GMT+2", as ISO 8601 with offset.
 * Without a printed zone the Swedish offset of that day is used (CET, CEST from the last Sunday in March
 * to the last Sunday in October).
 */
export function parseSigningTime(text: string): string | null {
  let year: number, month: number, day: number, hour: number, minute: number;
  let offset: string | null = null;
  let stamp: string;
  const m = SIGNING_STAMP.exec(text);
  if (m) {
    month = englishMonth(m[1] ?? '') ?? 0;
    day = Number(m[2]);
    year = Number(m[3]);
    hour = Number(m[4]);
    minute = Number(m[5]);
    stamp = m[0];
    if (m[6]?.toUpperCase() === 'PM' && hour < 12) hour += 12;
    if (m[6]?.toUpperCase() === 'AM' && hour === 12) hour = 0;
    if (m[8]) offset = formatOffset(Number(m[8]), Number(m[9] ?? 0));
    else if (m[7]) offset = '+00:00';
    else if (m[10]) offset = m[10].toUpperCase() === 'CEST' ? '+02:00' : '+01:00';
  } else {
    const s = ISO_STAMP.exec(text);
    if (!s) return null;
    year = Number(s[1]);
    month = Number(s[2]);
    day = Number(s[3]);
    hour = Number(s[4]);
    minute = Number(s[5]);
    stamp = s[0];
    if (s[7]) offset = formatOffset(Number(s[7]), Number(s[8] ?? 0));
    else if (s[6]) offset = '+00:00';
    else if (s[9]) offset = s[9].toUpperCase() === 'CEST' ? '+02:00' : '+01:00';
    else if (s[10]) offset = `${s[10]}:${s[11]}`;
  }
  const date = isoOf(year, month, day);
  if (!date || hour > 23 || minute > 59) return null;
  offset ??= isSwedishSummerTime(year, month, day) ? '+02:00' : '+01:00';
  // Seconds only when the stamp prints them ("2025-03-17 09:13:10 CET").
  const seconds = /[T\s]\d{1,2}[:.]\d{2}[:.]([0-5]\d)(?!\d)/u.exec(stamp)?.[1] ?? '00';
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${seconds}${offset}`;
}

function formatOffset(hours: number, minutes: number): string {
  const sign = hours < 0 ? '-' : '+';
  return `${sign}${String(Math.abs(hours)).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

function isSwedishSummerTime(year: number, month: number, day: number): boolean {
  if (month > 3 && month < 10) return true;
  if (month === 3) return day >= lastSunday(year, 3);
  if (month === 10) return day < lastSunday(year, 10);
  return false;
}
