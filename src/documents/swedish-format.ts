/**
 * Swedish formatting of dates, times and § references as protocols print them. Calendar dates are
 * formatted in UTC so that a date never shifts with the time zone of the machine that renders it.
 */

const dateInWords = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const EN_DASH = '\u2013';

function utcDate(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!));
}

/** '2020-05-07' → 'torsdag 7 maj 2020' (Node 20's full ICU gives the Swedish names). */
export function formatDateInWords(isoDate: string): string {
  return dateInWords.format(utcDate(isoDate));
}

/** '09:00' → '09.00': Swedish protocols write the clock with a full stop. */
export function formatClock(time: string): string {
  return time.replace(':', '.');
}

/** The time span of a meeting: 'kl. 09.00–12.00', 'kl. 09.00', or null when no time is known. */
export function formatTimeSpan(start: string | null, end: string | null): string | null {
  if (start && end) return `kl. ${formatClock(start)}${EN_DASH}${formatClock(end)}`;
  if (start) return `kl. ${formatClock(start)}`;
  if (end) return `kl. ${EN_DASH}${formatClock(end)}`;
  return null;
}

/** A range of §§: '§ 12' for one, '§§ 12–20' for several. */
export function formatParagraphRange(first: number, last: number): string {
  return first === last ? `§ ${first}` : `§§ ${first}${EN_DASH}${last}`;
}

/**
 * A limited attendance as written in the data ('10-12', '18, 19, 26', '22') printed with § signs:
 * '§§ 10–12', '§§ 18, 19, 26', '§ 22'. Hyphens between digits become en dashes, the typographic range sign.
 */
export function formatParagraphList(paragraphs: string): string {
  const typeset = paragraphs.trim().replace(/(\d)\s*-\s*(\d)/g, `$1${EN_DASH}$2`);
  const single = /^\d+$/.test(typeset);
  return `${single ? '§' : '§§'} ${typeset}`;
}

/**
 * A signing instant as printed under a signature: '2020-06-04 kl. 15.37 (UTC+02:00)'. The offset is
 * kept as written so that the printed time is the signer's local time and can be read back exactly.
 */
export function formatSigningTime(signedAt: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(signedAt.trim());
  if (!match) return signedAt;
  const [, date, hours, minutes, seconds, zone] = match;
  const clock = seconds && seconds !== '00' ? `${hours}.${minutes}.${seconds}` : `${hours}.${minutes}`;
  const offset = !zone || zone === 'Z' ? 'UTC' : `UTC${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  return `${date} kl. ${clock} (${offset})`;
}
