/**
 * Paragraf (§) numbering: the §§ of one body run through the calendar year, 1, 2, 3 … and start again at 1 in
 * January. Numbering is practice written into arbetsordningar and reglementen, not a statute.
 */
import { InputError, type Problem } from '../errors.ts';
import { isIsoDate } from './legal-dates.ts';

/** The next § number for a body in a year, given the numbers it has already used that year. */
export function nextParagraphNumber(existingNumbersOfBodyInYear: readonly number[]): number {
  let highest = 0;
  for (const number of existingNumbersOfBodyInYear) if (number > highest) highest = number;
  return highest + 1;
}

/**
 * The first and last § a protocol covers ("Paragrafer §§ 44–53") as found in its items, for minutes whose header
 * does not state it: a meeting planned and minuted here has numbered items but no stated range. Null when no item
 * is numbered (notes with points only).
 */
export function paragraphRangeOf(numbers: readonly (number | null)[]): { first: number; last: number } | null {
  let first: number | null = null;
  let last: number | null = null;
  for (const number of numbers) {
    if (number === null) continue;
    if (first === null || number < first) first = number;
    if (last === null || number > last) last = number;
  }
  return first === null || last === null ? null : { first, last };
}

/** § numbers for a meeting's items, continuing from the body's last § of the meeting's year. */
export function assignParagraphNumbers(options: {
  meetingOn: string;
  itemsCount: number;
  /** The body's highest § so far in the meeting's year; 0 or null when it is the year's first meeting. */
  lastNumberInYear: number | null;
}): { year: number; numbers: number[] } {
  const { meetingOn, itemsCount, lastNumberInYear } = options;
  const problems: Problem[] = [];
  if (!isIsoDate(meetingOn)) {
    problems.push({ path: 'meetingOn', code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${meetingOn}'` });
  }
  if (!Number.isInteger(itemsCount) || itemsCount < 0) {
    problems.push({ path: 'itemsCount', code: 'invalid_count', message: 'must be a whole number, 0 or more' });
  }
  if (lastNumberInYear !== null && (!Number.isInteger(lastNumberInYear) || lastNumberInYear < 0)) {
    problems.push({ path: 'lastNumberInYear', code: 'invalid_paragraph_number', message: 'must be a whole number, 0 or more' });
  }
  if (problems.length > 0) throw new InputError(problems);

  const first = (lastNumberInYear ?? 0) + 1;
  return {
    year: Number(meetingOn.slice(0, 4)),
    numbers: Array.from({ length: itemsCount }, (_, index) => first + index),
  };
}

/**
 * Numbering problems in one meeting's items, in order: a missing number, a duplicate, a number not higher than
 * the one before, a gap (a § that seems to be missing), and, when the body's last § of the year is given, a
 * first § that does not follow it.
 */
export function findNumberingProblems(
  items: readonly { number: number | null }[],
  options: { lastNumberInYear?: number | null; path?: string } = {},
): Problem[] {
  const { lastNumberInYear = null, path = 'items' } = options;
  const problems: Problem[] = [];
  const firstIndexOf = new Map<number, number>();
  let previous: number | null = null;

  items.forEach((item, index) => {
    const at = `${path}[${index}].number`;
    const number = item.number;
    if (number === null) {
      problems.push({ path: at, code: 'missing_paragraph_number', message: 'the item has no § number' });
      return;
    }
    const earlier = firstIndexOf.get(number);
    if (earlier !== undefined) {
      problems.push({
        path: at,
        code: 'duplicate_paragraph_number',
        message: `§ ${number} is used twice (also at ${path}[${earlier}])`,
      });
    } else {
      firstIndexOf.set(number, index);
      if (previous !== null && number < previous) {
        problems.push({
          path: at,
          code: 'paragraph_number_not_increasing',
          message: `§ ${number} comes after § ${previous}`,
        });
      } else if (previous !== null && number > previous + 1) {
        problems.push({
          path: at,
          code: 'paragraph_number_gap',
          message: `§ ${number} follows § ${previous}: ${gapText(previous, number)} missing`,
        });
      } else if (previous === null && lastNumberInYear !== null && number !== lastNumberInYear + 1) {
        problems.push({
          path: at,
          code: 'paragraph_number_not_continuous',
          message: `the first § is ${number} but the body's last § this year was ${lastNumberInYear}`,
        });
      }
    }
    if (previous === null || number > previous) previous = number;
  });
  return problems;
}

function gapText(previous: number, next: number): string {
  return next === previous + 2 ? `§ ${previous + 1} is` : `§§ ${previous + 1}–${next - 1} are`;
}
