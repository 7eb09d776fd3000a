/**
 * Month and weekday names as they appear in Swedish minutes, plus the English month abbreviations that
 * e-signing services (Adobe Sign, Scrive) print in their signature stamps.
 */
const SWEDISH_MONTHS: Record<string, number> = {
  januari: 1, jan: 1,
  februari: 2, febr: 2, feb: 2,
  mars: 3, mar: 3,
  april: 4, apr: 4,
  maj: 5,
  juni: 6, jun: 6,
  juli: 7, jul: 7,
  augusti: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  oktober: 10, okt: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

const ENGLISH_MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};

/** Month number for a Swedish month name or abbreviation (case-insensitive, trailing dot allowed). */
export function swedishMonth(word: string): number | undefined {
  return SWEDISH_MONTHS[word.toLowerCase().replace(/\.$/, '')];
}

/** Month number for an English month name or abbreviation. */
export function englishMonth(word: string): number | undefined {
  return ENGLISH_MONTHS[word.toLowerCase().replace(/\.$/, '')];
}

/** Alternation of Swedish month words for use inside regular expressions, longest first. */
export const SWEDISH_MONTH_PATTERN = Object.keys(SWEDISH_MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

export const ENGLISH_MONTH_PATTERN = Object.keys(ENGLISH_MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Weekday names, which often precede a date ("Måndag 21 oktober 2024") and carry no information. */
export const WEEKDAY_PATTERN = 'måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|mån|tis|ons|tors|fre|lör|sön';
